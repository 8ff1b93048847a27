// The pages the router itself shows: not found (or a malformed address), not for your role,
// sign in first. Part of the first page's JavaScript.
import { t } from '../i18n';
import { Page } from '../components/ui';

export function NotFoundPage(props: { malformed?: boolean }) {
  return (
    <Page title={t('notFound.title')}>
      <p>{props.malformed ? t('notFound.malformed') : t('notFound.text')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </Page>
  );
}

export function ForbiddenPage() {
  return (
    <Page title={t('forbidden.title')}>
      <p>{t('forbidden.text')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </Page>
  );
}

export function LoginRequiredPage(props: { path: string }) {
  return (
    <Page title={t('loginRequired.title')}>
      <p>{t('loginRequired.text')}</p>
      <p>
        <a class="button button-primary" href={`/login?next=${encodeURIComponent(props.path)}`}>
          {t('nav.login')}
        </a>
      </p>
    </Page>
  );
}
