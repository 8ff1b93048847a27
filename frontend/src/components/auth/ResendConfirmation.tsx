// "Send the confirmation e-mail again": on the sign-in page for an unconfirmed address, and on
// the "almost done" page after registering. The server answers alike for every address.
import { useState } from 'preact/hooks';
import { resendConfirmation } from '../../api/auth';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Notice, useAction } from '../ui';

export function ResendConfirmation(props: { email: string }) {
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction(async () => {
    await resendConfirmation(props.email);
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
