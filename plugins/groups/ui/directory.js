// /groups: my groups, suggestions from my neighbourhood, and the directory with search and filters.
import { API, CATEGORIES, parts } from './common.js';

export function directoryPage(shell) {
  const { h, Fragment, k, t, options, Section, Loaded, GroupList, useNeighbourhoods } = parts(shell);
  const { useState } = shell.preact.hooks;

  return function GroupsDirectory({ query }) {
    const [q, setQ] = useState(query.get('q') || '');
    const [category, setCategory] = useState(query.get('category') || '');
    const [hood, setHood] = useState(query.get('neighbourhood_id') || '');
    const build = () => {
      const p = new URLSearchParams();
      if (q.trim()) p.set('q', q.trim());
      if (category) p.set('category', category);
      if (hood !== '') p.set('neighbourhood_id', hood);
      return p.toString();
    };
    const [params, setParams] = useState(build);
    const results = k.useLoad(() => shell.api.get(`${API}/groups?${params}`), [params]);
    const mine = k.useLoad(() => shell.api.get(`${API}/groups/mine`), []);
    const suggestions = k.useLoad(() => shell.api.get(`${API}/groups/suggestions`), []);
    const hoods = useNeighbourhoods();
    const hoodOptions = [{ value: '', label: t('groups.any_neighbourhood') }, { value: '0', label: t('groups.city_wide') },
      ...(hoods.data || []).map((n) => ({ value: String(n.id), label: n.name }))];
    return h(Fragment, null,
      h('p', { class: 'actions' },
        h('a', { href: '/groups/new', class: 'button button-primary' }, t('groups.create')), ' ',
        h('a', { href: '/groups/invitations', class: 'button button-secondary' }, t('groups.my_invitations'))),
      h(Section, { title: t('groups.mine') }, h(Loaded, { state: mine }, (d) => h(Fragment, null,
        h(GroupList, { groups: d.groups, empty: 'groups.none_yet' }),
        d.requests.length ? h(Fragment, null, h('h3', null, t('groups.requests_pending')),
          h('ul', null, d.requests.map((r) => h('li', { key: r.slug }, h('a', { href: `/groups/${r.slug}` }, r.name))))) : null))),
      h(Section, { title: t('groups.suggestions') }, h(Loaded, { state: suggestions }, (d) => h(GroupList, { groups: d.groups, empty: 'groups.empty' }))),
      h(Section, { title: t('groups.directory') },
        h('form', { class: 'form', role: 'search', onSubmit: k.onSubmit(() => setParams(build())) },
          h(k.Field, { label: t('groups.search'), type: 'search', value: q, onValue: setQ }),
          h(k.Select, { label: t('groups.category'), value: category, onValue: setCategory, options: [{ value: '', label: t('groups.any_category') }, ...options(CATEGORIES, 'groups.cat')] }),
          h(k.Select, { label: t('groups.neighbourhood'), value: hood, onValue: setHood, options: hoodOptions }),
          h(k.Submit, { busy: results.loading }, t('groups.search_button'))),
        h(Loaded, { state: results }, (d) => h(GroupList, { groups: d.groups, empty: 'groups.empty' }))));
  };
}
