// Parts every groups page uses, built from the shell's kit (shell API 2): a group card and list,
// a titled section, the neighbourhood choices, and "loaded or failed with a retry".
export const API = '/api/p/groups';
export const CATEGORIES = ['verein', 'initiative', 'schule', 'nachbarschaft', 'verwaltung', 'other'];
export const VISIBILITIES = ['public', 'private', 'hidden'];

let sections = 0;

export function parts(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const { useState } = shell.preact.hooks;
  const options = (values, prefix) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  function Section({ title, level = 2, children }) {
    const [id] = useState(() => `groups-section-${++sections}`);
    return h('section', { 'aria-labelledby': id }, h(level === 3 ? 'h3' : 'h2', { id }, title), children);
  }

  // A useLoad state: loading (only the first time; a reload keeps what is shown, and focus),
  // the failure with a retry, or children(data).
  function Loaded({ state, children }) {
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('groups.load_failed'), onRetry: state.reload });
    if (!state.data) return state.loading ? h(k.Loading) : null;
    return children(state.data);
  }

  function GroupCard({ g }) {
    const meta = [t(`groups.cat.${g.category}`), t(`groups.vis_short.${g.visibility}`)];
    if (g.my_role) meta.push(t(`groups.role.${g.my_role}`));
    return h('li', { class: 'item-card' },
      h('h3', { class: 'item-title' }, h('a', { href: `/groups/${g.slug}` }, g.name)),
      g.description ? h('p', null, g.description) : null,
      h('p', { class: 'item-meta' }, meta.join(' · ')));
  }

  function GroupList({ groups, empty }) {
    if (!groups.length) return h('p', null, t(empty));
    return h('ul', { class: 'group-list plain-list' }, groups.map((g) => h(GroupCard, { key: g.slug, g })));
  }

  function useNeighbourhoods() {
    return k.useLoad(() => shell.api.get('/api/neighbourhoods').then((d) => d.neighbourhoods || d.items || [], () => []), []);
  }

  return { h, Fragment, k, t, options, Section, Loaded, GroupCard, GroupList, useNeighbourhoods };
}
