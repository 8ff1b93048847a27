// /help: ask or offer, the requests matched to me, the open ones of my neighbourhood, mine, and
// how many were helped this month; for a coordinating organisation's admins, the way to its view.
import { API, parts } from './common.js';

export function homePage(shell) {
  const { h, Fragment, k, t, Section, Loaded, RequestList } = parts(shell);

  return function HelpHome() {
    const me = shell.user() || {};
    const matched = k.useLoad(() => shell.api.get(`${API}/requests/matched`), []);
    const nearby = k.useLoad(() => (me.neighbourhood_id ? shell.api.get(`${API}/requests`) : Promise.resolve(null)), [me.neighbourhood_id]);
    const mine = k.useLoad(() => shell.api.get(`${API}/requests/mine`), []);
    const stats = k.useLoad(() => shell.api.get(`${API}/stats`), []);
    const coordination = k.useLoad(() => shell.api.get(`${API}/coordination`), []);
    const here = (d) => (d.neighbourhoods.find((n) => n.neighbourhood_id === me.neighbourhood_id) || { helped_this_month: d.total }).helped_this_month;
    return h(Fragment, null,
      h('p', { class: 'actions' },
        h('a', { href: '/help/ask', class: 'button button-primary' }, t('help.ask')), ' ',
        h('a', { href: '/help/offer', class: 'button button-secondary' }, t('help.offer'))),
      coordination.data && coordination.data.groups.length
        ? h(k.Notice, { kind: 'info' }, t('help.coord_hint', { name: coordination.data.groups.map((g) => g.name).join(', ') }), ' ',
          h('a', { href: '/help/coordination' }, t('help.coord_page'))) : null,
      stats.data ? h('p', { class: 'hint' }, t('help.helped_month', { count: here(stats.data) })) : null,
      h(Section, { title: t('help.for_you') }, h(Loaded, { state: matched }, (d) => h(RequestList, { requests: d.requests, empty: 'help.for_you_empty' }))),
      h(Section, { title: t('help.nearby') }, me.neighbourhood_id
        ? h(Loaded, { state: nearby }, (d) => h(RequestList, { requests: d ? d.requests.filter((r) => !r.mine) : [], empty: 'help.nearby_empty' }))
        : h('p', null, t('help.no_neighbourhood'))),
      h(Section, { title: t('help.mine') }, h(Loaded, { state: mine }, (d) => h(Fragment, null,
        h(RequestList, { requests: d.asked, empty: 'help.mine_empty' }),
        d.helping.length ? h(Fragment, null, h('h3', null, t('help.helping')), h(RequestList, { requests: d.helping, empty: 'help.mine_empty' })) : null))));
  };
}
