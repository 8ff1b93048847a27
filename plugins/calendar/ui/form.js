// /calendar/new: a new event in a calendar the person may post to, or in their department's
// calendar (staff: chosen first). The server's refusal of one field shows at that field;
// everything else in the form stays as typed.
import { API, CATEGORIES, parts } from './common.js';

export function eventForm(shell) {
  const { h, k, t, Loaded } = parts(shell);
  const { useState } = shell.preact.hooks;

  function Form({ calendars, departments }) {
    // A choice is "c<container id>" or "d<department id>"; a department's own staff start with it.
    const mine = [...departments.filter((d) => d.may_post).map((d) => ({ value: `d${d.id}`, label: t('calendar.department', { name: d.name }) })),
      ...calendars.filter((c) => c.may_post).map((c) => ({ value: `c${c.id}`, label: c.name }))];
    const [v, setV] = useState({ container: mine.length ? mine[0].value : '', title: '', description: '', allDay: false,
      starts: '', ends: '', repeat: 'none', count: '10', rdates: '', address: '', online: '', capacity: '', category: 'other',
      accessibility: '', stepFree: false, sign: false, contact: '', attendeesPublic: false });
    const set = (key) => (x) => setV({ ...v, [key]: x });
    const save = k.useAction(async () => {
      const target = v.container.startsWith('d') ? { department_id: Number(v.container.slice(1)) } : { container_id: Number(v.container.slice(1)) };
      const body = { ...target, title: v.title.trim(), description: v.description, all_day: v.allDay,
        starts: v.starts, ends: v.ends || v.starts, category: v.category, address: v.address.trim(), online_url: v.online.trim(),
        accessibility: v.accessibility, step_free: v.stepFree, sign_language: v.sign, contact: v.contact.trim(),
        attendees_public: v.attendeesPublic, capacity: v.capacity.trim() ? Number(v.capacity) : null };
      if (v.repeat !== 'none') body.rrule = `FREQ=${v.repeat};COUNT=${Number(v.count) || 1}`;
      const extra = v.rdates.split('\n').map((x) => x.trim()).filter(Boolean);
      if (extra.length) body.rdates = extra;
      const e = await shell.api.post(`${API}/events`, body);
      shell.navigate(`/calendar/events/${e.id}`);
    });
    if (!mine.length) return h('p', null, t('calendar.no_calendar'));
    const err = (field) => k.fieldError(save.error, field);
    const type = v.allDay ? 'date' : 'datetime-local';
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
      h(k.ErrorAlert, { error: save.error }),
      h(k.Select, { label: t('calendar.f.calendar'), value: v.container, onValue: set('container'), options: mine }),
      h(k.Field, { label: t('calendar.f.title'), value: v.title, onValue: set('title'), maxLength: 200, autoComplete: 'off', error: err('title') }),
      h(k.TextArea, { label: t('calendar.f.description'), hint: t('calendar.f.description_hint'), value: v.description, onValue: set('description'), rows: 4, maxLength: 20000, error: err('description') }),
      h(k.Checkbox, { label: t('calendar.f.all_day'), checked: v.allDay, onChecked: (c) => setV({ ...v, allDay: c, starts: '', ends: '' }) }),
      h(k.Field, { label: t('calendar.f.starts'), type, value: v.starts, onValue: set('starts'), error: err('starts') || err('time_zone') }),
      h(k.Field, { label: t('calendar.f.ends'), type, value: v.ends, onValue: set('ends'), error: err('ends') }),
      h(k.Select, { label: t('calendar.f.repeat'), value: v.repeat, onValue: set('repeat'),
        options: ['none', 'DAILY', 'WEEKLY', 'MONTHLY'].map((r) => ({ value: r, label: t(`calendar.repeat.${r}`) })) }),
      v.repeat !== 'none' ? h(k.Field, { label: t('calendar.f.count'), type: 'number', min: 1, max: 1000, value: v.count, onValue: set('count'), error: err('rrule') }) : null,
      h(k.TextArea, { label: t('calendar.f.rdates'), hint: t('calendar.f.rdates_hint'), value: v.rdates, onValue: set('rdates'), rows: 2, error: err('rdates') }),
      h(k.Select, { label: t('calendar.category'), value: v.category, onValue: set('category'), options: CATEGORIES.map((c) => ({ value: c, label: t(`calendar.cat.${c}`) })) }),
      h(k.Field, { label: t('calendar.f.address'), value: v.address, onValue: set('address'), maxLength: 300, error: err('address') }),
      h(k.Field, { label: t('calendar.f.online_url'), type: 'url', value: v.online, onValue: set('online'), maxLength: 500, error: err('online_url') }),
      h(k.Field, { label: t('calendar.f.capacity'), type: 'number', min: 1, value: v.capacity, onValue: set('capacity'), error: err('capacity') }),
      h(k.TextArea, { label: t('calendar.f.accessibility'), value: v.accessibility, onValue: set('accessibility'), rows: 2, maxLength: 1000 }),
      h(k.Checkbox, { label: t('calendar.f.step_free'), checked: v.stepFree, onChecked: set('stepFree') }),
      h(k.Checkbox, { label: t('calendar.f.sign_language'), checked: v.sign, onChecked: set('sign') }),
      h(k.Field, { label: t('calendar.f.contact'), value: v.contact, onValue: set('contact'), maxLength: 200, error: err('contact') }),
      h(k.Checkbox, { label: t('calendar.f.attendees_public'), checked: v.attendeesPublic, onChecked: set('attendeesPublic') }),
      h(k.Submit, { busy: save.busy }, t('calendar.f.create')));
  }

  return function NewEvent() {
    const calendars = k.useLoad(() => shell.api.get(`${API}/calendars`), []);
    return h(Loaded, { state: calendars }, (d) => h(Form, { calendars: d.calendars, departments: d.departments || [] }));
  };
}
