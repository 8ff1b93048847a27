// Parts every calendar page uses: dates in the event's time zone, a titled section, "loaded or
// failed with a retry", and one date of the list.
export const API = '/api/p/calendar';
export const CATEGORIES = ['culture', 'sport', 'family', 'neighbourhood', 'council', 'education', 'market', 'other'];
const ZONE = 'Europe/Berlin';

let sections = 0;

// "2026-06-06" of an instant in a zone.
export function dayKey(ms, zone = ZONE) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

export function parts(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const { useState } = shell.preact.hooks;
  const locale = () => (shell.language() === 'en' ? 'en-GB' : 'de-DE');
  const fmt = (ms, zone, opts) => new Intl.DateTimeFormat(locale(), { timeZone: zone || ZONE, ...opts }).format(ms);
  const dayName = (key) => fmt(Date.parse(`${key}T12:00:00Z`), 'UTC', { weekday: 'long', day: 'numeric', month: 'long' });
  const time = (ms, zone) => fmt(ms, zone, { hour: '2-digit', minute: '2-digit' });
  const when = (o) => {
    const day = fmt(o.starts_at, o.time_zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    return o.all_day ? `${day}, ${t('calendar.all_day')}` : `${day}, ${time(o.starts_at, o.time_zone)}–${time(o.ends_at, o.time_zone)}`;
  };

  function Section({ title, children }) {
    const [id] = useState(() => `calendar-section-${++sections}`);
    return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), children);
  }

  function Loaded({ state, children }) {
    if (state.error) return h(k.RetryAlert, { error: state.error, what: t('calendar.load_failed'), onRetry: state.reload });
    if (!state.data) return state.loading ? h(k.Loading) : null;
    return children(state.data);
  }

  function OccurrenceCard({ o, showDay }) {
    const meta = [showDay ? when(o) : o.all_day ? t('calendar.all_day') : `${time(o.starts_at, o.time_zone)}–${time(o.ends_at, o.time_zone)}`];
    if (o.address) meta.push(o.address);
    if (o.online) meta.push(t('calendar.online'));
    if (o.recurring) meta.push(t('calendar.recurring'));
    return h('li', { class: 'item-card calendar-occurrence' },
      h('h3', { class: 'item-title' }, h('a', { href: `/calendar/events/${o.event_id}` }, o.title)),
      o.cancelled ? h('p', { class: 'calendar-flag' }, t('calendar.cancelled')) : o.changed ? h('p', { class: 'calendar-flag' }, t('calendar.changed')) : null,
      h('p', { class: 'item-meta' }, meta.join(' · ')));
  }

  return { h, Fragment, k, t, fmt, dayName, when, Section, Loaded, OccurrenceCard };
}
