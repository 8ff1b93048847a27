// Administration start page: the enabled plugins, their declared settings, and the sections
// plugins add (slot "admin.sections").
import { t } from '../../i18n';
import { useStore } from '../../store';
import { registry } from '../../plugins';
import { AdminNav } from '../../components/AdminNav';
import { Page } from '../../components/ui';
import { Slot } from '../../plugins/slots';
import { PluginSettings } from './pluginSettings';

export function AdminPage() {
  const { meta, user } = useStore();
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
      <PluginSettings />
      <Slot name="admin.sections" context={{ user }} />
    </Page>
  );
}
