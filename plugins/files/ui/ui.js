// The files UI module: my file spaces (/files) and a folder of one (/files/<kind>/<id>?folder=),
// with uploading several files with progress, new folders, rename, delete, download and picture
// previews. Built from the shell's kit and upload helper (shell API 3), German first, English second.
import { de, en } from './i18n.js';
import { folderPage } from './folder.js';
import { API } from './upload.js';

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

  shell.addRoute('/files', { title: () => t('files.title'), component: Spaces });
  shell.addRoute('/files/:kind/:ref', { title: () => t('files.title'), component: folderPage(shell, spaceName) });
}
