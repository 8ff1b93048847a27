// Parts every calendar page uses: dates in the event's time zone, one date of the list, and the
// kit's titled section and "loaded or failed with a retry" (shell API 3).
export const API = '/api/p/calendar';
export const CATEGORIES = ['culture', 'sport', 'family', 'neighbourhood', 'council', 'education', 'market', 'other'];
const ZONE = 'Europe/Berlin';

// "2026-06-06" of an instant in a zone.
export function dayKey(ms, zone = ZONE) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

export function parts(shell) {
  const { t, kit: k } = shell;
  const { h, Fragment } = shell.preact;
  const locale = () => (shell.language() === 'en' ? 'en-GB' : 'de-DE');
  const fmt = (ms, zone, opts) => new Intl.DateTimeFormat(locale(), { timeZone: zone || ZONE, ...opts }).format(ms);
  const dayName = (key) => fmt(Date.parse(`${key}T12:00:00Z`), 'UTC', { weekday: 'long', day: 'numeric', month: 'long' });
  const time = (ms, zone) => fmt(ms, zone, { hour: '2-digit', minute: '2-digit' });
  const when = (o) => {
    const day = fmt(o.starts_at, o.time_zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    return o.all_day ? `${day}, ${t('calendar.all_day')}` : `${day}, ${time(o.starts_at, o.time_zone)}–${time(o.ends_at, o.time_zone)}`;
  };

  // The kit's titled section and loaded-or-retry (shell API 3), with this plugin's words.
  const Section = k.Section;
  const Loaded = ({ state, children }) => h(k.Loaded, { state, what: t('calendar.load_failed') }, children);

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
