// /calendar/imports: external iCal feeds imported into the calendars the person may add events
// to, the department calendars among them (for their staff and admins). Each shows its state (last good poll, last error, entries skipped and why); it can be
// polled now or removed with its events. Adding one polls it once: a bad address is refused there.
import { API, parts } from './common.js';

export function importsPage(shell) {
  const { h, Fragment, k, t, fmt, Section, Loaded } = parts(shell);
  const { useState } = shell.preact.hooks;
  const at = (ms) => fmt(ms, undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

  function Status({ imp }) {
    return h(Fragment, null,
      h('p', { class: 'item-meta' }, imp.last_success_at
        ? t('calendar.imp.last_success', { when: at(imp.last_success_at), count: imp.events })
        : t('calendar.imp.never')),
      imp.last_error ? h('div', { class: 'alert alert-error', role: 'alert' },
        h('strong', null, t('calendar.imp.last_error', { when: at(imp.last_attempt_at) })), ' ', imp.last_error) : null,
      imp.skipped ? h('details', null, h('summary', null, t('calendar.imp.skipped', { count: imp.skipped })),
        h('ul', null, imp.skipped_reasons.map((r, i) => h('li', { key: i }, r)))) : null);
  }

  function Import({ imp, reload }) {
    const sync = k.useAction(async () => {
      const r = await shell.api.post(`${API}/imports/${imp.id}/sync`, {});
      shell.announce(r.last_error ? t('calendar.imp.sync_failed') : t('calendar.imp.synced'));
      reload();
    });
    const remove = k.useAction(async () => {
      await shell.api.del(`${API}/imports/${imp.id}`);
      shell.announce(t('calendar.imp.removed'));
      reload();
    });
    return h('li', { class: 'item-card calendar-import' },
      h('h3', { class: 'item-title calendar-url' }, imp.url),
      h(Status, { imp }),
      h(k.ErrorAlert, { error: sync.error || remove.error }),
      h('div', { class: 'actions' },
        h(k.BusyButton, { kind: 'secondary', onPress: () => sync.run() }, t('calendar.imp.sync')),
        h(k.ConfirmDialog, { trigger: t('calendar.imp.remove'), title: t('calendar.imp.remove_title'), confirmLabel: t('calendar.imp.remove'),
          kind: 'danger', onConfirm: () => remove.run() }, h('p', null, t('calendar.imp.remove_text')))));
  }

  function AddForm({ base, reload }) {
    const [url, setUrl] = useState('');
    const [interval, setInterval] = useState('60');
    const add = k.useAction(async () => {
      const r = await shell.api.post(`${base}/imports`, { url: url.trim(), interval_minutes: Number(interval) });
      shell.announce(t('calendar.imp.added', { count: r.events }));
      setUrl('');
      reload();
    });
    const err = (f) => k.fieldError(add.error, f);
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(add.run) },
      h(k.ErrorAlert, { error: add.error }),
      h(k.Field, { label: t('calendar.imp.url'), hint: t('calendar.imp.url_hint'), type: 'url', value: url, onValue: setUrl, maxLength: 2000,
        autoComplete: 'off', error: err('url') }),
      h(k.Select, { label: t('calendar.imp.interval'), value: interval, onValue: setInterval,
        options: ['15', '60', '360', '1440'].map((m) => ({ value: m, label: t(`calendar.imp.every_${m}`) })) }),
      h(k.Submit, { busy: add.busy }, t('calendar.imp.add')));
  }

  // calendar: { value, name, base } with base the calendar's or the department's address.
  function ForCalendar({ calendar }) {
    const list = k.useLoad(() => shell.api.get(`${calendar.base}/imports`).then((d) => d.imports), [calendar.base]);
    return h(Section, { title: calendar.name },
      h(Loaded, { state: list }, (imports) => h(Fragment, null,
        imports.length
          ? h('ul', { class: 'plain-list' }, imports.map((imp) => h(Import, { key: imp.id, imp, reload: list.reload })))
          : h('p', null, t('calendar.imp.none')),
        h(AddForm, { base: calendar.base, reload: list.reload }))));
  }

  return function ImportsPage() {
    const calendars = k.useLoad(() => shell.api.get(`${API}/calendars`).then((d) => [
      ...d.calendars.filter((c) => c.may_post).map((c) => ({ value: `c${c.id}`, name: c.name, base: `${API}/calendars/${c.id}` })),
      ...(d.departments || []).filter((x) => x.may_post).map((x) => ({ value: `d${x.id}`, name: t('calendar.department', { name: x.name }),
        base: `${API}/departments/${x.id}` }))]), []);
    const [chosen, setChosen] = useState('');
    return h(Loaded, { state: calendars }, (list) => {
      if (!list.length) return h('p', null, t('calendar.no_calendar'));
      const current = list.find((c) => c.value === chosen) || list[0];
      return h(Fragment, null,
        h('p', null, t('calendar.imp.intro')),
        h(k.Select, { label: t('calendar.f.calendar'), value: current.value, onValue: setChosen,
          options: list.map((c) => ({ value: c.value, label: c.name })) }),
        h(ForCalendar, { key: current.value, calendar: current }));
    });
  };
}
