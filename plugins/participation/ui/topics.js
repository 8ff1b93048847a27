// /participation/topics (admins): the topics residents pick and the department each goes to.
import { API, parts } from './common.js';

export function topicsPage(shell) {
  const { h, Fragment, k, t, Section, Loaded } = parts(shell);
  const { useState } = shell.preact.hooks;

  function Route({ topic, onSaved }) {
    const [department, setDepartment] = useState(topic.department);
    const save = k.useAction(async () => {
      await shell.api.patch(`${API}/topics/${topic.id}`, { department });
      shell.announce(t('participation.saved'));
      onSaved();
    });
    return h('li', { class: 'item-card' },
      h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
        h(k.ErrorAlert, { error: save.error }),
        h(k.Field, { label: t('participation.route_label', { topic: topic.name_de }), value: department, onValue: setDepartment, error: k.fieldError(save.error, 'department') }),
        h(k.Submit, { busy: save.busy }, t('participation.save'))));
  }

  function NewTopic({ onSaved }) {
    const [slug, setSlug] = useState('');
    const [nameDe, setNameDe] = useState('');
    const [nameEn, setNameEn] = useState('');
    const [department, setDepartment] = useState('');
    const create = k.useAction(async () => {
      await shell.api.post(`${API}/topics`, { slug: slug.trim(), name_de: nameDe, name_en: nameEn, department });
      shell.announce(t('participation.saved'));
      setSlug('');
      setNameDe('');
      setNameEn('');
      setDepartment('');
      onSaved();
    });
    const err = (f) => k.fieldError(create.error, f);
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(create.run) },
      h(k.ErrorAlert, { error: create.error }),
      h(k.Field, { label: t('participation.slug'), value: slug, onValue: setSlug, error: err('slug'), autoComplete: 'off' }),
      h(k.Field, { label: t('participation.name_de'), value: nameDe, onValue: setNameDe, error: err('name_de') }),
      h(k.Field, { label: t('participation.name_en'), value: nameEn, onValue: setNameEn, error: err('name_en') }),
      h(k.Field, { label: t('participation.department'), value: department, onValue: setDepartment, error: err('department') }),
      h(k.Submit, { busy: create.busy }, t('participation.create')));
  }

  function Figures() {
    const state = k.useLoad(() => shell.api.get(`${API}/figures`), []);
    const cols = ['total', 'open', 'answered', 'declined', 'merged', 'open_over_14_days', 'median_hours_to_answer'];
    return h(Section, { title: t('participation.figures') },
      // One card per department: readable on a phone, unlike a wide table.
      h(Loaded, { state }, (d) => (d.departments.length
        ? h('ul', { class: 'plain-list' }, d.departments.map((row) => h('li', { key: row.department, class: 'item-card' },
          h('h3', { class: 'item-title' }, row.department),
          h('dl', { class: 'participation-figures' }, cols.map((c) => h(Fragment, { key: c },
            h('dt', null, t(`participation.fig.${c}`)), h('dd', null, row[c] === null ? '–' : String(row[c]))))))))
        : h('p', null, t('participation.figures_empty')))),
      h('p', null, h('a', { href: `${API}/figures/csv`, download: 'participation-figures.csv' }, t('participation.figures_csv'))));
  }

  // The meinBerlin bridge: on or off, the last good poll, the last failure in words, poll now.
  function Bridge() {
    const state = k.useLoad(() => shell.api.get(`${API}/meinberlin`), []);
    const [queued, setQueued] = useState(false);
    const when = (ms) => (ms ? shell.formatDate(ms) : t('participation.bridge_never'));
    return h(Section, { title: t('participation.bridge') },
      h(Loaded, { state }, (b) => h(Fragment, null,
        h('dl', { class: 'participation-figures' },
          h('dt', null, t('participation.bridge_state')), h('dd', null, t(b.enabled ? 'participation.bridge_on' : 'participation.bridge_off')),
          h('dt', null, t('participation.bridge_success')), h('dd', null, when(b.last_success_at)),
          h('dt', null, t('participation.bridge_counts')), h('dd', null, t('participation.bridge_counts_value', { listed: b.listed, changed: b.changed, skipped: b.skipped }))),
        b.last_error ? h('div', { class: 'alert alert-error', role: 'alert' }, t('participation.bridge_error', { when: when(b.last_attempt_at), error: b.last_error })) : null,
        b.enabled ? h('p', { class: 'actions' }, h(k.BusyButton, { kind: 'secondary', onPress: async () => {
          await shell.api.post(`${API}/meinberlin/sync`, {});
          setQueued(true);
          shell.announce(t('participation.bridge_queued'));
        } }, t('participation.bridge_sync')), ' ', h(k.BusyButton, { kind: 'secondary', onPress: async () => state.reload() }, t('participation.bridge_reload'))) : null,
        queued ? h(k.Notice, null, t('participation.bridge_queued')) : null)));
  }

  return function Topics() {
    const state = k.useLoad(() => shell.api.get(`${API}/topics`), []);
    return h(Fragment, null,
      h(Figures),
      h(Bridge),
      h(Section, { title: t('participation.topics_title') },
        h(Loaded, { state }, (d) => h('ul', { class: 'plain-list' }, d.topics.map((tp) => h(Route, { key: `${tp.id}-${tp.department}`, topic: tp, onSaved: state.reload }))))),
      h(Section, { title: t('participation.topics_new') }, h(NewTopic, { onSaved: state.reload })));
  };
}
