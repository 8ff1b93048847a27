// Pending registrations (registration mode "approval"): administration staff and admins
// approve or decline each confirmed registration. A lazy chunk: only staff and admins open it.
// The list pages oldest first (cursor next_after); a decided entry leaves the list, is announced,
// and the focus moves on to the next entry so keyboard users keep their place.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { approveRegistration, declineRegistration, fetchPendingRegistrations, type PendingRegistration } from '../api/registrations';
import { registrationMode } from '../api/auth';
import { t, tn } from '../i18n';
import { announce } from '../announce';
import { useStore } from '../store';
import { ErrorAlert, Page, TextArea, Time, onSubmit, useAction, useLoad } from '../components/ui';
import { PagedFooter, usePaged } from '../components/LoadMore';
import { AdminNav } from '../components/AdminNav';

const PAGE_SIZE = 50;

/** A failed decision in words: what happened and what to do. */
export function decisionError(e: unknown): string | unknown {
  if (!(e instanceof ApiError)) return e;
  if (e.code === 'not_awaiting_approval' || e.status === 409) return t('registrations.alreadyDecided');
  if (e.status === 403) return t('registrations.forbidden');
  if (e.status === 404) return t('registrations.gone');
  return e;
}

function RegistrationEntry(props: {
  reg: PendingRegistration;
  onDecided: (id: number, message: string) => void;
  onReload: () => void;
}) {
  const r = props.reg;
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [doing, setDoing] = useState<'approve' | 'decline' | null>(null);
  const [stale, setStale] = useState(false);
  const declineButton = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const action = useAction(async (kind: 'approve' | 'decline') => {
    setDoing(kind);
    try {
      if (kind === 'approve') await approveRegistration(r.id);
      else await declineRegistration(r.id, reason.trim());
    } catch (e) {
      setDoing(null);
      setStale(e instanceof ApiError && (e.code === 'not_awaiting_approval' || e.status === 409 || e.status === 404));
      action.setError(decisionError(e));
      return;
    }
    props.onDecided(r.id, t(kind === 'approve' ? 'registrations.approved' : 'registrations.declined', { name: r.display_name }));
  });
  const busy = action.busy;

  // Opening the decline form puts the focus into its reason field; cancelling returns it.
  const opened = useRef(false);
  useEffect(() => {
    if (declining) formRef.current?.querySelector('textarea')?.focus();
    else if (opened.current) declineButton.current?.focus();
    opened.current = declining;
  }, [declining]);

  const headingId = `registration-${r.id}-name`;
  return (
    <li class="registration" aria-busy={busy ? 'true' : 'false'}>
      <h2 class="person-name" id={headingId} tabIndex={-1}>
        {r.display_name}
      </h2>
      <dl class="registration-facts">
        <div>
          <dt>{t('registrations.email')}</dt>
          <dd class="registration-email">{r.email}</dd>
        </div>
        <div>
          <dt>{t('registrations.neighbourhood')}</dt>
          <dd>{r.neighbourhood_name || t('registrations.noNeighbourhood')}</dd>
        </div>
        <div>
          <dt>{t('registrations.registeredAt')}</dt>
          <dd>
            <Time ms={r.created_at} />
          </dd>
        </div>
        <div>
          <dt>{t('registrations.confirmedAt')}</dt>
          <dd>
            <Time ms={r.email_confirmed_at} />
          </dd>
        </div>
      </dl>
      <ErrorAlert error={action.error} />
      {stale && (
        <p>
          <button type="button" class="button button-secondary" onClick={props.onReload}>
            {t('registrations.reload')}
          </button>
        </p>
      )}
      {!declining && (
        <p class="actions">
          <button
            type="button"
            class="button button-primary"
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => action.run('approve')}
          >
            {doing === 'approve' ? t('registrations.approving') : t('registrations.approve')}
            <span class="visually-hidden"> {r.display_name}</span>
          </button>
          <button
            type="button"
            class="button button-danger"
            ref={declineButton}
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => !busy && setDeclining(true)}
          >
            {t('registrations.decline')}
            <span class="visually-hidden"> {r.display_name}</span>
          </button>
        </p>
      )}
      {declining && (
        <form
          class="form decline-form"
          ref={formRef}
          aria-label={t('registrations.declineFormLabel', { name: r.display_name })}
          onSubmit={onSubmit(() => action.run('decline'))}
          noValidate
        >
          <TextArea
            label={t('registrations.reason')}
            hint={t('registrations.reasonHint')}
            value={reason}
            onValue={setReason}
            rows={3}
            maxLength={2000}
          />
          <p class="actions">
            <button type="submit" class="button button-danger" aria-disabled={busy ? 'true' : undefined}>
              {doing === 'decline' ? t('registrations.declining') : t('registrations.confirmDecline')}
              <span class="visually-hidden"> {r.display_name}</span>
            </button>
            <button
              type="button"
              class="button button-secondary"
              aria-disabled={busy ? 'true' : undefined}
              onClick={() => {
                if (busy) return;
                action.setError(null);
                setDeclining(false);
              }}
            >
              {t('registrations.cancel')}
            </button>
          </p>
        </form>
      )}
    </li>
  );
}

export function RegistrationsPage() {
  const { user } = useStore();
  // The mode in force (an admin may have changed it since the server started); a hint only.
  const setup = useLoad((signal) => registrationMode(signal).catch(() => null), []);
  const list = usePaged<PendingRegistration>(
    (after) => fetchPendingRegistrations(after, PAGE_SIZE),
    [],
    { loadedMessage: (count) => tn('registrations.loadedMore', count) },
  );
  const [focusNext, setFocusNext] = useState<number | null | undefined>(undefined);

  // After a decision the entry is gone: focus the next one's name, else the page's heading.
  useEffect(() => {
    if (focusNext === undefined) return;
    const target = focusNext !== null ? document.getElementById(`registration-${focusNext}-name`) : null;
    (target ?? document.querySelector<HTMLElement>('main h1'))?.focus();
    setFocusNext(undefined);
  }, [focusNext]);

  // The list as last rendered: a decision that finishes later than another still sees the other's removal.
  const shown = useRef(list);
  shown.current = list;
  const decided = (id: number, message: string) => {
    const { items, next } = shown.current;
    const index = items.findIndex((i) => i.id === id);
    const rest = items.filter((i) => i.id !== id);
    list.setItems((old) => old.filter((i) => i.id !== id));
    announce(rest.length === 0 && next === null ? `${message} ${t('registrations.empty')}` : message);
    setFocusNext(rest.length ? rest[Math.min(Math.max(index, 0), rest.length - 1)].id : null);
    // Everything loaded so far is decided but more are waiting: fetch them.
    if (rest.length === 0 && next !== null) list.more();
  };

  const mode = setup.data;
  return (
    <Page title={t('registrations.title')}>
      {user?.role === 'admin' && <AdminNav />}
      <p>{t('registrations.explain')}</p>
      {mode && mode !== 'approval' && (
        <p class="hint">
          {t('registrations.modeNotApproval')}
          {user?.role === 'admin' && (
            <>
              {' '}
              <a href="/admin/registration">{t('registrations.changeMode')}</a>
            </>
          )}
        </p>
      )}
      {list.loaded && list.items.length === 0 && list.next === null && !list.error && <p class="empty-state">{t('registrations.empty')}</p>}
      {list.items.length > 0 && (
        <ul class="registration-list" aria-label={t('registrations.listLabel')}>
          {list.items.map((r) => (
            <RegistrationEntry key={r.id} reg={r} onDecided={decided} onReload={list.reload} />
          ))}
        </ul>
      )}
      <PagedFooter paged={list} label={t('registrations.loadMore')} endText={t('registrations.allShown')} />
    </Page>
  );
}
