// Parts every groups page uses, built from the shell's kit (shell API 3): a group card and list,
// the neighbourhood choices, and the kit's titled section and "loaded or failed with a retry".
export const API = '/api/p/groups';
export const CATEGORIES = ['verein', 'initiative', 'schule', 'nachbarschaft', 'verwaltung', 'other'];
export const VISIBILITIES = ['public', 'private', 'hidden'];

export function parts(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const options = (values, prefix) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  // The kit's titled section and loaded-or-retry (shell API 3), with this plugin's words.
  const Section = k.Section;
  const Loaded = ({ state, children }) => h(k.Loaded, { state, what: t('groups.load_failed') }, children);

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
