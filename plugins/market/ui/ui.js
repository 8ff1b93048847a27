// The market UI module: the neighbourhood's listings, a new listing, a listing with contact,
// the directory of local businesses with "open now", a business's page with its hours and, for
// its managers, editing. Built from the shell's component kit (shell API 2), phone first,
// German first, English second.
import { de, en } from './i18n.js';
import { parts } from './common.js';

export function register(shell) {
  const t = shell.t;
  shell.addTranslations('de', de);
  shell.addTranslations('en', en);
  if (!shell.kit) throw new Error('the market UI needs shell API 2 (shell.kit); this Quartier is older');
  shell.addNavigation({ path: '/market', label: () => t('market.nav'), order: 40 });

  // The pages load when first shown (shell.kit.lazy), so they are not first-page JavaScript.
  let listings, businesses;
  const listing = (name) =>
    shell.kit.lazy(() => import('./listings.js').then((m) => (listings ??= m.listingPages(shell))[name]));
  const business = (name) =>
    shell.kit.lazy(() => import('./business.js').then((m) => (businesses ??= m.businessPages(shell))[name]));
  const [Nearby, NewListing, ListingPage] = ['Nearby', 'NewListing', 'ListingPage'].map(listing);
  const [Directory, NewBusiness, BusinessPage] = ['Directory', 'NewBusiness', 'BusinessPage'].map(business);
  shell.addRoute('/market', { title: () => t('market.title'), component: Nearby });
  shell.addRoute('/market/new', { title: () => t('market.new_title'), component: NewListing });
  shell.addRoute('/market/listings/:id', { title: () => t('market.listing'), component: ListingPage });
  shell.addRoute('/market/businesses', { title: () => t('market.businesses'), component: Directory, requiresLogin: false });
  shell.addRoute('/market/businesses/new', { title: () => t('market.new_business'), component: NewBusiness });
  shell.addRoute('/market/businesses/:id', { title: () => t('market.businesses'), component: BusinessPage, requiresLogin: false });

  // A listing in the stream shows its photo, type, price and state from the card, without a request.
  const { h } = shell.preact;
  const { price } = parts(shell);
  shell.addItemRenderer('market.listing', (element, item) => {
    const c = item.card || {};
    const meta = [c.type && t(`market.type.${c.type}`), c.type && price({ ...c, free: c.type === 'give_away' || c.price_cents === 0 }),
      c.state && c.state !== 'active' && t(`market.state.${c.state}`)].filter(Boolean);
    // The first photo's thumbnail comes with the card; the item's title already names it.
    shell.preact.render(h('p', { class: 'item-meta' },
      c.photo ? h('img', { class: 'market-thumb', src: c.photo, alt: '', width: 72, height: 72, loading: 'lazy' }) : null,
      h('a', { href: `/market/listings/${c.listing_id}` }, meta.join(' · '))), element);
    return () => shell.preact.render(null, element);
  });
}
