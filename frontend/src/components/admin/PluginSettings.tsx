// Administration: each enabled plugin (GET /api/meta: version, description, whether its UI
// module loaded) with its declared settings (GET /api/admin/plugins/settings): key, type,
// whether required, default, current value and description in the reader's language; a secret
// shows only whether it is set. Lists of facts wrap on a phone, where a wide table would not
// fit. The values are read-only here: they live in the configuration file's [plugins.<name>]
// section, which `quartier check-config` validates.
import { Fact } from './Fact';
import { typed } from '../../api/typed';
import { pickMessage } from '../../api';
import { language, t } from '../../i18n';
import { Loading, useLoad } from '../ui';
import { useStore } from '../../store';
import { registry } from '../../plugins';
import type { PluginInfo } from '../../api/meta';
import { RetryAlert } from '../RetryAlert';
import type { Ok } from '../../api/contract';

type Listing = Ok<'/api/admin/plugins/settings', 'get'>;
type PluginEntry = Listing['plugins'][number];
type Setting = PluginEntry['settings'][number];

const HIDDEN = '(hidden)';

/** A value as it is written in the configuration file (TOML): "text", 24, true, ["a", "b"]. */
export function configLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(configLiteral).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function shown(value: unknown, none: string) {
  return value === null || value === undefined ? <span class="hint">{none}</span> : <code>{configLiteral(value)}</code>;
}

function SettingEntry(props: { setting: Setting }) {
  const s = props.setting;
  const description = (language() === 'de' ? s.description.de : s.description.en) || s.description.de || s.description.en;
  const set = s.value !== null && s.value !== undefined;
  return (
    <li class="plugin-setting">
      <h4 class="plugin-setting-key">
        <code>{s.key}</code>
      </h4>
      {description && <p>{description}</p>}
      <dl class="setting-facts">
        <Fact label={t('admin.settings.type')}>
          {t(`admin.settings.type.${s.type}`)}
          {s.required ? ` · ${t('admin.settings.required')}` : ''}
        </Fact>
        <Fact label={t('admin.settings.default')}>{s.secret ? <span class="hint">{t('admin.settings.secretDefault')}</span> : shown(s.default, t('admin.settings.noDefault'))}</Fact>
        <Fact label={t('admin.settings.value')}>
          {s.secret ? (
            <strong>{set ? t('admin.settings.secretSet') : t('admin.settings.secretUnset')}</strong>
          ) : (
            shown(s.value === HIDDEN ? null : s.value, t('admin.settings.unset'))
          )}
        </Fact>
      </dl>
    </li>
  );
}

function uiState(p: PluginInfo): string {
  const failed = registry.failed.find((f) => f.name === p.name);
  if (!p.ui) return t('admin.plugin.noUi');
  return failed ? t('admin.plugin.uiFailed', { reason: failed.reason }) : t('admin.plugin.uiLoaded');
}

function Settings(props: { name: string; entry: PluginEntry | undefined }) {
  const p = props.entry;
  if (!p) return null;
  if (!p.declares_settings) return <p>{t('admin.settings.undeclared', { name: props.name })}</p>;
  if (p.settings.length === 0) return <p>{t('admin.settings.none')}</p>;
  return (
    <>
      <p class="hint">{t('admin.settings.where', { section: `[plugins.${p.name}]` })}</p>
      <ul class="plugin-setting-list">
        {p.settings.map((s) => (
          <SettingEntry key={s.key} setting={s} />
        ))}
      </ul>
    </>
  );
}

function PluginEntryView(props: { plugin: PluginInfo; entry: PluginEntry | undefined }) {
  const p = props.plugin;
  const id = `plugin-${p.name}`;
  return (
    <section aria-labelledby={id} class="plugin-settings">
      <h3 id={id}>{p.name}</h3>
      {p.description && <p>{pickMessage(p.description)}</p>}
      <dl class="setting-facts">
        <Fact label={t('admin.plugin.version')}>{p.version}</Fact>
        <Fact label={t('admin.plugin.ui')}>{uiState(p)}</Fact>
      </dl>
      <Settings name={p.name} entry={props.entry} />
    </section>
  );
}

/** The enabled plugins, each with its facts and its declared settings. */
export function AdminPlugins() {
  const { meta } = useStore();
  const listing = useLoad((signal) => typed.get('/api/admin/plugins/settings', { signal }), []);
  // The server's list is the truth for what runs; /api/meta names the same plugins with their UI.
  const plugins: PluginInfo[] = listing.data
    ? listing.data.plugins.map((e) => meta.plugins.find((m) => m.name === e.name) ?? { name: e.name, version: e.version, description: '', ui: null })
    : meta.plugins;
  return (
    <section aria-labelledby="plugins-heading">
      <h2 id="plugins-heading">{t('admin.plugins')}</h2>
      <p>{t('admin.pluginsExplain')}</p>
      <p>{t('admin.settings.explain')}</p>
      <RetryAlert error={listing.error} onRetry={listing.reload} what={t('admin.settings.loadFailed')} busy={listing.loading} />
      {listing.loading && !listing.data && <Loading />}
      {plugins.length === 0 && !listing.loading && <p>{t('admin.noPlugins')}</p>}
      {plugins.map((p) => (
        <PluginEntryView key={p.name} plugin={p} entry={listing.data?.plugins.find((e) => e.name === p.name)} />
      ))}
    </section>
  );
}
