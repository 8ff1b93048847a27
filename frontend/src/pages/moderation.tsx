// The moderation queue (reports) and the moderation log, for moderators and admins.
import { fetchModerationLog, fetchOpenReports, moderate, type ModerationAction, type ModerationLogEntry, type ReportData as Report } from '../api/moderation';
import { fetchItem } from '../api/content';
import { itemTitle } from '../components/Item';
import { t } from '../i18n';
import { announce } from '../announce';
import { useState } from 'preact/hooks';
import { ErrorAlert, Loading, Page, TextArea, Time, useAction, useLoad } from '../components/ui';
import { PagedFooter, usePaged } from '../components/LoadMore';

/** One open report: what was reported, why, and the moderator's decision with a logged reason. */
function ReportEntry(props: { report: Report; onDone: () => void }) {
  const r = props.report;
  const [reason, setReason] = useState('');
  const item = useLoad(async (signal) => (r.content_id ? fetchItem(r.content_id, signal).catch(() => null) : null), [r.content_id]);
  const { busy, error, setError, run } = useAction(async (action: ModerationAction['action']) => {
    if (action !== 'dismiss' && !reason.trim()) {
      setError(t('moderation.reasonMissing'));
      return;
    }
    await moderate({ action, target_type: r.target_type, target_id: r.target_id, reason: reason.trim() });
    announce(t(`moderation.done.${action}`));
    props.onDone();
  });
  const title = item.data ? itemTitle(item.data) : t('moderation.item', { id: r.content_id || r.target_id });
  const hideAction = r.target_type === 'user' ? 'suspend' : 'hide';
  return (
    <li class="report-entry">
      <h2 class="report-title">
        {r.content_id ? <a href={`/content/${r.content_id}`}>{title}</a> : <a href={`/people/${r.target_id}`}>{t('moderation.person', { id: r.target_id })}</a>}
      </h2>
      <p class="item-meta">
        {t(`moderation.target.${r.target_type}`)} · {t('report.reason')}: {t(`report.reason.${r.reason}`)} · <Time ms={r.created_at} />
      </p>
      {item.data?.summary && <blockquote class="quote">{item.data.summary}</blockquote>}
      {r.details && (
        <p>
          {t('moderation.details')}: {r.details}
        </p>
      )}
      <ErrorAlert error={error} />
      <TextArea label={t('moderation.reason')} hint={t('moderation.reasonHint')} value={reason} onValue={setReason} rows={2} maxLength={2000} />
      <p class="actions">
        <button type="button" class="button button-danger" aria-disabled={busy ? 'true' : undefined} onClick={() => run(hideAction)}>
          {t(`moderation.action.${hideAction}`)}
        </button>
        <button type="button" class="button button-secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => run('dismiss')}>
          {t('moderation.action.dismiss')}
        </button>
      </p>
    </li>
  );
}

function ModerationLog(props: { version: number }) {
  // 50 entries a page, newest first; the next page starts below the last id shown.
  const log = usePaged<ModerationLogEntry>(async (before) => {
    const items = await fetchModerationLog(before, 50);
    return { items, next: items.length === 50 ? String(items[items.length - 1].id) : null };
  }, [props.version]);
  return (
    <section aria-labelledby="modlog-heading">
      <h2 id="modlog-heading">{t('moderation.log')}</h2>
      {log.loaded && log.items.length === 0 && !log.error && <p>{t('moderation.logEmpty')}</p>}
      {log.items.length > 0 && (
        <ul class="moderation-log" aria-busy={log.loading ? 'true' : 'false'}>
          {log.items.map((e) => (
            <li key={e.id}>
              <Time ms={e.created_at} /> · {e.moderator_id ? t('moderation.person', { id: e.moderator_id }) : t('admin.system')} ·{' '}
              <code>{e.action}</code> · {t(`moderation.target.${e.target_type}`)} {e.target_id}
              {e.reason ? ` · ${e.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
      <PagedFooter paged={log} label={t('moderation.loadMoreLog')} />
    </section>
  );
}

export function ModerationPage() {
  const reports = useLoad((signal) => fetchOpenReports(signal), []);
  const [version, setVersion] = useState(0);
  return (
    <Page title={t('moderation.title')}>
      <p>{t('moderation.explain')}</p>
      {reports.loading && <Loading />}
      <ErrorAlert error={reports.error} />
      {reports.data && reports.data.length === 0 && <p>{t('moderation.empty')}</p>}
      {reports.data && reports.data.length > 0 && (
        <ul class="report-list">
          {reports.data.map((r) => (
            <ReportEntry
              key={r.id}
              report={r}
              onDone={() => {
                reports.reload();
                setVersion((v) => v + 1);
              }}
            />
          ))}
        </ul>
      )}
      <ModerationLog version={version} />
    </Page>
  );
}
