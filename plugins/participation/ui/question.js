// /participation/questions/:id: the question, its dated history, the official answer, follow and
// support; for staff of its department the forms to answer and to change the status.
import { API, parts } from './common.js';

export function questionPage(shell) {
  const { h, Fragment, k, t, Section, Loaded, Status, topicName } = parts(shell);
  const { useState } = shell.preact.hooks;

  function Handle({ q, onChanged }) {
    const [answer, setAnswer] = useState('');
    const [status, setStatus] = useState('in_progress');
    const [reason, setReason] = useState('');
    const [department, setDepartment] = useState('');
    const [merged, setMerged] = useState('');
    const base = `${API}/questions/${q.id}`;
    const answerAction = k.useAction(async () => {
      onChanged(await shell.api.post(`${base}/answer`, { text: answer }));
      shell.announce(t('participation.answered_done'));
    });
    const change = k.useAction(async () => {
      const body = { status };
      if (reason.trim()) body.reason = reason.trim();
      if (status === 'forwarded') body.department = department.trim();
      if (status === 'merged') body.merged_into = Number(merged);
      onChanged(await shell.api.post(`${base}/status`, body));
      shell.announce(t('participation.changed'));
    });
    const statuses = ['in_progress', 'forwarded', 'merged', 'declined'].filter((s) => s !== q.status);
    return h(Section, { title: t('participation.handle_heading') },
      h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(answerAction.run) },
        h(k.ErrorAlert, { error: answerAction.error }),
        h(k.TextArea, { label: t('participation.answer_field'), value: answer, onValue: setAnswer, rows: 5, maxLength: 8000, error: k.fieldError(answerAction.error, 'text') }),
        h(k.Submit, { busy: answerAction.busy }, t('participation.answer_send'))),
      h('h3', null, t('participation.change_heading')),
      h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(change.run) },
        h(k.ErrorAlert, { error: change.error }),
        h(k.Select, { label: t('participation.new_status'), value: statuses.includes(status) ? status : statuses[0], onValue: setStatus,
          options: statuses.map((s) => ({ value: s, label: t(`participation.status.${s}`) })) }),
        status === 'forwarded' ? h(k.Field, { label: t('participation.department_field'), value: department, onValue: setDepartment }) : null,
        status === 'merged' ? h(k.Field, { label: t('participation.merged_field'), value: merged, onValue: setMerged, inputMode: 'numeric' }) : null,
        h(k.Field, { label: t('participation.reason_field'), value: reason, onValue: setReason }),
        h(k.Submit, { busy: change.busy }, t('participation.change_send'))));
  }

  function Social({ q, onChanged }) {
    const base = `${API}/questions/${q.id}`;
    return h('p', { class: 'actions' },
      h(k.BusyButton, { kind: 'secondary', onPress: async () => onChanged({ ...q, ...(await (q.following ? shell.api.del(`${base}/follow`) : shell.api.post(`${base}/follow`))) }) },
        t(q.following ? 'participation.unfollow' : 'participation.follow')),
      q.kind === 'idea' ? ' ' : null,
      q.kind === 'idea' ? h(k.BusyButton, { kind: 'secondary', onPress: async () => onChanged({ ...q, ...(await (q.supported ? shell.api.del(`${base}/support`) : shell.api.post(`${base}/support`))) }) },
        t(q.supported ? 'participation.unsupport' : 'participation.support')) : null);
  }

  function Question({ q, onChanged }) {
    return h(Fragment, null,
      h(Section, { title: q.title },
        h('p', { class: 'item-meta' }, h(Status, { status: q.status }), ' · ',
          t('participation.meta', { kind: t(`participation.${q.kind}`), topic: topicName(q.topic), department: q.department }),
          q.kind === 'idea' ? ` · ${t('participation.supports', { count: q.supports })}` : null),
        h('p', { class: 'participation-body' }, q.body),
        q.reason && q.status !== 'answered' ? h('p', null, t('participation.reason', { reason: q.reason })) : null,
        q.merged_into ? h('p', null, t('participation.merged_into'), ' ', h('a', { href: `/participation/questions/${q.merged_into}` }, t('participation.see_earlier'))) : null,
        q.following ? h('p', null, t('participation.following')) : null,
        h(Social, { q, onChanged })),
      q.answer ? h(Section, { title: t('participation.answer_heading') },
        h('p', { class: 'participation-official' }, h('strong', null, t('participation.official', { department: q.answer.department })),
          q.answer.by ? ` · ${t('participation.by', { name: q.answer.by })}` : null),
        h('p', { class: 'participation-answer' }, q.answer.text)) : null,
      h(Section, { title: t('participation.history') },
        h('ol', { class: 'participation-history' }, (q.history || []).map((e, i) => h('li', { key: i },
          h(Status, { status: e.status }), ' · ', e.department, e.by ? ` (${e.by})` : null, ' · ', h(k.Time, { ms: e.at }), e.note ? ` · ${e.note}` : null)))),
      q.may_handle ? h(Handle, { q, onChanged }) : null);
  }

  return function QuestionPage({ params }) {
    const state = k.useLoad(() => shell.api.get(`${API}/questions/${encodeURIComponent(params.id)}`), [params.id]);
    return h(Loaded, { state }, (q) => h(Question, { q, onChanged: () => state.reload() }));
  };
}
