// Parts every market page uses, built from the shell's kit (shell API 2): a titled section,
// "loaded or failed with a retry", listing and business cards, prices in words.
export const API = '/api/p/market';
export const TYPES = ['search', 'offer', 'give_away', 'lend', 'swap', 'sell'];
export const CONDITIONS = ['new', 'like_new', 'good', 'used', 'not_applicable'];
export const BUSINESS_CATEGORIES = ['shop', 'craft', 'restaurant', 'market_stall', 'social_enterprise', 'service', 'other'];
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const PAYMENTS = ['cash', 'card', 'contactless', 'invoice', 'voucher', 'online'];

let sections = 0;

export function parts(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const { useState } = shell.preact.hooks;
  const options = (values, prefix) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  function Section({ title, children }) {
    const [id] = useState(() => `market-section-${++sections}`);
    return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), children);
  }

  function Loaded({ state, children }) {
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('market.load_failed'), onRetry: state.reload });
    if (!state.data) return state.loading ? h(k.Loading) : null;
    return children(state.data);
  }

  function price(l) {
    if (l.free) return t('market.free');
    if (l.price_cents === null || l.price_cents === undefined) return t('market.no_price');
    return t('market.price_value', { price: (l.price_cents / 100).toLocaleString(shell.language(), { minimumFractionDigits: 2 }) });
  }

  function ListingCard({ l }) {
    const meta = [t(`market.type.${l.type}`), price(l), t(`market.cat.${l.category}`)];
    if (l.state !== 'active') meta.push(t(`market.state.${l.state}`));
    return h('li', { class: 'item-card' },
      h('h3', { class: 'item-title' }, h('a', { href: `/market/listings/${l.id}` }, l.title)),
      h('p', { class: 'item-meta' }, meta.join(' · ')),
      l.area ? h('p', { class: 'hint' }, t('market.pickup', { area: l.area })) : null);
  }

  function ListingList({ listings, empty }) {
    if (!listings.length) return h('p', null, t(empty));
    return h('ul', { class: 'plain-list market-list' }, listings.map((l) => h(ListingCard, { key: l.id, l })));
  }

  function BusinessCard({ b }) {
    const meta = [t(`market.bcat.${b.category}`), t(b.open_now ? 'market.open_now' : 'market.closed_now')];
    if (b.verified) meta.push(t('market.verified'));
    return h('li', { class: 'item-card' },
      h('h3', { class: 'item-title' }, h('a', { href: `/market/businesses/${b.id}` }, b.name)),
      h('p', { class: 'item-meta' }, meta.join(' · ')),
      h('p', { class: 'hint' }, b.address));
  }

  // The server's refusal of one field ("invalid_price") shows at that field.
  const fieldFrom = (error, field) => (error && error.code === `invalid_${field}` ? error.message : undefined);

  return { h, Fragment, k, t, options, Section, Loaded, price, ListingList, BusinessCard, fieldFrom };
}
