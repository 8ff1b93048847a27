// The moderation queue (reports) and the moderation log, for moderators and admins.
import { api, listOf } from '../api';
import { itemTitle } from '../components/Item';
import { t } from '../i18n';
import { announce } from '../announce';
import { useState } from 'preact/hooks';
import { ErrorAlert, Loading, Page, TextArea, Time, useAction, useLoad } from '../components/ui';
import { PagedFooter, usePaged } from '../components/LoadMore';
import type { ContentItem } from '../types';

interface Report {
  id: number;
  target_type: 'content' | 'comment' | 'user';
  target_id: number;
  content_id: number;
  subject_user_id?: number;
  reason: string;
  details?: string;
  status?: string;
  created_at: number;
}

/** One open report: what was reported, why, and the moderator's decision with a logged reason. */
function ReportEntry(props: { report: Report; onDone: () => void }) {
  const r = props.report;
  const [reason, setReason] = useState('');
  const item = useLoad(async () => (r.content_id ? api.get<ContentItem>(`/api/content/${r.content_id}`).catch(() => null) : null), [r.content_id]);
  const { busy, error, setError, run } = useAction(async (action: string) => {
    if (action !== 'dismiss' && !reason.trim()) {
      setError(t('moderation.reasonMissing'));
      return;
    }
    await api.post('/api/moderation/actions', { action, target_type: r.target_type, target_id: r.target_id, reason: reason.trim() });
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

interface ModerationLogEntry {
  id: number;
  moderator_id: number;
  action: string;
  target_type: string;
  target_id: number;
  reason?: string;
  created_at: number;
}

function ModerationLog(props: { version: number }) {
  // 50 entries a page, newest first; the next page starts below the last id shown.
  const log = usePaged<ModerationLogEntry>(async (before) => {
    const items = listOf<ModerationLogEntry>(await api.get(`/api/moderation/log?limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`), 'items');
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
  const reports = useLoad(async () => listOf<Report>(await api.get('/api/moderation/reports?status=open'), 'reports'), []);
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
