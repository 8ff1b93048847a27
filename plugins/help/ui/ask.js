// /help/ask: the request form. The date is the end of the chosen day in the person's time zone.
import { API, CATEGORIES, parts } from './common.js';

export function askPage(shell) {
  const { h, k, t, options, useNeighbourhoods } = parts(shell);
  const { useState } = shell.preact.hooks;

  return function AskForHelp() {
    const me = shell.user() || {};
    const [category, setCategory] = useState('shopping');
    const [text, setText] = useState('');
    const [when, setWhen] = useState('once');
    const [date, setDate] = useState('');
    const [hood, setHood] = useState(me.neighbourhood_id ? String(me.neighbourhood_id) : '');
    const [urgency, setUrgency] = useState('normal');
    const [risk, setRisk] = useState(false);
    const hoods = useNeighbourhoods();
    const send = k.useAction(async () => {
      const body = { category, text, when, urgency, risk_group: risk };
      if (hood) body.neighbourhood_id = Number(hood);
      if (when !== 'regularly' && date) body.due_at = new Date(`${date}T23:59:59`).getTime();
      const r = await shell.api.post(`${API}/requests`, body);
      shell.navigate(`/help/requests/${r.id}`);
    });
    const err = (f) => k.fieldError(send.error, f);
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(send.run) },
      h(k.ErrorAlert, { error: send.error }),
      h(k.Select, { label: t('help.category'), value: category, onValue: setCategory, options: options(CATEGORIES, 'help.cat') }),
      h(k.TextArea, { label: t('help.text'), hint: t('help.text_hint'), value: text, onValue: setText, rows: 3, maxLength: 1000, required: true, error: err('text') }),
      h(k.RadioGroup, { legend: t('help.when'), value: when, onValue: setWhen, options: options(['once', 'by_date', 'regularly'], 'help.when') }),
      when !== 'regularly' ? h(k.Field, { label: t('help.date'), hint: t('help.date_hint'), type: 'date', value: date, onValue: setDate, required: true, error: err('due_at') }) : null,
      h(k.Select, { label: t('help.where'), value: hood, onValue: setHood, options: [{ value: '', label: '–' }, ...(hoods.data || []).map((n) => ({ value: String(n.id), label: n.name }))] }),
      h(k.Select, { label: t('help.urgency'), value: urgency, onValue: setUrgency, options: options(['low', 'normal', 'high'], 'help.urgency') }),
      h(k.Checkbox, { label: t('help.risk'), hint: t('help.risk_hint'), checked: risk, onChecked: setRisk }),
      h(k.Submit, { busy: send.busy }, t('help.send_ask')));
  };
}
