// /video: the cafés of the neighbourhoods, the consultation hours, one's own rooms, a new room.
import { hoursParts } from './hours.js';

const API = '/api/p/video';

export function roomsPage(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const { useState } = shell.preact.hooks;
  const { Hours, HoursRows } = hoursParts(shell);
  const isStaff = () => ['staff', 'moderator', 'admin'].includes((shell.user() || {}).role);

  // A full page load (target=_self): only the room page's own document may use the camera.
  function RoomLink({ room }) {
    return h('a', { href: room.link, target: '_self' }, room.name);
  }

  function RoomList({ rooms }) {
    if (!rooms.length) return h('p', null, t('video.none'));
    return h('ul', { class: 'plain-list' }, rooms.map((r) => h('li', { key: r.slug, class: 'item-card' },
      h('h3', { class: 'item-title' }, h(RoomLink, { room: r })),
      h(Hours, { room: r }),
      r.schedule ? h('p', null, r.schedule) : null,
      h('p', { class: 'item-meta' }, t('video.people', { n: r.participants, max: r.capacity }), r.locked ? ` · ${t('video.locked')}` : ''))));
  }

  function Section({ id, title, children }) {
    return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), children);
  }

  // Staff also create consultation hours: the department, a note, the weekly times.
  function DepartmentFields({ dep, setDep, note, setNote, rows, setRows, error }) {
    return h('fieldset', { class: 'video-department' },
      h('legend', null, t('video.consultation_new')),
      h(k.Field, { label: t('video.department'), value: dep, onValue: setDep, maxLength: 120, autocomplete: 'organization', error: k.fieldError(error, 'department') }),
      h(k.TextArea, { label: t('video.schedule_note'), hint: t('video.schedule_note_hint'), value: note, onValue: setNote, maxLength: 500, rows: 2 }),
      h('p', { class: 'hint' }, t('video.hours_hint_new')),
      h(HoursRows, { rows, setRows }));
  }

  function roomBody({ name, kind, capacity, guests, lobby, dep, note, rows }) {
    const body = { name, kind, guests_allowed: guests, lobby: guests && lobby };
    if (capacity) body.capacity = Number(capacity);
    if (kind === 'department') Object.assign(body, { department: dep, schedule: note, hours: rows.length ? rows : null });
    return body;
  }

  function CreateForm({ onCreated }) {
    const [name, setName] = useState('');
    const [kind, setKind] = useState('resident');
    const [capacity, setCapacity] = useState('');
    const [guests, setGuests] = useState(true);
    const [lobby, setLobby] = useState(false);
    const [dep, setDep] = useState(() => (shell.user() || {}).department || '');
    const [note, setNote] = useState('');
    const [rows, setRows] = useState([]);
    const [created, setCreated] = useState(null);
    const action = k.useAction(async () => {
      const room = await shell.api.post(`${API}/rooms`, roomBody({ name, kind, capacity, guests, lobby, dep, note, rows }));
      setCreated(room);
      setName('');
      setRows([]);
      setNote('');
      onCreated();
    });
    const kinds = [{ value: 'resident', label: t('video.kind_resident') }, { value: 'department', label: t('video.kind_department') }];
    return h(Fragment, null,
      h('form', { class: 'form', onSubmit: k.onSubmit(() => action.run()) },
        isStaff() ? h(k.RadioGroup, { legend: t('video.kind'), value: kind, onValue: setKind, options: kinds }) : null,
        h(k.Field, { label: t('video.name'), value: name, onValue: setName, required: true, maxLength: 80, error: k.fieldError(action.error, 'name') }),
        h(k.Field, { label: t('video.capacity'), hint: t('video.capacity_hint'), type: 'number', min: 2, max: 200, inputmode: 'numeric', value: capacity, onValue: setCapacity, error: k.fieldError(action.error, 'capacity') }),
        kind === 'department' ? h(DepartmentFields, { dep, setDep, note, setNote, rows, setRows, error: action.error }) : null,
        h(k.Checkbox, { label: t('video.guests'), checked: guests, onChecked: setGuests }),
        guests ? h(k.Checkbox, { label: t('video.lobby_new'), checked: lobby, onChecked: setLobby }) : null,
        h(k.ErrorAlert, { error: action.error }),
        h(k.Submit, { busy: action.busy }, t('video.create'))),
      created ? h(k.Notice, { kind: 'success' }, h('p', null, t('video.created')),
        h('p', null, h('a', { href: created.link, target: '_self' }, `${location.origin}${created.link}`))) : null);
  }

  return function VideoRooms() {
    const rooms = k.useLoad(() => shell.api.get(`${API}/rooms`), []);
    const body = (d) => h(Fragment, null,
      h(Section, { id: 'video-cafes', title: t('video.cafes') }, h(RoomList, { rooms: d.cafes })),
      h(Section, { id: 'video-consultations', title: t('video.consultations') }, h(RoomList, { rooms: d.consultations })),
      shell.user() ? h(Section, { id: 'video-mine', title: t('video.mine') }, h(RoomList, { rooms: d.mine })) : null);
    return h(Fragment, null,
      h('p', null, t('video.intro')),
      rooms.error ? h(k.RetryAlert, { error: rooms.error, what: t('video.title'), onRetry: rooms.reload })
        : rooms.data ? body(rooms.data) : h(k.Loading),
      shell.user() ? h(Section, { id: 'video-create', title: t('video.create') }, h(CreateForm, { onCreated: rooms.reload })) : null);
  };
}
