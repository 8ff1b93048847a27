// /participation/projects: meinBerlin's projects, a neighbourhood's first, then the city's; each
// links out (also to its image, with the copyright), to its comments, and can be followed.
import { API, parts } from './common.js';

export function projectsPage(shell) {
  const { h, Fragment, k, t, Loaded } = parts(shell);
  const { useState } = shell.preact.hooks;

  function Follow({ p }) {
    const [following, setFollowing] = useState(!!p.following);
    const path = `${API}/projects/${p.id}/follow`;
    return h(k.BusyButton, { kind: 'secondary', onPress: async () => {
      try {
        setFollowing((await (following ? shell.api.del(path) : shell.api.post(path))).following);
      } catch (e) {
        // Already following (409) or not (404): the server's state wins.
        if (!(e instanceof shell.ApiError) || (e.status !== 409 && e.status !== 404)) throw e;
        setFollowing(e.status === 409);
      }
    } }, t(following ? 'participation.unfollow_project' : 'participation.follow_project', { title: p.title }));
  }

  function Card({ p }) {
    return h('li', { class: 'item-card participation-project' },
      h('h2', { class: 'item-title' }, p.title),
      h('p', { class: 'item-meta' }, [p.organisation, p.phase, p.end_at ? t('participation.ends', { date: shell.formatDate(p.end_at) }) : '',
        p.neighbourhood_id ? '' : t('participation.city_wide')].filter(Boolean).join(' · ')),
      p.description ? h('p', null, p.description) : null,
      // Linked, not shown: the page loads nothing from another origin (CSP, privacy).
      p.image ? h('p', null, h('a', { href: p.image, rel: 'noopener noreferrer', target: '_blank' }, t('participation.image_link', { alt: p.image_alt || p.title })),
        p.image_copyright ? ` (${t('participation.copyright', { who: p.image_copyright })})` : null) : null,
      h('p', null, h('a', { href: p.url, rel: 'noopener noreferrer', target: '_blank' }, t('participation.project_link', { title: p.title }))),
      h('p', { class: 'actions' },
        p.content_id ? h('a', { href: `/content/${p.content_id}#comments`, class: 'button button-secondary' }, t('participation.discuss', { title: p.title })) : null,
        ' ', h(Follow, { p })));
  }

  return function Projects() {
    const me = shell.user() || {};
    const [hood, setHood] = useState(me.neighbourhood_id ? String(me.neighbourhood_id) : '');
    const hoods = k.useLoad(() => shell.api.get('/api/neighbourhoods').then((d) => d.neighbourhoods || d.items || [], () => []), []);
    const state = k.useLoad(() => shell.api.get(`${API}/projects${hood ? `?neighbourhood_id=${hood}` : ''}`), [hood]);
    return h(Fragment, null,
      h('p', null, t('participation.projects_lead')),
      h(k.Select, { label: t('participation.neighbourhood'), value: hood, onValue: setHood,
        options: [{ value: '', label: t('participation.all_neighbourhoods') }, ...(hoods.data || []).map((n) => ({ value: String(n.id), label: n.name }))] }),
      h(Loaded, { state }, (d) => (d.projects.length
        ? h('ul', { class: 'plain-list participation-projects' }, d.projects.map((p) => h(Card, { key: p.id, p })))
        : h('p', null, t('participation.projects_empty')))));
  };
}
