// Local businesses: the directory with "open now" (/market/businesses), registering a profile
// (/market/businesses/new) and a business's page with its hours, the municipality's mark,
// following, and for its managers the hours, the profile and offers or news.
import { API, BUSINESS_CATEGORIES, DAYS, PAYMENTS, parts } from './common.js';
import { hoursForm, rangesText } from './hours.js';
import { photoParts } from './photos.js';

const MAX_PHOTOS = 10;

export function businessPages(shell) {
  const p = parts(shell);
  const { h, Fragment, k, t, options, Section, Loaded, BusinessCard, fieldFrom, RichText, NearFields } = p;
  const { Gallery, PhotoUpload, remove } = photoParts(shell, p);
  const { useState } = shell.preact.hooks;
  const HoursForm = hoursForm(shell, p);

  function Directory({ query }) {
    const [category, setCategory] = useState(query.get('category') || '');
    const [openNow, setOpenNow] = useState(query.get('open_now') === '1');
    const [hood, setHood] = useState(query.get('neighbourhood_id') || '');
    const [sort, setSort] = useState(query.get('sort') || '');
    const [km, setKm] = useState(query.get('max_km') || '');
    const hoods = k.useLoad(() => shell.api.get('/api/neighbourhoods').then((d) => d.neighbourhoods || []), []);
    const build = () => {
      const q = new URLSearchParams();
      if (category) q.set('category', category);
      if (hood) q.set('neighbourhood_id', hood);
      if (openNow) q.set('open_now', '1');
      if (sort) q.set('sort', sort);
      if (km) q.set('max_km', km);
      return q.toString();
    };
    const [params, setParams] = useState(build);
    const results = k.useLoad(() => shell.api.get(`${API}/businesses?${params}`), [params]);
    // The same filters again load anew: "open now" changes with the clock and the businesses' hours.
    const search = (next) => (next === params ? results.reload() : setParams(next));
    return h(Fragment, null,
      h('p', { class: 'actions' }, h('a', { href: '/market/businesses/new', class: 'button button-secondary' }, t('market.register_business'))),
      h('form', { class: 'form', role: 'search', 'aria-label': t('market.directory_filter'), onSubmit: k.onSubmit(() => search(build())) },
        h(k.Select, { label: t('market.business_category'), value: category, onValue: setCategory,
          options: [{ value: '', label: t('market.any_business_category') }, ...options(BUSINESS_CATEGORIES, 'market.bcat')] }),
        h(k.Select, { label: t('market.neighbourhood'), value: hood, onValue: setHood,
          options: [{ value: '', label: t('market.any_neighbourhood') }, ...(hoods.data || []).map((n) => ({ value: String(n.id), label: n.name }))] }),
        h(k.Checkbox, { label: t('market.open_now_only'), checked: openNow, onChecked: setOpenNow }),
        shell.user() ? h(NearFields, { sort, setSort, km, setKm }) : null,
        h(k.Submit, { busy: results.loading }, t('market.find'))),
      h(Loaded, { state: results }, (d) => d.businesses.length
        ? h('ul', { class: 'plain-list market-list' }, d.businesses.map((b) => h(BusinessCard, { key: b.id, b })))
        : h('p', null, t('market.no_businesses'))));
  }

  function ProfileForm({ initial, submitLabel, send }) {
    const [name, setName] = useState(initial.name || '');
    const [category, setCategory] = useState(initial.category || 'shop');
    const [address, setAddress] = useState(initial.address || '');
    const [lat, setLat] = useState(initial.lat !== undefined ? String(initial.lat) : '');
    const [lon, setLon] = useState(initial.lon !== undefined ? String(initial.lon) : '');
    const [description, setDescription] = useState(initial.description || '');
    const [delivery, setDelivery] = useState(!!initial.delivery);
    const [pickup, setPickup] = useState(!!initial.pickup);
    const [stepFree, setStepFree] = useState(!!initial.step_free);
    const [accessibility, setAccessibility] = useState(initial.accessibility || '');
    const [payment, setPayment] = useState(() => new Set(initial.payment || []));
    const togglePay = (x) => (on) => {
      const next = new Set(payment);
      if (on) next.add(x);
      else next.delete(x);
      setPayment(next);
    };
    const num = (s) => (Number.isFinite(Number(s.trim().replace(',', '.'))) && s.trim() !== '' ? Number(s.trim().replace(',', '.')) : s);
    const save = k.useAction(() => send({ name: name.trim(), category, address: address.trim(), lat: num(lat), lon: num(lon), description,
      delivery, pickup, step_free: stepFree, accessibility, payment: [...payment] }));
    const err = (f) => fieldFrom(save.error, f);
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
      h(k.ErrorAlert, { error: save.error }),
      h(k.Field, { label: t('market.name'), value: name, onValue: setName, maxLength: 120, autoComplete: 'organization', error: err('name') }),
      h(k.Select, { label: t('market.business_category'), value: category, onValue: setCategory, options: options(BUSINESS_CATEGORIES, 'market.bcat') }),
      h(k.Field, { label: t('market.address'), value: address, onValue: setAddress, maxLength: 200, autoComplete: 'street-address', error: err('address') }),
      h(k.Field, { label: t('market.lat'), hint: t('market.location_hint'), value: lat, onValue: setLat, inputMode: 'decimal', error: err('location') }),
      h(k.Field, { label: t('market.lon'), value: lon, onValue: setLon, inputMode: 'decimal' }),
      h(k.TextArea, { label: t('market.about'), value: description, onValue: setDescription, rows: 4, maxLength: 5000 }),
      h(k.Checkbox, { label: t('market.delivery'), checked: delivery, onChecked: setDelivery }),
      h(k.Checkbox, { label: t('market.pickup_option'), checked: pickup, onChecked: setPickup }),
      h(k.Checkbox, { label: t('market.step_free'), checked: stepFree, onChecked: setStepFree }),
      h(k.Field, { label: t('market.accessibility'), value: accessibility, onValue: setAccessibility, maxLength: 500 }),
      h('fieldset', null, h('legend', null, t('market.payment_options')),
        PAYMENTS.map((x) => h(k.Checkbox, { key: x, label: t(`market.pay.${x}`), checked: payment.has(x), onChecked: togglePay(x) }))),
      h(k.Submit, { busy: save.busy }, submitLabel));
  }

  function NewBusiness() {
    const send = async (body) => {
      const b = await shell.api.post(`${API}/businesses`, body);
      shell.navigate(`/market/businesses/${b.id}`);
    };
    return h(ProfileForm, { initial: {}, submitLabel: t('market.register_business'), send });
  }

  function HoursTable({ b }) {
    const special = [...(b.hours.holidays || []).map((d) => ({ date: d, ranges: [] })), ...(b.hours.exceptions || [])]
      .sort((x, y) => (x.date < y.date ? -1 : 1));
    return h(Fragment, null,
      h('dl', { class: 'market-hours' }, DAYS.map((d) => h(Fragment, { key: d },
        h('dt', null, t(`market.day.${d}`)), h('dd', null, rangesText(b.hours.weekly[d]) || t('market.closed'))))),
      special.length ? h(Fragment, null, h('h3', null, t('market.exceptions')),
        h('dl', { class: 'market-hours' }, special.map((x) => h(Fragment, { key: x.date },
          h('dt', null, x.date), h('dd', null, rangesText(x.ranges) || t('market.closed')))))) : null);
  }

  function PostForm({ b, onPosted }) {
    const [kind, setKind] = useState('offer');
    const [title, setTitle] = useState('');
    const [body, setBody] = useState('');
    const save = k.useAction(async () => {
      await shell.api.post(`${API}/businesses/${b.id}/posts`, { kind, title: title.trim(), body });
      setTitle('');
      setBody('');
      shell.announce(t('market.saved'));
      onPosted();
    });
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
      h(k.ErrorAlert, { error: save.error }),
      h(k.Select, { label: t('market.post_kind'), value: kind, onValue: setKind, options: options(['offer', 'news'], 'market.kind') }),
      h(k.Field, { label: t('market.post_title'), value: title, onValue: setTitle, maxLength: 120, autoComplete: 'off', error: fieldFrom(save.error, 'title') }),
      h(k.TextArea, { label: t('market.post_body'), value: body, onValue: setBody, rows: 3, maxLength: 5000 }),
      h(k.Submit, { busy: save.busy }, t('market.publish_post')));
  }

  function Header({ b, reload }) {
    const me = shell.user();
    const staff = me && ['staff', 'moderator', 'admin'].includes(me.role);
    const base = `${API}/businesses/${b.id}`;
    const after = (fn) => async () => { await fn(); shell.announce(t('market.saved')); reload(); };
    const pay = (b.payment || []).map((x) => t(`market.pay.${x}`)).join(', ');
    const services = [b.delivery && t('market.delivery'), b.pickup && t('market.pickup_option'), b.step_free && t('market.step_free')].filter(Boolean);
    return h(Fragment, null,
      h('h2', null, b.name),
      h('p', { class: 'item-meta' }, [t(`market.bcat.${b.category}`), t(b.open_now ? 'market.open_now' : 'market.closed_now'),
        t(b.verified ? 'market.verified' : 'market.unverified')].join(' · ')),
      h('p', null, b.address),
      h(Gallery, { photos: b.photos, what: b.name, onDelete: b.is_manager || staff ? (ph) => remove(ph, reload) : null }),
      b.is_manager || staff ? h(PhotoUpload, { path: `${base}/photos`, onAdded: reload, count: (b.photos || []).length, max: MAX_PHOTOS }) : null,
      h(RichText, { html: b.description_html, text: b.description }),
      services.length ? h('p', null, services.join(' · ')) : null,
      pay ? h('p', null, t('market.payment', { list: pay })) : null,
      b.accessibility ? h('p', null, b.accessibility) : null,
      (b.links || []).length ? h('ul', null, b.links.map((l) => h('li', { key: l.url }, h('a', { href: l.url, rel: 'noopener noreferrer' }, l.label)))) : null,
      h('div', { class: 'actions' },
        me ? h(k.BusyButton, { onPress: after(() => (b.following ? shell.api.del(`${base}/follow`) : shell.api.put(`${base}/follow`))) },
          t(b.following ? 'market.unfollow' : 'market.follow')) : null,
        staff ? h(k.BusyButton, { onPress: after(() => shell.api.post(`${base}/verification`, { verified: !b.verified })) },
          t(b.verified ? 'market.unverify' : 'market.verify')) : null));
  }

  function BusinessPage({ params }) {
    const state = k.useLoad(() => shell.api.get(`${API}/businesses/${params.id}`), [params.id]);
    const posts = k.useLoad(() => shell.api.get(`${API}/businesses/${params.id}/posts`), [params.id]);
    const send = async (body) => {
      await shell.api.patch(`${API}/businesses/${params.id}`, body);
      shell.announce(t('market.saved'));
      state.reload();
    };
    return h(Loaded, { state }, (b) => h(Fragment, null,
      h(Header, { b, reload: state.reload }),
      h(Section, { title: t('market.hours') }, h(HoursTable, { b })),
      h(Section, { title: t('market.posts') }, h(Loaded, { state: posts }, (d) => d.posts.length
        ? h('ul', null, d.posts.map((x) => h('li', { key: x.id }, h('a', { href: `/content/${x.id}` }, `${t(`market.kind.${x.kind}`)}: ${x.title}`))))
        : h('p', null, t('market.no_posts')))),
      b.is_manager ? h(Fragment, null,
        h(Section, { title: t('market.save_hours') }, h(HoursForm, { b, onSaved: state.reload })),
        b.verified ? h(Section, { title: t('market.publish_post') }, h(PostForm, { b, onPosted: posts.reload })) : null,
        h(Section, { title: t('market.manage') }, h(ProfileForm, { initial: b, submitLabel: t('market.save_profile'), send }))) : null));
  }

  return { Directory, NewBusiness, BusinessPage };
}
