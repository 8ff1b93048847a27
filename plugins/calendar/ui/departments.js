// /calendar/departments: the departments' calendars. Admins open one (named as the staff's
// accounts name the department), rename it and delete an empty one (one that still holds
// events is refused with how many, shown as the server words it); everyone sees the list with
// each department's public feed.
import { API, parts } from './common.js';

export function departmentsPage(shell) {
  const { h, Fragment, k, t } = parts(shell);
  const { useState } = shell.preact.hooks;
  const Loaded = parts(shell).Loaded;

  function Department({ d, admin, reload }) {
    const [name, setName] = useState(d.name);
    const rename = k.useAction(async () => {
      await shell.api.patch(`${API}/departments/${d.id}`, { name: name.trim() });
      shell.announce(t('calendar.dep.renamed'));
      reload();
    });
    const remove = k.useAction(async () => {
      await shell.api.del(`${API}/departments/${d.id}`);
      shell.announce(t('calendar.dep.deleted'));
      reload();
    });
    const feed = `${API}/departments/${d.id}/calendar.ics`;
    return h('li', { class: 'item-card calendar-department' },
      h('h3', { class: 'item-title' }, t('calendar.department', { name: d.name })),
      h('p', { class: 'item-meta' }, h('a', { href: feed }, t('calendar.dep.feed'))),
      admin ? h(Fragment, null,
        h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(rename.run) },
          h(k.ErrorAlert, { error: rename.error }),
          h(k.Field, { label: t('calendar.dep.new_name', { name: d.name }), value: name, onValue: setName, maxLength: 120,
            autoComplete: 'off', error: k.fieldError(rename.error, 'name') }),
          h(k.Submit, { busy: rename.busy }, t('calendar.dep.rename'))),
        h(k.ErrorAlert, { error: remove.error }),
        h('div', { class: 'actions' },
          h(k.ConfirmDialog, { trigger: t('calendar.dep.delete'), title: t('calendar.dep.delete_title', { name: d.name }),
            confirmLabel: t('calendar.dep.delete'), kind: 'danger', onConfirm: () => remove.run() },
          h('p', null, t('calendar.dep.delete_text'))))) : null);
  }

  function AddForm({ reload }) {
    const [name, setName] = useState('');
    const add = k.useAction(async () => {
      const d = await shell.api.post(`${API}/departments`, { name: name.trim() });
      shell.announce(t('calendar.dep.added', { name: d.name }));
      setName('');
      reload();
    });
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(add.run) },
      h(k.ErrorAlert, { error: add.error }),
      h(k.Field, { label: t('calendar.dep.name'), hint: t('calendar.dep.name_hint'), value: name, onValue: setName, maxLength: 120,
        autoComplete: 'off', error: k.fieldError(add.error, 'name') }),
      h(k.Submit, { busy: add.busy }, t('calendar.dep.add')));
  }

  return function DepartmentsPage() {
    const list = k.useLoad(() => shell.api.get(`${API}/departments`).then((d) => d.departments), []);
    const admin = (shell.user() || {}).role === 'admin';
    return h(Loaded, { state: list }, (deps) => h(Fragment, null,
      h('p', null, t('calendar.dep.intro')),
      h(k.Section, { title: t('calendar.dep.list') }, deps.length
        ? h('ul', { class: 'plain-list' }, deps.map((d) => h(Department, { key: `${d.id}-${d.name}`, d, admin, reload: list.reload })))
        : h('p', null, t('calendar.dep.none'))),
      admin ? h(k.Section, { title: t('calendar.dep.add') }, h(AddForm, { reload: list.reload })) : null));
  };
}
