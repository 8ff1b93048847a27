// Moderation queue and administration: what the server offers today.
import { api, listOf } from '../api';
import { t } from '../i18n';
import { announce } from '../announce';
import { useStore } from '../store';
import { registry } from '../plugins';
import { AdminNav } from './adminPages';
import { ErrorAlert, Loading, Page, Time, useAction, useLoad } from '../components/ui';
import type { Author, ContentItem } from '../types';

interface Report {
  id: number;
  content_id: number;
  reason?: string;
  details?: string;
  created_at: number;
  reporter?: Author | null;
  content?: ContentItem | null;
  status?: string;
}

export function ModerationPage() {
  const reports = useLoad(async () => listOf<Report>(await api.get('/api/moderation/reports'), 'reports'), []);
  const { error, run } = useAction(async (report: Report, action: 'hide' | 'dismiss') => {
    await api.post(`/api/moderation/reports/${report.id}`, { action });
    announce(action === 'hide' ? t('moderation.hidden') : t('moderation.dismissed'));
    reports.reload();
  });
  return (
    <Page title={t('moderation.title')}>
      {reports.loading && <Loading />}
      <ErrorAlert error={reports.error ?? error} />
      {reports.data && reports.data.length === 0 && <p>{t('moderation.empty')}</p>}
      {reports.data && reports.data.length > 0 && (
        <ul class="report-list">
          {reports.data.map((r) => (
            <li key={r.id} class="report-entry">
              <h2 class="report-title">
                <a href={`/content/${r.content_id}`}>{r.content?.title || t('moderation.item', { id: r.content_id })}</a>
              </h2>
              <p>
                {t('report.reason')}: {t(`report.reason.${r.reason ?? 'other'}`)} · <Time ms={r.created_at} />
              </p>
              {r.details && <p>{r.details}</p>}
              <p class="actions">
                <button type="button" class="button button-danger" onClick={() => run(r, 'hide')}>
                  {t('moderation.hide')}
                </button>{' '}
                <button type="button" class="button button-secondary" onClick={() => run(r, 'dismiss')}>
                  {t('moderation.dismiss')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function AdminPage() {
  const { meta } = useStore();
  return (
    <Page title={t('admin.title')}>
      <AdminNav />
      <section aria-labelledby="plugins-heading">
        <h2 id="plugins-heading">{t('admin.plugins')}</h2>
        <p>{t('admin.pluginsExplain')}</p>
        {meta.plugins.length === 0 ? (
          <p>{t('admin.noPlugins')}</p>
        ) : (
          <table class="table">
            <caption class="visually-hidden">{t('admin.plugins')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.plugin.name')}</th>
                <th scope="col">{t('admin.plugin.version')}</th>
                <th scope="col">{t('admin.plugin.description')}</th>
                <th scope="col">{t('admin.plugin.ui')}</th>
              </tr>
            </thead>
            <tbody>
              {meta.plugins.map((p) => {
                const failed = registry.failed.find((f) => f.name === p.name);
                return (
                  <tr key={p.name}>
                    <td>{p.name}</td>
                    <td>{p.version}</td>
                    <td>{p.description ?? ''}</td>
                    <td>{!p.ui ? t('admin.plugin.noUi') : failed ? t('admin.plugin.uiFailed', { reason: failed.reason }) : t('admin.plugin.uiLoaded')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  );
}
