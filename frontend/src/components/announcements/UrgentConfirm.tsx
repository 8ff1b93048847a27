// Before an urgent announcement goes out: what it says, to whom, and how many people and mails it
// reaches (GET /api/announcements/reach, the same people the announcement will notify). Sending
// needs a second, explicit press; Escape or "Abbrechen" keeps everything as written.
import { useEffect, useRef } from 'preact/hooks';
import { t, formatNumber } from '../../i18n';
import { useId } from '../ui';

export interface UrgentDraft {
  title: string;
  body: string;
  areaName: string;
  people: number;
  mails: number;
}

export function UrgentConfirm(props: { draft: UrgentDraft | null; onSend: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId('urgent');
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (props.draft && !d.open) d.showModal();
    if (!props.draft && d.open) d.close();
  }, [props.draft]);
  const draft = props.draft;
  return (
    <dialog ref={dialog} class="confirm-dialog" aria-labelledby={`${id}-title`} onClose={() => props.draft && props.onCancel()}>
      {draft && (
        <>
          <h2 id={`${id}-title`}>{t('announcements.confirmTitle')}</h2>
          <p>
            <strong data-testid="urgent-reach">
              {t('announcements.reach', { people: formatNumber(draft.people), mails: formatNumber(draft.mails), area: draft.areaName })}
            </strong>
          </p>
          <section class="urgent-preview" aria-label={t('announcements.preview')}>
            <h3>{draft.title}</h3>
            <p class="plain-lines">{draft.body}</p>
          </section>
          <p class="actions">
            <button type="button" class="button button-danger" onClick={props.onSend}>
              {t('announcements.sendUrgent')}
            </button>{' '}
            <button type="button" class="button button-secondary" onClick={props.onCancel}>
              {t('common.cancel')}
            </button>
          </p>
        </>
      )}
    </dialog>
  );
}
