// The administration's start page opens with what waits for someone: registrations to approve,
// open reports, mails not sent, failed background jobs; each figure links to where it is dealt
// with. A failed load says so and offers to try again (never reads as "nothing waits").
import { typed } from '../../api/typed';
import { t, tn, formatNumber } from '../../i18n';
import { Loading, useLoad } from '../ui';
import { RetryAlert } from '../RetryAlert';

export function AdminOverview() {
  const figures = useLoad((signal) => typed.get('/api/admin/overview', { signal }), []);
  const f = figures.data;
  return (
    <section aria-labelledby="admin-overview" class="admin-overview">
      <h2 id="admin-overview">{t('admin.overview')}</h2>
      {figures.loading && !f && <Loading />}
      <RetryAlert error={figures.error} onRetry={figures.reload} what={t('admin.overviewFailed')} busy={figures.loading} />
      {f && (
        <ul class="figures">
          <li class={f.people.awaiting_approval ? 'attention' : undefined}>
            <a href="/registrations">{tn('admin.overview.awaiting', f.people.awaiting_approval)}</a>
          </li>
          <li class={f.reports_open ? 'attention' : undefined}>
            <a href="/moderation">{tn('admin.overview.reports', f.reports_open)}</a>
          </li>
          <li class={f.mail.failed ? 'attention' : undefined}>
            <a href="/admin/jobs">{t('admin.overview.mail', { waiting: formatNumber(f.mail.waiting), failed: formatNumber(f.mail.failed) })}</a>
          </li>
          <li class={f.jobs_failed ? 'attention' : undefined}>
            <a href="/admin/jobs">{tn('admin.overview.jobs', f.jobs_failed)}</a>
          </li>
          <li>
            <a href="/admin/people">{tn('admin.overview.people', f.people.active, { n: formatNumber(f.people.active) })}</a>
          </li>
        </ul>
      )}
    </section>
  );
}
