// Welcome, sign-in, registration, e-mail confirmation and password reset.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, listOf } from '../api';
import { t, setLanguage, pickLanguage, language } from '../i18n';
import { navigate } from '../router';
import { acceptSession, getState, setState, useStore } from '../store';
import { startLive } from '../live';
import { announce } from '../announce';
import { refreshUnread } from './notifications';
import { ErrorAlert, Field, Loading, Notice, Page, Select, Submit, onSubmit, useAction, useLoad } from '../components/ui';
import type { Neighbourhood } from '../types';

export function WelcomePage() {
  const { meta } = useStore();
  return (
    <Page title={meta.municipality.name ? t('welcome.title', { name: meta.municipality.name }) : t('welcome.titlePlain')}>
      <p class="lead">{t('welcome.lead')}</p>
      <ul class="feature-list">
        <li>{t('welcome.point.neighbourhood')}</li>
        <li>{t('welcome.point.help')}</li>
        <li>{t('welcome.point.administration')}</li>
        <li>{t('welcome.point.privacy')}</li>
      </ul>
      <p class="actions">
        <a class="button button-primary" href="/register">
          {t('welcome.register')}
        </a>{' '}
        <a class="button button-secondary" href="/login">
          {t('welcome.login')}
        </a>
      </p>
    </Page>
  );
}

/** After a successful sign-in: language from the person's setting, live updates, go home. */
export function afterLogin(data: unknown, to = '/'): void {
  const user = acceptSession(data);
  const meta = getState().meta;
  if (user?.language) setLanguage(pickLanguage(user.language, [], meta.languages, meta.default_language));
  setState({});
  startLive();
  refreshUnread();
  announce(t('auth.loggedIn'));
  navigate(to);
}

function ResendConfirmation(props: { email: string }) {
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction(async () => {
    await api.post('/api/auth/confirm/resend', { email: props.email.trim() });
    setSent(true);
    announce(t('login.resent'));
  });
  if (sent) return <Notice kind="success"><p>{t('login.resent')}</p></Notice>;
  return (
    <div>
      <ErrorAlert error={error} />
      <button type="button" class="button button-secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => run()}>
        {busy ? t('form.working') : t('login.resend')}
      </button>
    </div>
  );
}

export function LoginPage(props: { query: URLSearchParams }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction(async () => {
    const data = await api.post('/api/auth/login', { email: email.trim(), password });
    const next = props.query.get('next');
    afterLogin(data, next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
  });
  const unconfirmed = error instanceof ApiError && error.code === 'email_not_confirmed';
  return (
    <Page title={t('login.title')}>
      {props.query.get('expired') && (
        <Notice>
          <p>{t('auth.expired')}</p>
        </Notice>
      )}
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
        {unconfirmed && <ResendConfirmation email={email} />}
        <Field label={t('field.email')} type="email" autoComplete="username" required value={email} onValue={setEmail} />
        <Field
          label={t('field.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={setPassword}
        />
        <Submit busy={busy}>{t('login.submit')}</Submit>
      </form>
      <p>
        <a href="/password-reset">{t('login.forgot')}</a>
      </p>
      <p>
        {t('login.noAccount')} <a href="/register">{t('login.registerLink')}</a>
      </p>
    </Page>
  );
}

interface LegalIndex {
  privacy?: { version: number } | null;
  terms?: { version: number } | null;
}

export function RegisterPage(props: { query: URLSearchParams }) {
  const invitation = props.query.get('invitation') ?? '';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [neighbourhood, setNeighbourhood] = useState('');
  const [accept, setAccept] = useState(false);
  const [done, setDone] = useState<'' | 'confirmation_sent' | 'active'>('');
  const [passwordError, setPasswordError] = useState('');
  const hoods = useLoad(async () => listOf<Neighbourhood>(await api.get('/api/neighbourhoods'), 'neighbourhoods'), []);
  // What the server needs: the registration mode, and whether there are terms to agree to.
  const setup = useLoad(async () => {
    const [mode, legal] = await Promise.all([
      api.get<{ mode?: string }>('/api/auth/registration').catch(() => ({ mode: 'open' })),
      api.get<LegalIndex>('/api/legal').catch(() => ({}) as LegalIndex),
    ]);
    return { mode: mode?.mode ?? 'open', terms: !!legal?.terms, privacy: !!legal?.privacy };
  }, []);
  const needsConsent = !!(setup.data && (setup.data.terms || setup.data.privacy));
  const { busy, error, setError, run } = useAction(async () => {
    setPasswordError('');
    if (password.length < 12) {
      setPasswordError(t('register.passwordTooShort'));
      setError(t('register.fixErrors'));
      return;
    }
    if (needsConsent && !accept) {
      setError(t('register.consentMissing'));
      return;
    }
    const body: Record<string, unknown> = {
      email: email.trim(),
      password,
      display_name: displayName.trim(),
      language: language(),
    };
    if (neighbourhood) body.neighbourhood_id = Number(neighbourhood);
    if (needsConsent) body.accept_terms = accept;
    if (invitation) body.invitation = invitation;
    const data = (await api.post('/api/auth/register', body)) as { status?: string } | undefined;
    const status = data?.status === 'active' ? 'active' : 'confirmation_sent';
    setDone(status);
    announce(status === 'active' ? t('register.active') : t('register.done'));
  });
  if (done) {
    return (
      <Page title={done === 'active' ? t('register.activeTitle') : t('register.doneTitle')}>
        <Notice kind="success">
          <p>{done === 'active' ? t('register.active') : t('register.done')}</p>
          {setup.data?.mode === 'approval' && done !== 'active' && <p>{t('register.approvalNote')}</p>}
          {done === 'active' && (
            <p>
              <a href="/login">{t('confirm.loginNow')}</a>
            </p>
          )}
        </Notice>
      </Page>
    );
  }
  if (setup.data?.mode === 'invite' && !invitation) {
    return (
      <Page title={t('register.title')}>
        <Notice>
          <p>{t('register.inviteOnly')}</p>
        </Notice>
        <p>
          {t('register.haveAccount')} <a href="/login">{t('register.loginLink')}</a>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('register.title')} lead={invitation ? t('register.leadInvitation') : t('register.lead')}>
      {setup.data?.mode === 'approval' && <p class="hint">{t('register.approvalNote')}</p>}
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
        <ErrorAlert error={hoods.error} />
        <Field label={t('field.displayName')} hint={t('register.displayNameHint')} autoComplete="nickname" required value={displayName} onValue={setDisplayName} />
        <Field
          label={t('field.email')}
          hint={invitation ? t('register.invitationEmailHint') : undefined}
          type="email"
          autoComplete="email"
          required
          value={email}
          onValue={setEmail}
        />
        <Field
          label={t('field.password')}
          hint={t('register.passwordHint')}
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          maxLength={128}
          value={password}
          onValue={setPassword}
          error={passwordError || undefined}
        />
        {hoods.loading ? (
          <Loading />
        ) : (
          <Select
            label={t('field.neighbourhood')}
            hint={t('register.neighbourhoodHint')}
            value={neighbourhood}
            onValue={setNeighbourhood}
            options={[
              { value: '', label: t('register.neighbourhoodNone') },
              ...(hoods.data ?? []).map((n) => ({ value: String(n.id), label: n.name })),
            ]}
          />
        )}
        {needsConsent ? (
          <div class="field checkbox">
            <input id="register-accept" type="checkbox" checked={accept} onChange={(e) => setAccept((e.target as HTMLInputElement).checked)} />
            <label for="register-accept">
              {t('register.accept')} (<a href="/terms">{t('footer.terms')}</a>, <a href="/privacy">{t('footer.privacy')}</a>)
            </label>
          </div>
        ) : (
          <p class="hint">
            {t('register.privacyNote')} <a href="/privacy">{t('footer.privacy')}</a>
          </p>
        )}
        <Submit busy={busy}>{t('register.submit')}</Submit>
      </form>
      <p>
        {t('register.haveAccount')} <a href="/login">{t('register.loginLink')}</a>
      </p>
    </Page>
  );
}

export function ConfirmPage(props: { query: URLSearchParams }) {
  const token = props.query.get('token') ?? '';
  const [state, setStatus] = useState<'working' | 'done' | 'approval' | 'error'>(token ? 'working' : 'error');
  const [error, setError] = useState<unknown>(token ? null : t('confirm.noToken'));
  useEffect(() => {
    if (!token) return;
    api
      .post('/api/auth/confirm', { token })
      .then((data) => {
        const approval = (data as { status?: string } | undefined)?.status === 'awaiting_approval';
        setStatus(approval ? 'approval' : 'done');
        announce(approval ? t('confirm.approval') : t('confirm.done'));
      })
      .catch((e) => {
        setError(e);
        setStatus('error');
      });
  }, [token]);
  return (
    <Page title={t('confirm.title')}>
      {state === 'working' && <Loading />}
      {state === 'done' && (
        <Notice kind="success">
          <p>{t('confirm.done')}</p>
          <p>
            <a href="/login">{t('confirm.loginNow')}</a>
          </p>
        </Notice>
      )}
      {state === 'approval' && (
        <Notice kind="success">
          <p>{t('confirm.approval')}</p>
        </Notice>
      )}
      {state === 'error' && (
        <>
          <ErrorAlert error={error} />
          <p>{t('confirm.whatToDo')}</p>
        </>
      )}
    </Page>
  );
}

export function PasswordResetPage(props: { query: URLSearchParams }) {
  const token = props.query.get('token') ?? '';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useAction(async () => {
    if (token) {
      if (password.length < 12) {
        setError(t('register.passwordTooShort'));
        return;
      }
      await api.post('/api/auth/password-reset/confirm', { token, password });
    } else {
      await api.post('/api/auth/password-reset', { email: email.trim() });
    }
    setDone(true);
  });
  if (done) {
    return (
      <Page title={t('reset.title')}>
        <Notice kind="success">
          <p>{token ? t('reset.changed') : t('reset.sent')}</p>
          {token && (
            <p>
              <a href="/login">{t('confirm.loginNow')}</a>
            </p>
          )}
        </Notice>
      </Page>
    );
  }
  return (
    <Page title={t('reset.title')} lead={token ? t('reset.leadNew') : t('reset.lead')}>
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
        {token ? (
          <Field
            label={t('field.newPassword')}
            hint={t('register.passwordHint')}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onValue={setPassword}
          />
        ) : (
          <Field label={t('field.email')} type="email" autoComplete="email" required value={email} onValue={setEmail} />
        )}
        <Submit busy={busy}>{token ? t('reset.submitNew') : t('reset.submit')}</Submit>
      </form>
    </Page>
  );
}
