// /help/requests/:id: one request. What the person may do follows from who they are: a helper
// says "I can help" (a conversation opens in Messages), the asker accepts a helper, the helper
// steps back or the asker releases them (open again), either marks it done, the asker withdraws
// it, and afterwards both can say thank you. Its history lists every change with the date.
import { API, parts } from './common.js';

export function requestPage(shell) {
  const { h, Fragment, k, t, Section, Loaded, meta } = parts(shell);
  const { useState } = shell.preact.hooks;

  function CanHelp({ r, reload }) {
    const [message, setMessage] = useState('');
    const [conversation, setConversation] = useState(null);
    const send = k.useAction(async () => {
      const d = await shell.api.post(`${API}/requests/${r.id}/respond`, { message });
      shell.announce(t('help.responded'));
      setConversation(d.conversation_id);
      reload();
    });
    if (conversation || r.i_responded)
      return h(k.Notice, { kind: 'success' }, t('help.responded'), ' ',
        h('a', { href: conversation ? `/messages/${conversation}` : '/messages' }, t('help.to_conversation')));
    if (r.status !== 'open' || r.mine) return null;
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(send.run) },
      h(k.ErrorAlert, { error: send.error }),
      h(k.TextArea, { label: t('help.can_help_message'), value: message, onValue: setMessage, rows: 2, maxLength: 2000 }),
      h(k.Submit, { busy: send.busy }, t('help.can_help')));
  }

  function Responses({ r, act }) {
    if (!r.mine) return null;
    return h(Section, { title: t('help.responses') }, r.responses.length
      ? h('ul', { class: 'plain-list' }, r.responses.map((x) => h('li', { key: x.helper.id, class: 'item-card' },
        h('p', null, x.helper.display_name, ' · ', h('a', { href: `/messages/${x.conversation_id}` }, t('help.to_conversation'))),
        r.status === 'open' ? h(k.BusyButton, { kind: 'primary', onPress: act('accept', { helper_id: x.helper.id }, 'help.accepted') },
          t('help.accept', { name: x.helper.display_name })) : null)))
      : h('p', null, t('help.no_responses')));
  }

  function Thanks({ r, act }) {
    const [text, setText] = useState('');
    const send = k.useAction(act('thanks', () => ({ text }), 'help.thanked'));
    if (r.status !== 'done' || !(r.i_help || (r.mine && r.helper))) return null;
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(send.run) },
      h(k.ErrorAlert, { error: send.error }),
      h(k.Field, { label: t('help.thank_text'), value: text, onValue: setText, maxLength: 500 }),
      h(k.Submit, { busy: send.busy }, t('help.thank')));
  }

  function Actions({ r, act }) {
    const live = r.status === 'open' || r.status === 'in_progress';
    const mayDone = live && (r.mine || (r.i_help && r.status === 'in_progress'));
    const withdraw = k.useAction(act('withdraw', {}, 'help.withdrawn'));
    return h('div', { class: 'actions' },
      mayDone ? h(k.BusyButton, { kind: 'primary', onPress: act('done', {}, 'help.marked_done') }, t('help.done')) : null, ' ',
      r.mine && live ? h(Fragment, null, h(k.ErrorAlert, { error: withdraw.error }),
        h(k.ConfirmDialog, { trigger: t('help.withdraw'), title: t('help.withdraw'), confirmLabel: t('help.withdraw'), kind: 'danger', onConfirm: () => withdraw.run() },
          h('p', null, t('help.withdraw_text')))) : null);
  }

  // The helper steps back, or the asker releases the helper: open again, with an optional word.
  function Handover({ r, act }) {
    const [message, setMessage] = useState('');
    const which = r.i_help ? 'step-back' : 'release';
    const run = k.useAction(act(which, () => ({ message }), r.i_help ? 'help.stepped_back' : 'help.released'));
    if (r.status !== 'in_progress' || !(r.i_help || (r.mine && r.helper))) return null;
    const label = r.i_help ? t('help.step_back') : t('help.release', { name: r.helper.display_name });
    return h('div', { class: 'actions' }, h(k.ErrorAlert, { error: run.error }),
      h(k.ConfirmDialog, { trigger: label, title: label, confirmLabel: label, kind: 'danger', onConfirm: () => run.run() },
        h('p', null, t(r.i_help ? 'help.step_back_text' : 'help.release_text')),
        h(k.TextArea, { label: t(r.i_help ? 'help.step_back_message' : 'help.release_message'), value: message, onValue: setMessage, rows: 2, maxLength: 1000 })));
  }

  // Whom an event concerns, for those who may see people (others get kind and date only).
  function who(e) {
    if (e.kind === 'reassigned') return [e.previous_helper?.display_name, e.helper?.display_name].filter(Boolean).join(' → ');
    if (e.kind === 'accepted' || e.kind === 'assigned') return e.helper?.display_name;
    return e.actor?.display_name;
  }

  function History({ r }) {
    if (!r.history || !r.history.length) return null;
    return h(Section, { title: t('help.history') }, h('ol', { class: 'plain-list help-history' }, r.history.map((e, i) => {
      const name = who(e);
      return h('li', { key: i }, h('time', { dateTime: new Date(e.at).toISOString() }, shell.formatDate(e.at)), ' · ',
        t(`help.event.${e.kind}`), name ? ` (${name})` : '', e.group ? ` · ${t('help.assigned_by', { name: e.group.name })}` : '');
    })));
  }

  function Request({ r, reload }) {
    // An action's body may be computed when it runs (thanks reads its field then).
    const act = (what, body, said) => async () => {
      await shell.api.post(`${API}/requests/${r.id}/${what}`, typeof body === 'function' ? body() : body);
      shell.announce(t(said));
      reload();
    };
    return h(Fragment, null,
      h('h2', null, t(`help.cat.${r.category}`)),
      h('p', { class: 'item-meta' }, `${t('help.status')}: ${meta(r)}`),
      h('p', null, r.text),
      h('p', { class: 'item-meta' }, t('help.asked_by', { name: r.asker.display_name })),
      r.helper ? h('p', null, t('help.helper', { name: r.helper.display_name })) : null,
      r.assigned_by ? h('p', { class: 'item-meta' }, t('help.assigned_by', { name: r.assigned_by.name })) : null,
      r.i_coordinate && (r.status === 'open' || r.status === 'in_progress')
        ? h('p', null, h('a', { href: '/help/coordination' }, t(r.status === 'open' ? 'help.coord_assign_here' : 'help.coord_reassign_here'))) : null,
      r.risk_group ? h(k.Notice, { kind: 'info' }, t('help.risk_shown')) : null,
      h('aside', { class: 'alert', 'aria-label': t('help.safety') }, h('strong', null, `${t('help.safety')}: `), r.safety_note),
      h(CanHelp, { r, reload }),
      h(Responses, { r, act }),
      h(Actions, { r, act }),
      h(Handover, { r, act }),
      h(Thanks, { r, act }),
      h(History, { r }));
  }

  return function HelpRequest({ params }) {
    const state = k.useLoad(() => shell.api.get(`${API}/requests/${params.id}`), [params.id]);
    return h(Loaded, { state }, (r) => h(Request, { r, reload: state.reload }));
  };
}
