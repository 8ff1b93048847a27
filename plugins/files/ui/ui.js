// The files UI module: my file spaces (/files) and a folder of one (/files/<kind>/<id>?folder=),
// with uploading several files with progress, new folders, rename, delete, download and picture
// previews, and a section on the settings page with the space used. Built from the shell's kit,
// upload helper and slots (shell API 3), German first, English second.
import { de, en } from './i18n.js';

const API = '/api/p/files';  // as upload.js, which is loaded with the folder page

export function register(shell) {
  const t = shell.t;
  const { h, Fragment } = shell.preact;
  const k = shell.kit;
  shell.addTranslations('de', de);
  shell.addTranslations('en', en);
  if (!k || typeof shell.upload !== 'function') throw new Error('the files UI needs shell API 3 (shell.kit, shell.upload); this Quartier is older');
  shell.addNavigation({ path: '/files', label: () => t('files.nav'), order: 30 });

  function spaceName(s) {
    return s.kind === 'person' ? t('files.mine') : `${s.name} (${t(`files.kind.${s.kind}`)})`;
  }

  function Spaces() {
    const state = k.useLoad(() => shell.api.get(`${API}/spaces`), []);
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('files.load_failed'), onRetry: state.reload });
    if (!state.data) return h(k.Loading);
    return h(Fragment, null,
      h('h2', null, t('files.spaces')),
      h('ul', { class: 'plain-list' }, state.data.spaces.map((s) =>
        h('li', { key: `${s.kind}/${s.id}`, class: 'item-card' }, h('a', { href: `/files/${s.kind}/${s.id}` }, spaceName(s))))));
  }

  // On the settings page (slot settings.sections): how much of one's own space is used, and the
  // way to it and its trash, where people look when they tidy up their account.
  function size(bytes) {
    if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }
  function StorageSettings() {
    const state = k.useLoad(async () => {
      const mine = (await shell.api.get(`${API}/spaces`)).spaces.find((s) => s.kind === 'person');
      if (!mine) return { mine: null };
      return { mine, usage: (await shell.api.get(`${API}/spaces/person/${mine.id}?folder=0`)).usage };
    }, []);
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('files.load_failed'), onRetry: state.reload });
    if (!state.data) return h(k.Loading);
    const { mine, usage } = state.data;
    if (!mine) return h('p', null, t('files.settings_none'));
    return h(Fragment, null,
      h('p', null, usage.quota_bytes
        ? t('files.usage', { used: size(usage.used_bytes), quota: size(usage.quota_bytes) })
        : t('files.usage_free', { used: size(usage.used_bytes) }),
        usage.trash_bytes ? ` ${t('files.usage_trash', { trash: size(usage.trash_bytes) })}` : null),
      h('p', null, t('files.settings_trash')),
      h('p', null, h('a', { class: 'button button-secondary', href: `/files/person/${mine.id}` }, t('files.settings_open'))));
  }
  shell.addSlot('settings.sections', StorageSettings, { title: () => t('files.settings_title') });

  // The folder page and the public link page load when first shown (shell.kit.lazy), so their
  // code (upload, move, share) is not first-page JavaScript.
  const FolderPage = k.lazy(() => import('./folder.js').then((m) => m.folderPage(shell, spaceName)));
  const PublicPage = k.lazy(() => import('./share.js').then((m) => m.shareParts(shell).PublicPage));
  shell.addRoute('/files', { title: () => t('files.title'), component: Spaces });
  shell.addRoute('/s/:token', { title: () => t('files.public_title'), component: PublicPage, requiresLogin: false });
  shell.addRoute('/files/:kind/:ref', { title: () => t('files.title'), component: FolderPage });
}
