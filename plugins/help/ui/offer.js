// /help/offer: what, where and when I help, and my offers with a way to remove each.
import { API, CATEGORIES, parts } from './common.js';

export function offerPage(shell) {
  const { h, Fragment, k, t, options, Section, Loaded, useNeighbourhoods } = parts(shell);
  const { useState } = shell.preact.hooks;

  function MyOffers({ state }) {
    return h(Loaded, { state }, (d) => (d.offers.length
      ? h('ul', { class: 'plain-list' }, d.offers.map((o) => h('li', { key: o.id, class: 'item-card' },
        h('p', null, `${t(`help.cat.${o.category}`)} · ${t(o.when === 'once' ? 'help.when_offer.once' : `help.when.${o.when}`)}`),
        o.text ? h('p', null, o.text) : null,
        h(k.BusyButton, { onPress: async () => { await shell.api.del(`${API}/offers/${o.id}`); shell.announce(t('help.offer_removed')); state.reload(); } },
          `${t('help.remove_offer')}: ${t(`help.cat.${o.category}`)}`))))
      : h('p', null, t('help.no_offers'))));
  }

  return function OfferHelp() {
    const me = shell.user() || {};
    const [category, setCategory] = useState('shopping');
    const [text, setText] = useState('');
    const [when, setWhen] = useState('any');
    const [hood, setHood] = useState(me.neighbourhood_id ? String(me.neighbourhood_id) : '');
    const hoods = useNeighbourhoods();
    const mine = k.useLoad(() => shell.api.get(`${API}/offers/mine`), []);
    const save = k.useAction(async () => {
      const body = { category, text, when };
      if (hood) body.neighbourhood_id = Number(hood);
      await shell.api.post(`${API}/offers`, body);
      shell.announce(t('help.offer_saved'));
      mine.reload();
    });
    return h(Fragment, null,
      h('p', null, t('help.offer_intro')),
      h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
        h(k.ErrorAlert, { error: save.error }),
        h(k.Select, { label: t('help.category'), value: category, onValue: setCategory, options: options(CATEGORIES, 'help.cat') }),
        h(k.TextArea, { label: t('help.offer_text'), value: text, onValue: setText, rows: 2, maxLength: 500 }),
        h(k.RadioGroup, { legend: t('help.when'), value: when, onValue: setWhen,
          options: [{ value: 'any', label: t('help.when.any') }, { value: 'once', label: t('help.when_offer.once') }, { value: 'regularly', label: t('help.when.regularly') }] }),
        h(k.Select, { label: t('help.where'), value: hood, onValue: setHood, options: [{ value: '', label: '–' }, ...(hoods.data || []).map((n) => ({ value: String(n.id), label: n.name }))] }),
        h(k.Submit, { busy: save.busy }, t('help.send_offer'))),
      h(Section, { title: t('help.my_offers') }, h(MyOffers, { state: mine })));
  };
}
