// Residents' listings: the neighbourhood's listings with filters and my own (/market), a new
// listing (/market/new) and a listing's page with contact, or with its state for its author.
import { API, CONDITIONS, TYPES, parts } from './common.js';
import { photoParts } from './photos.js';

const MAX_PHOTOS = 6;

export function listingPages(shell) {
  const p = parts(shell);
  const { h, Fragment, k, t, options, Section, Loaded, price, ListingList, fieldFrom, RichText, NearFields } = p;
  const { Gallery, PhotoUpload, remove } = photoParts(shell, p);
  const { useState } = shell.preact.hooks;
  const useCategories = () => k.useLoad(() => shell.api.get(`${API}/categories`), []);

  function Nearby({ query }) {
    const [q, setQ] = useState(query.get('q') || '');
    const [type, setType] = useState(query.get('type') || '');
    const [category, setCategory] = useState(query.get('category') || '');
    const [free, setFree] = useState(query.get('free') === '1');
    const [maxPrice, setMaxPrice] = useState(query.get('max_price') || '');
    const [sort, setSort] = useState(query.get('sort') || '');
    const [km, setKm] = useState(query.get('max_km') || '');
    const build = () => {
      const p = new URLSearchParams();
      if (sort) p.set('sort', sort);
      if (km) p.set('max_km', km);
      const euros = Number(maxPrice.trim().replace(',', '.'));
      if (maxPrice.trim() && Number.isFinite(euros) && euros >= 0) p.set('max_price_cents', String(Math.round(euros * 100)));
      if (q.trim()) p.set('q', q.trim());
      if (type) p.set('type', type);
      if (category) p.set('category', category);
      if (free) p.set('free', '1');
      return p.toString();
    };
    const [params, setParams] = useState(build);
    const results = k.useLoad(() => shell.api.get(`${API}/listings?${params}`), [params]);
    const mine = k.useLoad(() => shell.api.get(`${API}/listings?mine=1`), []);
    const search = (next) => (next === params ? results.reload() : setParams(next));
    const cats = useCategories();
    return h(Fragment, null,
      h('p', { class: 'actions' },
        h('a', { href: '/market/new', class: 'button button-primary' }, t('market.new_listing')), ' ',
        h('a', { href: '/market/businesses', class: 'button button-secondary' }, t('market.businesses_link'))),
      h(Section, { title: t('market.nearby') },
        h('form', { class: 'form', role: 'search', 'aria-label': t('market.filter'), onSubmit: k.onSubmit(() => search(build())) },
          h(k.Field, { label: t('market.search'), type: 'search', value: q, onValue: setQ }),
          h(k.Select, { label: t('market.type'), value: type, onValue: setType, options: [{ value: '', label: t('market.any_type') }, ...options(TYPES, 'market.type')] }),
          h(k.Select, { label: t('market.category'), value: category, onValue: setCategory,
            options: [{ value: '', label: t('market.any_category') }, ...options((cats.data && cats.data.listing_categories) || [], 'market.cat')] }),
          h(k.Field, { label: t('market.max_price'), value: maxPrice, onValue: setMaxPrice, inputMode: 'decimal', autoComplete: 'off' }),
          h(k.Checkbox, { label: t('market.only_free'), checked: free, onChecked: setFree }),
          h(NearFields, { sort, setSort, km, setKm }),
          h(k.Submit, { busy: results.loading }, t('market.search_button'))),
        h(Loaded, { state: results }, (d) => h(ListingList, { listings: d.listings, empty: 'market.empty' }))),
      h(Section, { title: t('market.mine') }, h(Loaded, { state: mine }, (d) => h(ListingList, { listings: d.listings, empty: 'market.mine_empty' }))));
  }

  function NewListing() {
    const [type, setType] = useState('give_away');
    const [title, setTitle] = useState('');
    const [description, setDescription] = useState('');
    const [category, setCategory] = useState('household');
    const [condition, setCondition] = useState('good');
    const [priceText, setPrice] = useState('');
    const [area, setArea] = useState('');
    const cats = useCategories();
    const save = k.useAction(async () => {
      const body = { type, title: title.trim(), description, category, condition, area: area.trim() };
      // A price the person typed goes as typed when it is not a number, so the server says why.
      const p = priceText.trim().replace(',', '.');
      if (p !== '') body.price = Number.isFinite(Number(p)) ? Number(p) : p;
      const l = await shell.api.post(`${API}/listings`, body);
      shell.navigate(`/market/listings/${l.id}`);
    });
    const err = (f) => fieldFrom(save.error, f);
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
      h(k.ErrorAlert, { error: save.error }),
      h(k.RadioGroup, { legend: t('market.type'), value: type, onValue: setType, options: options(TYPES, 'market.type') }),
      h(k.Field, { label: t('market.listing_title'), value: title, onValue: setTitle, maxLength: 120, autoComplete: 'off', error: err('title') }),
      h(k.TextArea, { label: t('market.description'), value: description, onValue: setDescription, rows: 4, maxLength: 3000 }),
      h(k.Select, { label: t('market.category'), value: category, onValue: setCategory,
        options: options((cats.data && cats.data.listing_categories) || ['household'], 'market.cat') }),
      h(k.Select, { label: t('market.condition'), value: condition, onValue: setCondition, options: options(CONDITIONS, 'market.cond') }),
      h(k.Field, { label: t('market.price'), hint: t('market.price_hint'), value: priceText, onValue: setPrice, inputMode: 'decimal', error: err('price') }),
      h(k.Field, { label: t('market.area'), hint: t('market.area_hint'), value: area, onValue: setArea, maxLength: 100 }),
      h(k.Submit, { busy: save.busy }, t('market.publish')));
  }

  function Contact({ l }) {
    const [message, setMessage] = useState('');
    const [sent, setSent] = useState(null);
    const send = k.useAction(async () => {
      const r = await shell.api.post(`${API}/listings/${l.id}/contact`, { message: message.trim() });
      setSent(r.conversation_id);
      setMessage('');
      shell.announce(t('market.sent'));
    });
    return h(Section, { title: t('market.contact') },
      sent ? h(k.Notice, { kind: 'success' }, t('market.sent'), ' ', h('a', { href: `/messages/${sent}` }, t('market.open_conversation'))) : null,
      h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(send.run) },
        h(k.ErrorAlert, { error: send.error }),
        h(k.TextArea, { label: t('market.message'), hint: t('market.message_hint'), value: message, onValue: setMessage, rows: 3, maxLength: 2000 }),
        h(k.Submit, { busy: send.busy }, t('market.send'))));
  }

  function OwnActions({ l, reload }) {
    const act = (fn) => async () => {
      await fn();
      shell.announce(t('market.saved'));
      reload();
    };
    const state = (s) => act(() => shell.api.patch(`${API}/listings/${l.id}`, { state: s }));
    return h('div', { class: 'actions' },
      l.state === 'active' ? h(k.BusyButton, { onPress: state('reserved') }, t('market.mark_reserved')) : null,
      l.state === 'reserved' ? h(k.BusyButton, { onPress: state('active') }, t('market.mark_active')) : null,
      l.state === 'active' || l.state === 'reserved' ? h(k.BusyButton, { onPress: state('done') }, t('market.mark_done')) : null,
      l.state !== 'done' ? h(k.BusyButton, { onPress: act(() => shell.api.post(`${API}/listings/${l.id}/renew`)) }, t('market.renew')) : null,
      h(k.ConfirmDialog, { trigger: t('market.delete'), title: t('market.delete_confirm'), confirmLabel: t('market.delete'), kind: 'danger',
        onConfirm: async () => { await shell.api.del(`${API}/listings/${l.id}`); shell.navigate('/market'); } }));
  }

  // The listing and the core's rendering of its text (the content item's body_html).
  async function loadListing(id) {
    const l = await shell.api.get(`${API}/listings/${id}`);
    const item = l.description ? await shell.api.get(`/api/content/${l.content_id}`).catch(() => null) : null;
    return { ...l, body_html: item && item.body_html };
  }

  function ListingPage({ params }) {
    const state = k.useLoad(() => loadListing(params.id), [params.id]);
    return h(Loaded, { state }, (l) => h(Fragment, null,
      h('h2', null, l.title),
      h(Gallery, { photos: l.photos, what: l.title, onDelete: l.mine ? (ph) => remove(ph, state.reload) : null }),
      l.mine && l.state !== 'done' ? h(PhotoUpload, { path: `${API}/listings/${l.id}/photos`, onAdded: state.reload, count: l.photos.length, max: MAX_PHOTOS }) : null,
      h('p', { class: 'item-meta' }, [t(`market.type.${l.type}`), price(l), t(`market.cat.${l.category}`), t(`market.cond.${l.condition}`), t(`market.state.${l.state}`)].join(' · ')),
      h('p', null, t('market.by', { name: l.author_name })),
      l.area ? h('p', null, t('market.pickup', { area: l.area })) : null,
      h(RichText, { html: l.body_html, text: l.description }),
      h('p', { class: 'hint' }, t('market.expires'), ' ', h(k.Time, { ms: l.expires_at })),
      l.mine ? h(OwnActions, { l, reload: state.reload }) : (l.state === 'active' || l.state === 'reserved') ? h(Contact, { l }) : null));
  }

  return { Nearby, NewListing, ListingPage };
}
