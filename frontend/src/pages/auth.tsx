// Welcome, sign-in, registration, e-mail confirmation and password reset.
import { useEffect, useState } from 'preact/hooks';
import { api, listOf } from '../api';
import { t, setLanguage, pickLanguage } from '../i18n';
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

export function LoginPage(props: { query: URLSearchParams }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction(async () => {
    const data = await api.post('/api/auth/login', { email: email.trim(), password });
    const next = props.query.get('next');
    afterLogin(data, next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
  });
  return (
    <Page title={t('login.title')}>
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
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

export function RegisterPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [neighbourhood, setNeighbourhood] = useState('');
  const [done, setDone] = useState(false);
  const [localError, setLocalError] = useState('');
  const hoods = useLoad(async () => listOf<Neighbourhood>(await api.get('/api/neighbourhoods'), 'neighbourhoods'), []);
  const { busy, error, run } = useAction(async () => {
    setLocalError('');
    if (password.length < 12) {
      setLocalError(t('register.passwordTooShort'));
      return;
    }
    const body: Record<string, unknown> = { email: email.trim(), password, display_name: displayName.trim() };
    if (neighbourhood) body.neighbourhood_id = Number(neighbourhood);
    await api.post('/api/auth/register', body);
    setDone(true);
    announce(t('register.done'));
  });
  if (done) {
    return (
      <Page title={t('register.doneTitle')}>
        <Notice kind="success">
          <p>{t('register.done')}</p>
        </Notice>
      </Page>
    );
  }
  return (
    <Page title={t('register.title')} lead={t('register.lead')}>
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={localError || error} />
        <ErrorAlert error={hoods.error} />
        <Field label={t('field.displayName')} hint={t('register.displayNameHint')} autoComplete="nickname" required value={displayName} onValue={setDisplayName} />
        <Field label={t('field.email')} type="email" autoComplete="email" required value={email} onValue={setEmail} />
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
          error={localError ? localError : undefined}
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
        <p class="hint">
          {t('register.privacyNote')} <a href="/privacy">{t('footer.privacy')}</a>
        </p>
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
  const [state, setStatus] = useState<'working' | 'done' | 'error'>(token ? 'working' : 'error');
  const [error, setError] = useState<unknown>(token ? null : t('confirm.noToken'));
  useEffect(() => {
    if (!token) return;
    api
      .post('/api/auth/confirm', { token })
      .then(() => {
        setStatus('done');
        announce(t('confirm.done'));
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
      await api.post('/api/auth/password-reset', { token, password });
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
