// /help/staff: the city's view of open, unanswered requests per neighbourhood, and the CSV.
import { API, parts } from './common.js';

export function staffPage(shell) {
  const { h, Fragment, k, t, Loaded } = parts(shell);
  return function HelpStaff() {
    const state = k.useLoad(() => shell.api.get(`${API}/staff/open`), []);
    return h(Fragment, null,
      h('p', null, t('help.staff_intro')),
      h(Loaded, { state }, (d) => (d.neighbourhoods.length
        ? h('ul', null, d.neighbourhoods.map((n) => h('li', { key: n.neighbourhood_id },
          t('help.staff_row', { name: n.name, count: n.unanswered, hours: n.oldest_hours }))))
        : h('p', null, t('help.staff_empty')))),
      h('p', null, h('a', { href: `${API}/staff/open.csv`, download: 'help-open-requests.csv', class: 'button button-secondary' }, t('help.csv'))));
  };
}
