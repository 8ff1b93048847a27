// Sign-in, with "send the confirmation again" for an unconfirmed address and "send an unlock
// link" for an account that wrong passwords have locked for new devices.
import { afterLogin } from '../../session/afterLogin';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { login, requestUnlock } from '../../api/auth';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Field, Notice, Page, Submit, onSubmit, useAction } from '../../components/ui';
import { ResendConfirmation } from '../../components/auth/ResendConfirmation';
import { DemoMailHint } from '../../components/auth/DemoMailHint';

// Strangers' wrong passwords lock an account for devices it has not seen; its owner gets a link
// by mail that makes this browser a known one.
function SendUnlockLink(props: { email: string }) {
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction(async () => {
    await requestUnlock(props.email);
    setSent(true);
    announce(t('login.unlockSent'));
  });
  if (sent) return <Notice kind="success"><p>{t('login.unlockSent')}</p></Notice>;
  return (
    <div>
      <ErrorAlert error={error} />
      <button type="button" class="button button-secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => run()}>
        {busy ? t('form.working') : t('login.unlock')}
      </button>
    </div>
  );
}

export function LoginPage(props: { query: URLSearchParams }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction(async () => {
    const data = await login(email, password);
    const next = props.query.get('next');
    afterLogin(data, next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
  });
  const unconfirmed = error instanceof ApiError && error.code === 'email_not_confirmed';
  const locked = error instanceof ApiError && error.code === 'login_locked';
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
        {locked && <SendUnlockLink email={email} />}
        {(unconfirmed || locked) && <DemoMailHint />}
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
