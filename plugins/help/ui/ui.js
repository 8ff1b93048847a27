// The help exchange UI module: ask for help, offer help, the requests near me and matched to me,
// one request with its conversation, status and thanks, the staff overview, the coordinating
// organisations' view, and "helped this month" on the city page. Built from the
// shell's component kit (shell API 2, see plugins/README.md section 6), German first, English second.
import { de, en } from './i18n.js';
import { citySection } from './city.js';

// The stream card of a request: its status and kind of help in the reader's language, from the
// card data the core hands out with the item (no extra request).
function cardRenderer(shell) {
  const { h, render } = shell.preact;
  return (element, item, { full }) => {
    const c = item.card || {};
    const t = shell.t;
    render(h('div', { class: 'help-item' },
      h('p', { class: 'item-meta' }, [t(`help.status.${c.status || 'open'}`), c.category ? t(`help.cat.${c.category}`) : '',
        c.urgency === 'high' ? t('help.urgency.high') : ''].filter(Boolean).join(' · ')),
      h('p', null, full ? item.body || item.summary : item.summary),
      c.request_id ? h('p', null, h('a', { href: `/help/requests/${c.request_id}` }, t('help.open_request'))) : null), element);
    return () => render(null, element);
  };
}

export function register(shell) {
  const t = shell.t;
  shell.addTranslations('de', de);
  shell.addTranslations('en', en);
  if (!shell.kit) throw new Error('the help UI needs shell API 2 (shell.kit); this Quartier is older');
  shell.addNavigation({ path: '/help', label: () => t('help.nav'), order: 30 });
  shell.addNavigation({ path: '/help/staff', label: () => t('help.staff'), order: 300, roles: ['staff', 'moderator', 'admin'] });
  // The pages load when first shown (shell.kit.lazy), so they are not first-page JavaScript.
  const lazy = (load) => shell.kit.lazy(() => load().then((make) => make(shell)));
  const homePage = lazy(() => import('./home.js').then((m) => m.homePage));
  const askPage = lazy(() => import('./ask.js').then((m) => m.askPage));
  const offerPage = lazy(() => import('./offer.js').then((m) => m.offerPage));
  const staffPage = lazy(() => import('./staff.js').then((m) => m.staffPage));
  const coordinationPage = lazy(() => import('./coordination.js').then((m) => m.coordinationPage));
  const requestPage = lazy(() => import('./request.js').then((m) => m.requestPage));
  shell.addRoute('/help', { title: () => t('help.title'), component: homePage });
  shell.addRoute('/help/ask', { title: () => t('help.ask'), component: askPage });
  shell.addRoute('/help/offer', { title: () => t('help.offer'), component: offerPage });
  shell.addRoute('/help/staff', { title: () => t('help.staff'), component: staffPage, roles: ['staff', 'moderator', 'admin'] });
  shell.addRoute('/help/coordination', { title: () => t('help.coord_page'), component: coordinationPage });
  shell.addRoute('/help/requests/:id', { title: () => t('help.request_title'), component: requestPage });
  shell.addItemRenderer('help.request', cardRenderer(shell));
  shell.addSlot('city.sections', citySection(shell));
}
