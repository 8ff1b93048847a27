// /calendar/events/:id: an event with its description (the core's rendered Markdown), place,
// accessibility, the next dates with the person's answer for each, the .ics file, and for the
// organisers who answered each date (or for everyone, if chosen), a message to them, and
// cancelling a date or the event; below, the event's comments (kit, shell API 3).
import { API, parts } from './common.js';

export function eventPage(shell) {
  const { h, Fragment, k, t, when, Section, Loaded } = parts(shell);
  const { useState } = shell.preact.hooks;

  function Answer({ e, o, mine, seats, reload }) {
    const [remind, setRemind] = useState('none');
    const send = (status) => async () => {
      await shell.api.put(`${API}/events/${e.id}/rsvp`, { status, occurrence: o.recurrence_id, remind });
      shell.announce(t('calendar.answered'));
      reload();
    };
    return h('div', { class: 'calendar-answer' },
      mine ? h('p', { class: 'calendar-status' }, t(`calendar.status.${mine.status}`)) : null,
      e.capacity ? h('p', { class: 'item-meta' }, t('calendar.seats', { going: seats, capacity: e.capacity })) : null,
      h(k.Select, { label: t('calendar.remind'), value: remind, onValue: setRemind,
        options: ['none', 'day', 'hour', 'both'].map((r) => ({ value: r, label: t(`calendar.remind.${r}`) })) }),
      h('div', { class: 'actions', role: 'group', 'aria-label': t('calendar.answer') },
        ['going', 'maybe', 'declined'].map((s) => h(k.BusyButton, { key: s, kind: s === 'going' ? 'primary' : 'secondary', onPress: send(s) }, t(`calendar.${s}`)))));
  }

  // Who answered one date, for the organisers (and everyone, if they chose so): going with their
  // guests, the waiting list in its order, maybe. Loaded when asked for, not with the page.
  function AttendeeList({ e, o }) {
    const list = k.useLoad(() => shell.api.get(`${API}/events/${e.id}/attendees?occurrence=${encodeURIComponent(o.recurrence_id)}`), [e.id, o.recurrence_id]);
    return h(Loaded, { state: list }, (d) => {
      const groups = ['going', 'waiting', 'maybe'].map((status) => [status, d.attendees.filter((a) => a.status === status)]);
      const seats = d.attendees.filter((a) => a.status === 'going').reduce((n, a) => n + 1 + a.guests, 0);
      return h('div', { class: 'calendar-attendees' },
        h('p', { class: 'item-meta' }, t('calendar.att.total', { people: seats })),
        groups.map(([status, people]) => h('section', { key: status, 'aria-label': t(`calendar.att.${status}`) },
          h('h4', null, `${t(`calendar.att.${status}`)} (${people.length})`),
          people.length
            ? h(status === 'waiting' ? 'ol' : 'ul', { class: 'calendar-people' }, people.map((a) => h('li', { key: a.user_id },
              a.display_name, a.guests ? ` ${t('calendar.att.guests', { count: a.guests })}` : '')))
            : h('p', { class: 'item-meta' }, t('calendar.att.nobody')))));
    });
  }

  function Attendees({ e, o }) {
    const [open, setOpen] = useState(false);
    return h('div', null,
      h('button', { type: 'button', class: 'button', 'aria-expanded': open ? 'true' : 'false', onClick: () => setOpen(!open) },
        t(open ? 'calendar.att.hide' : 'calendar.att.show')),
      open ? h(AttendeeList, { e, o }) : null);
  }

  // The organisers write to everyone who answered (a notification in their language's frame).
  function MessageForm({ e }) {
    const [text, setText] = useState('');
    const send = k.useAction(async () => {
      await shell.api.post(`${API}/events/${e.id}/message`, { text: text.trim() });
      setText('');
      shell.announce(t('calendar.msg.sent'));
    });
    return h(Section, { title: t('calendar.msg.title') },
      h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(send.run) },
        h(k.ErrorAlert, { error: send.error }),
        h(k.TextArea, { label: t('calendar.msg.text'), hint: t('calendar.msg.hint'), value: text, onValue: setText, rows: 3, maxLength: 2000,
          error: k.fieldError(send.error, 'text') }),
        h(k.Submit, { busy: send.busy }, t('calendar.msg.send'))));
  }

  // The organisers add, replace or remove the event's picture (the server re-encodes it
  // without its metadata; a file that is no picture is refused in words).
  function ImageForm({ e, reload }) {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState(null);
    const put = async (ev) => {
      const file = ev.currentTarget.files && ev.currentTarget.files[0];
      if (!file) return;
      setBusy(true);
      setError(null);
      try {
        await shell.upload(`${API}/events/${e.id}/image`, file, { method: 'PUT', contentType: 'application/octet-stream', maxBytes: 15 * 1024 * 1024 });
        shell.announce(t('calendar.img.saved'));
        reload();
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    };
    const remove = k.useAction(async () => {
      await shell.api.del(`${API}/events/${e.id}/image`);
      shell.announce(t('calendar.img.removed'));
      reload();
    });
    return h('div', { class: 'calendar-image-form' },
      h(k.ErrorAlert, { error: error || remove.error }),
      h('label', { class: 'button' }, t(e.image ? 'calendar.img.replace' : 'calendar.img.add'),
        h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif', class: 'visually-hidden', disabled: busy, onChange: put })),
      busy ? h('p', { role: 'status' }, t('calendar.img.uploading')) : null,
      e.image ? h(k.BusyButton, { kind: 'secondary', onPress: () => remove.run() }, t('calendar.img.remove')) : null);
  }

  function Dates({ e, reload }) {
    const soon = e.occurrences.filter((o) => o.ends_at > Date.now() - 86400e3 || e.occurrences.length <= 10).slice(0, 10);
    const answers = new Map(e.rsvps.map((r) => [r.recurrence_id, r]));
    const cancel = (o) => async () => {
      await shell.api.put(`${API}/events/${e.id}/occurrences/${o.recurrence_id}`, { cancelled: true });
      reload();
    };
    const user = shell.user();
    return h(Section, { title: t('calendar.dates') },
      h('ul', { class: 'plain-list' }, soon.map((o) => {
        const r = answers.get(o.recurrence_id);
        const occ = { ...o, all_day: e.all_day, time_zone: e.time_zone };
        return h('li', { key: o.recurrence_id || 'single', class: 'item-card' },
          h('h3', { class: 'item-title' }, when(occ)),
          o.cancelled ? h('p', { class: 'calendar-flag' }, t('calendar.cancelled')) : null,
          o.title ? h('p', null, o.title) : null,
          !o.cancelled && user ? h(Answer, { e, o, mine: r && r.mine, seats: r ? r.going : 0, reload }) : null,
          user && (e.may_manage || e.attendees_public) ? h(Attendees, { e, o }) : null,
          e.may_manage && !e.import_id && e.recurring && !o.cancelled ? h(k.BusyButton, { kind: 'secondary', onPress: cancel(o) }, t('calendar.cancel_date')) : null);
      })));
  }

  function Details({ e, item, reload }) {
    const badges = [t(`calendar.cat.${e.category}`)];
    if (e.step_free) badges.push(t('calendar.step_free'));
    if (e.sign_language) badges.push(t('calendar.sign_language'));
    const remove = k.useAction(async () => {
      await shell.api.del(`${API}/events/${e.id}`);
      shell.announce(t('calendar.deleted'));
      shell.navigate('/calendar');
    });
    return h(Fragment, null,
      h('h2', null, e.title),
      e.image ? h('img', { class: 'calendar-image', src: e.image.url, alt: t('calendar.img.alt', { title: e.title }) }) : null,
      e.may_manage && !e.import_id && typeof shell.upload === 'function' ? h(ImageForm, { e, reload }) : null,
      h('p', { class: 'item-meta' }, badges.join(' · ')),
      e.department ? h('p', null, t('calendar.by_department', { name: e.department.name })) : null,
      e.organiser.display_name ? h('p', null, t('calendar.organiser', { name: e.organiser.display_name })) : null,
      e.import_id ? h('p', { class: 'item-meta' }, t('calendar.imported')) : null,
      e.address ? h('p', null, h('strong', null, `${t('calendar.where')}: `), e.address) : null,
      e.online_url ? h('p', null, h('a', { href: e.online_url, rel: 'noopener noreferrer' }, e.online_url)) : null,
      e.accessibility ? h('p', null, e.accessibility) : null,
      e.contact ? h('p', null, e.contact) : null,
      item && item.body_html ? h('div', { class: 'item-body', dangerouslySetInnerHTML: { __html: item.body_html } }) : null,
      h('p', null, h('a', { href: `${API}/events/${e.id}/event.ics`, download: `event-${e.id}.ics` }, t('calendar.ics'))),
      h(Dates, { e, reload }),
      e.may_manage ? h(MessageForm, { e }) : null,
      e.may_manage && !e.import_id ? h(Fragment, null, h(k.ErrorAlert, { error: remove.error }),
        h(k.ConfirmDialog, { trigger: t('calendar.delete'), title: t('calendar.delete_title'), confirmLabel: t('calendar.delete'), kind: 'danger', onConfirm: () => remove.run() },
          h('p', null, t('calendar.delete_text')))) : null,
      // The discussion of the event right here (the kit's comments, shell API 3), not only on its item page.
      item && k.Comments ? h(k.Comments, { itemId: item.id, count: item.comment_count || 0 }) : null);
  }

  return function EventPage({ params }) {
    const state = k.useLoad(async () => {
      const e = await shell.api.get(`${API}/events/${params.id}`);
      const item = await shell.api.get(`/api/content/${e.content_id}`).catch(() => null);
      return { e, item };
    }, [params.id]);
    return h(Loaded, { state }, ({ e, item }) => h(Details, { e, item, reload: state.reload }));
  };
}
