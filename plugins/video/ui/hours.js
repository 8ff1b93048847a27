// Consultation hours as people read them: "Mo 09:00–12:00, Mi 14:00–18:00", whether the room is
// open now, and when it opens next, in the municipality's time zone (not the browser's).
export function hoursParts(shell) {
  const { t, kit: k } = shell;
  const { h } = shell.preact;
  const { useState } = shell.preact.hooks;
  const locale = () => (shell.language() === 'en' ? 'en-GB' : 'de-DE');

  const hoursText = (hours) => hours.map((s) => `${t(`video.day.${s.day}`)} ${s.from}–${s.to}`).join(', ');

  const openingText = (room) => new Date(room.opens_next.at).toLocaleString(locale(), {
    timeZone: room.time_zone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
  });

  // The schedule line of a room card or page; nothing for rooms without hours.
  function Hours({ room }) {
    if (!room.hours) return null;
    return h('p', { class: 'video-hours' },
      h('strong', null, t('video.hours'), ': '), hoursText(room.hours), ' ',
      h('span', { class: room.open_now ? 'video-open' : 'video-closed' }, room.open_now ? t('video.open_now') : t('video.closed_now')));
  }

  // Why one cannot join now, and when one can.
  function ClosedNotice({ room }) {
    return h('div', { class: 'alert alert-info', role: 'status' },
      h('p', null, t('video.closed_until', { when: room.opens_next ? openingText(room) : '–' })));
  }

  // The weekly times as rows, one per time span (inside a form): the room page's HoursForm and the
  // form that creates consultation hours share it.
  function HoursRows({ rows, setRows }) {
    const set = (i, key, v) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
    const days = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`video.weekday.${d}`) }));
    return h('div', null,
      rows.map((r, i) => h('fieldset', { key: i, class: 'video-hours-row' },
        h('legend', null, t('video.hours_row', { n: i + 1 })),
        h(k.Select, { label: t('video.weekday'), value: String(r.day), onValue: (v) => set(i, 'day', Number(v)), options: days }),
        h(k.Field, { label: t('video.from'), type: 'time', value: r.from, onValue: (v) => set(i, 'from', v), required: true }),
        h(k.Field, { label: t('video.to'), type: 'time', value: r.to, onValue: (v) => set(i, 'to', v), required: true }),
        h('button', { type: 'button', class: 'button button-secondary', onClick: () => setRows((rs) => rs.filter((_, j) => j !== i)) },
          t('video.hours_remove', { n: i + 1 })))),
      h('p', null, h('button', { type: 'button', class: 'button button-secondary', onClick: () => setRows((rs) => [...rs, { day: 1, from: '09:00', to: '12:00' }]) },
        t('video.hours_add'))));
  }

  // The host sets the weekly times: a row per time span; none = open at any time.
  function HoursForm({ room, onSaved }) {
    const [rows, setRows] = useState(() => (room.hours || []).map((s) => ({ ...s })));
    const action = k.useAction(async () => {
      onSaved(await shell.api.patch(`/api/p/video/rooms/${encodeURIComponent(room.slug)}`, { hours: rows.length ? rows : null }));
    });
    return h('section', { 'aria-labelledby': 'video-hours-edit' },
      h('h3', { id: 'video-hours-edit' }, t('video.hours_edit')),
      h('p', { class: 'hint' }, t('video.hours_hint')),
      h('form', { class: 'form', onSubmit: k.onSubmit(() => action.run()) },
        h(HoursRows, { rows, setRows }),
        h(k.ErrorAlert, { error: action.error }),
        h(k.Submit, { busy: action.busy }, t('video.hours_save'))));
  }

  return { Hours, ClosedNotice, HoursForm, HoursRows };
}
