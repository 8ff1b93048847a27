// The help exchange's part of the city page (slot "city.sections"): how many requests were
// marked done this month, per neighbourhood, with a way to join in.
import { API, parts } from './common.js';

export function citySection(shell) {
  const { h, k, t, Section } = parts(shell);

  return function HelpCity() {
    const stats = k.useLoad(() => shell.api.get(`${API}/stats`), []);
    const d = stats.data;
    if (!d) return null;  // a figure, not a page: nothing while loading, nothing on failure
    const helped = d.neighbourhoods.filter((n) => n.helped_this_month > 0).sort((a, b) => b.helped_this_month - a.helped_this_month);
    return h(Section, { title: t('help.city_title') },
      h('p', null, t('help.city_total', { count: d.total })),
      helped.length ? h('ul', { class: 'help-city' }, helped.map((n) => h('li', { key: n.neighbourhood_id },
        t('help.city_row', { name: n.name, count: n.helped_this_month })))) : null,
      h('p', null, h('a', { href: '/help' }, t('help.city_join'))));
  };
}
