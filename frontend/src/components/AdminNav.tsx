// The administration's section navigation, shown on every admin page.
import { t } from '../i18n';

export function AdminNav() {
  return (
    <nav aria-label={t('admin.sections')} class="toc">
      <ul>
        <li><a href="/admin/people">{t('admin.people')}</a></li>
        <li><a href="/admin/invitations">{t('admin.invitations')}</a></li>
        <li><a href="/admin/registration">{t('admin.registration')}</a></li>
        <li><a href="/registrations">{t('admin.registrations')}</a></li>
        <li><a href="/admin/neighbourhoods">{t('admin.neighbourhoods')}</a></li>
        <li><a href="/admin/legal">{t('admin.legal')}</a></li>
        <li><a href="/admin/audit">{t('admin.audit')}</a></li>
        <li><a href="/admin/jobs">{t('admin.jobs')}</a></li>
        <li><a href="/admin">{t('admin.plugins')}</a></li>
      </ul>
    </nav>
  );
}
