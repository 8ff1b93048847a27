// Administration: the audit log of account administration.
import { AdminNav } from '../../components/AdminNav';
import { fetchAudit, type AuditEntry } from '../../api/admin';
import { t } from '../../i18n';
import { Page, Time } from '../../components/ui';
import { PagedFooter, usePaged } from '../../components/LoadMore';

/** The audit log of account administration (who changed which role, setting or text, when). */
export function AdminAuditPage() {
  // 100 entries a page, newest first; the next page starts below the last id shown.
  const entries = usePaged<AuditEntry>(async (before) => {
    const items = await fetchAudit(before);
    return { items, next: items.length === 100 ? String(items[items.length - 1].id) : null };
  }, []);
  return (
    <Page title={t('admin.audit')}>
      <AdminNav />
      <p>{t('admin.auditExplain')}</p>
      {entries.loaded && entries.items.length === 0 && !entries.error && <p>{t('admin.auditEmpty')}</p>}
      {entries.items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.auditWhen')}</th>
              <th scope="col">{t('admin.auditWho')}</th>
              <th scope="col">{t('admin.auditWhat')}</th>
              <th scope="col">{t('admin.auditTarget')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.items.map((e) => (
              <tr key={e.id}>
                <td>
                  <Time ms={e.at} />
                </td>
                <td>{e.actor_id ? <a href={`/people/${e.actor_id}`}>{t('moderation.person', { id: e.actor_id })}</a> : t('admin.system')}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.target_type ? `${e.target_type}${e.target_id ? ` ${e.target_id}` : ''}` : ''}
                  {Object.keys(e.details).length > 0 ? (
                    <>
                      <br />
                      <code>{JSON.stringify(e.details)}</code>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PagedFooter paged={entries} label={t('admin.loadMoreAudit')} />
    </Page>
  );
}
