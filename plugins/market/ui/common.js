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

  // "1,2 km" / "350 m" in the page's language.
  function distance(m) {
    if (m === undefined || m === null) return null;
    if (m < 1000) return t('market.distance_m', { m: Math.round(m / 10) * 10 });
    return t('market.distance_km', { km: (m / 1000).toLocaleString(shell.language(), { maximumFractionDigits: 1 }) });
  }

  // The first photo's thumbnail; decorative next to the title that names the same thing.
  const thumb = (photo) => (photo ? h('img', { class: 'market-thumb', src: photo.thumb_url, alt: '', width: 72, height: 72, loading: 'lazy' }) : null);

  function ListingCard({ l }) {
    const meta = [t(`market.type.${l.type}`), price(l), t(`market.cat.${l.category}`), distance(l.distance_m)].filter(Boolean);
    if (l.state !== 'active') meta.push(t(`market.state.${l.state}`));
    return h('li', { class: 'item-card' },
      thumb((l.photos || [])[0]),
      h('h3', { class: 'item-title' }, h('a', { href: `/market/listings/${l.id}` }, l.title)),
      h('p', { class: 'item-meta' }, meta.join(' · ')),
      l.area ? h('p', { class: 'hint' }, t('market.pickup', { area: l.area })) : null);
  }

  function ListingList({ listings, empty }) {
    if (!listings.length) return h('p', null, t(empty));
    return h('ul', { class: 'plain-list market-list' }, listings.map((l) => h(ListingCard, { key: l.id, l })));
  }

  function BusinessCard({ b }) {
    const meta = [t(`market.bcat.${b.category}`), t(b.open_now ? 'market.open_now' : 'market.closed_now'), distance(b.distance_m)].filter(Boolean);
    if (b.verified) meta.push(t('market.verified'));
    return h('li', { class: 'item-card' },
      thumb(b.photo),
      h('h3', { class: 'item-title' }, h('a', { href: `/market/businesses/${b.id}` }, b.name)),
      h('p', { class: 'item-meta' }, meta.join(' · ')),
      h('p', { class: 'hint' }, b.address));
  }

  // The server's refusal of one field ("invalid_price") shows at that field.
  const fieldFrom = (error, field) => (error && error.code === `invalid_${field}` ? error.message : undefined);

  // Markdown the core rendered and sanitised (body_html of the content item); the source text as
  // plain text while it loads or if it cannot be had. Never the author's own HTML.
  function RichText({ html, text }) {
    if (html) return h('div', { class: 'rich-text market-description', dangerouslySetInnerHTML: { __html: html } });
    return text ? h('p', { class: 'market-description' }, text) : null;
  }

  // "Sort by" and "within" for a search form; values go to the query as sort= and max_km=.
  function NearFields({ sort, setSort, km, setKm }) {
    return h(Fragment, null,
      h(k.Select, { label: t('market.sort'), value: sort, onValue: setSort,
        options: [{ value: '', label: t('market.sort_default') }, { value: 'distance', label: t('market.sort_distance') }] }),
      h(k.Select, { label: t('market.within'), value: km, onValue: setKm,
        options: [{ value: '', label: t('market.within_any') }, ...['1', '2', '5', '10'].map((v) => ({ value: v, label: t('market.within_km', { km: v }) }))] }));
  }

  return { h, Fragment, k, t, options, Section, Loaded, price, distance, ListingList, BusinessCard, fieldFrom, RichText, NearFields };
}
