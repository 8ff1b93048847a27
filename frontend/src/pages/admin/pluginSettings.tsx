// Administration: each enabled plugin's declared settings (GET /api/admin/plugins/settings):
// key, type, whether required, default, current value and description in the reader's
// language; a secret shows only whether it is set. A list of facts per setting wraps on a
// phone, where a wide table would not fit. The values are read-only here: they live in the
// configuration file's [plugins.<name>] section, which `quartier check-config` validates.
import type { ComponentChildren } from 'preact';
import { typed } from '../../api/typed';
import { language, t } from '../../i18n';
import { Loading, useLoad } from '../../components/ui';
import { RetryAlert } from '../../components/RetryAlert';
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

function Fact(props: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
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

function PluginSettingsEntry(props: { plugin: PluginEntry }) {
  const p = props.plugin;
  const id = `plugin-settings-${p.name}`;
  return (
    <section aria-labelledby={id} class="plugin-settings">
      <h3 id={id}>
        {p.name} <span class="hint">{p.version}</span>
      </h3>
      {!p.declares_settings ? (
        <p>{t('admin.settings.undeclared', { name: p.name })}</p>
      ) : p.settings.length === 0 ? (
        <p>{t('admin.settings.none')}</p>
      ) : (
        <>
          <p class="hint">{t('admin.settings.where', { section: `[plugins.${p.name}]` })}</p>
          <ul class="plugin-setting-list">
            {p.settings.map((s) => (
              <SettingEntry key={s.key} setting={s} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function PluginSettings() {
  const listing = useLoad((signal) => typed.get('/api/admin/plugins/settings', { signal }), []);
  return (
    <section aria-labelledby="plugin-settings-heading">
      <h2 id="plugin-settings-heading">{t('admin.settings.heading')}</h2>
      <p>{t('admin.settings.explain')}</p>
      <RetryAlert error={listing.error} onRetry={listing.reload} what={t('admin.settings.loadFailed')} busy={listing.loading} />
      {listing.loading && !listing.data && <Loading />}
      {listing.data && listing.data.plugins.length === 0 && <p>{t('admin.noPlugins')}</p>}
      {listing.data?.plugins.map((p) => (
        <PluginSettingsEntry key={p.name} plugin={p} />
      ))}
    </section>
  );
}
