// The unlock link from the mail (/unlock?token=...): one click makes this browser a known device of
// the account, which signs in although strangers' wrong passwords keep new devices locked out. A
// click, not the page load, spends the link: mail scanners that open links must not use it up.
import { useState } from 'preact/hooks';
import { confirmUnlock } from '../../api/auth';
import { t } from '../../i18n';
import { ErrorAlert, Notice, Page, Submit, onSubmit, useAction } from '../../components/ui';

export function UnlockPage(props: { query: URLSearchParams }) {
  const token = props.query.get('token') ?? '';
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction(async () => {
    await confirmUnlock(token);
    setDone(true);
  });
  if (!token) {
    return (
      <Page title={t('unlock.title')}>
        <Notice>
          <p>{t('unlock.noToken')}</p>
          <p>
            <a href="/login">{t('confirm.loginNow')}</a>
          </p>
        </Notice>
      </Page>
    );
  }
  if (done) {
    return (
      <Page title={t('unlock.title')}>
        <Notice kind="success">
          <p>{t('unlock.done')}</p>
          <p>
            <a href="/login">{t('confirm.loginNow')}</a>
          </p>
        </Notice>
      </Page>
    );
  }
  return (
    <Page title={t('unlock.title')} lead={t('unlock.lead')}>
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <ErrorAlert error={error} />
        <Submit busy={busy}>{t('unlock.submit')}</Submit>
      </form>
    </Page>
  );
}
