// The welcome page for visitors who are not signed in.
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Page } from '../../components/ui';

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
