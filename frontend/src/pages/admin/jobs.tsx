// Administration: the durable background jobs of the core and the plugins (GET /api/admin/jobs),
// each with its last run and last error; a failed or waiting job can be run again now.
import { AdminNav } from '../../components/AdminNav';
import { fetchJobs, retryJob, type Job } from '../../api/admin';
import { Fact } from '../../components/admin/Fact';
import { t } from '../../i18n';
import { ErrorAlert, Loading, Page, Time, useLoad } from '../../components/ui';
import { BusyButton } from '../../kit/forms/BusyButton';

function stateText(j: Job): string {
  if (j.running) return t('admin.jobs.running');
  return t(`admin.jobs.state.${j.state}`);
}

/** One job: a short list of facts that wraps on a phone, where a wide table would not fit. */
function JobEntry(props: { job: Job; onRetry: (id: number) => Promise<void> }) {
  const j = props.job;
  return (
    <li class="job" data-job={j.id}>
      <h2 class="job-name">
        <code>{j.name}</code> · {stateText(j)}
      </h2>
      <dl class="job-facts">
        <Fact label={t('admin.jobs.kind')}>
          {j.kind === 'schedule' ? t('admin.jobs.every', { seconds: Math.round(j.interval_ms / 1000) }) : t('admin.jobs.once')}
        </Fact>
        <Fact label={t('admin.jobs.lastRun')}>
          {j.last_run_at ? <Time ms={j.last_run_at} /> : t('admin.jobs.never')}
          {j.node ? ` (${j.node})` : ''}
        </Fact>
        {j.state === 'pending' && (
          <Fact label={t('admin.jobs.nextRun')}>
            <Time ms={j.run_at} />
          </Fact>
        )}
        <Fact label={t('admin.jobs.counts')}>{t('admin.jobs.countsValue', { runs: j.runs, failures: j.failures })}</Fact>
        {j.last_error && <Fact label={t('admin.jobs.lastError')}>{j.last_error}</Fact>}
      </dl>
      {(j.state === 'failed' || (j.state === 'pending' && !j.running)) && (
        <BusyButton onPress={() => props.onRetry(j.id)}>{t('admin.jobs.retry')}</BusyButton>
      )}
    </li>
  );
}

/** Background jobs, newest first: failed ones show their error and can be retried. */
export function AdminJobsPage() {
  const jobs = useLoad((signal) => fetchJobs(signal), []);
  const retry = async (id: number) => {
    await retryJob(id);
    jobs.reload();
  };
  return (
    <Page title={t('admin.jobs')}>
      <AdminNav />
      <p>{t('admin.jobs.explain')}</p>
      <ErrorAlert error={jobs.error} />
      {jobs.loading && !jobs.data && <Loading />}
      {jobs.data && jobs.data.length === 0 && <p>{t('admin.jobs.empty')}</p>}
      {jobs.data && jobs.data.length > 0 && (
        <ul class="job-list">
          {jobs.data.map((j) => (
            <JobEntry key={j.id} job={j} onRetry={retry} />
          ))}
        </ul>
      )}
    </Page>
  );
}
