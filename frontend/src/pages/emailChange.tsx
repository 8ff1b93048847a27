// The page the link in the mail to a new e-mail address opens: /email-change?token=...
import { useEffect, useState } from 'preact/hooks';
import { confirmEmailChange } from '../api/auth';
import { t } from '../i18n';
import { announce } from '../announce';
import { setState, useStore } from '../store';
import { ErrorAlert, Loading, Notice, Page } from '../components/ui';

export function EmailChangePage(props: { query: URLSearchParams }) {
  const token = props.query.get('token') ?? '';
  const { user } = useStore();
  const [state, setStatus] = useState<'working' | 'done' | 'error'>(token ? 'working' : 'error');
  const [error, setError] = useState<unknown>(token ? null : t('emailChange.noToken'));
  const [email, setEmail] = useState('');
  useEffect(() => {
    if (!token) return;
    confirmEmailChange(token)
      .then((changed) => {
        setEmail(changed);
        if (user) setState({ user: { ...user, email: changed } });
        setStatus('done');
        announce(t('emailChange.done', { email: changed }));
      })
      .catch((e) => {
        setError(e);
        setStatus('error');
      });
    // The token is used once: run only when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);
  return (
    <Page title={t('emailChange.title')}>
      {state === 'working' && <Loading />}
      {state === 'done' && (
        <Notice kind="success">
          <p>{t('emailChange.done', { email })}</p>
          <p>
            <a href={user ? '/settings' : '/login'}>{user ? t('emailChange.toSettings') : t('confirm.loginNow')}</a>
          </p>
        </Notice>
      )}
      {state === 'error' && (
        <>
          <ErrorAlert error={error} />
          <p>{t('emailChange.whatToDo')}</p>
        </>
      )}
    </Page>
  );
}
