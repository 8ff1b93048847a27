// Password reset: ask for the mail, then set a new password with its token.
import { useState } from 'preact/hooks';
import { confirmPasswordReset, requestPasswordReset } from '../../api/auth';
import { t } from '../../i18n';
import { ErrorAlert, Field, Notice, Page, Submit, onSubmit, useAction } from '../../components/ui';

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
      await confirmPasswordReset(token, password);
    } else {
      await requestPasswordReset(email);
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
