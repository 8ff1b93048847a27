// Administration start page: what waits for someone (the overview), the enabled plugins with
// their declared settings, and the sections plugins add (slot "admin.sections").
import { t } from '../../i18n';
import { useStore } from '../../store';
import { AdminNav } from '../../components/AdminNav';
import { Page } from '../../components/ui';
import { Slot } from '../../plugins/slots';
import { AdminPlugins } from '../../components/admin/PluginSettings';
import { AdminOverview } from '../../components/admin/Overview';

export function AdminPage() {
  const { user } = useStore();
  return (
    <Page title={t('admin.title')}>
      <AdminNav />
      <AdminOverview />
      <AdminPlugins />
      <Slot name="admin.sections" context={{ user }} />
    </Page>
  );
}
