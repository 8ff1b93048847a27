// E-mail confirmation with the token from the mail.
import { useEffect, useState } from 'preact/hooks';
import { confirmEmail } from '../../api/auth';
import { t } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Loading, Notice, Page } from '../../components/ui';

export function ConfirmPage(props: { query: URLSearchParams }) {
  const token = props.query.get('token') ?? '';
  const [state, setStatus] = useState<'working' | 'done' | 'approval' | 'error'>(token ? 'working' : 'error');
  const [error, setError] = useState<unknown>(token ? null : t('confirm.noToken'));
  useEffect(() => {
    if (!token) return;
    confirmEmail(token)
      .then((status) => {
        const approval = status === 'awaiting_approval';
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
