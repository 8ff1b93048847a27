// /calendar: the phone-first agenda (dates grouped by day), the week view (the seven days of a
// week as a list, empty days too) and the month view (a table of days; choosing a day lists its
// dates below), filtered by calendar, category, "my events" and "my neighbourhood". Agenda and
// month read one request per month, the week one per week.
import { API, CATEGORIES, dayKey, parts } from './common.js';

export function calendarViews(shell) {
  const { h, Fragment, k, t, fmt, dayName, Section, Loaded, OccurrenceCard } = parts(shell);
  const { useState } = shell.preact.hooks;

  // The month's range, generously around the UTC month (14 h covers every zone), filtered by day later.
  const range = (y, m) => [Date.UTC(y, m, 1) - 14 * 3600e3, Date.UTC(y, m + 1, 1) + 14 * 3600e3];
  const monthKey = (y, m) => `${y}-${String(m + 1).padStart(2, '0')}`;
  const DAY = 86400e3;
  // Weeks start on Monday; a week is kept as the UTC midnight of its Monday's date.
  const mondayOf = (y, m, d) => {
    const at = Date.UTC(y, m, d);
    return at - ((new Date(at).getUTCDay() + 6) % 7) * DAY;
  };
  const weekKeys = (monday) => Array.from({ length: 7 }, (_, i) => dayKey(monday + i * DAY + DAY / 2, 'UTC'));

  function byDay(list, keep) {
    const days = new Map();
    for (const o of list) {
      const key = dayKey(o.starts_at, o.time_zone);
      if (!keep(key)) continue;
      if (!days.has(key)) days.set(key, []);
      days.get(key).push(o);
    }
    return days;
  }

  function Agenda({ days }) {
    if (!days.size) return h('p', null, t('calendar.empty'));
    return h(Fragment, null, [...days.entries()].map(([key, list]) => h('section', { key, class: 'calendar-day', 'aria-label': dayName(key) },
      h('h3', null, dayName(key)),
      h('ul', { class: 'plain-list' }, list.map((o) => h(OccurrenceCard, { key: `${o.event_id}-${o.recurrence_id}`, o }))))));
  }

  // Every day of the week with its dates, "none" on an empty one: a list a screen reader and the
  // keyboard walk in order (each day a labelled section, each date a link).
  function Week({ days, monday, busy }) {
    return h('ol', { class: 'plain-list calendar-week', 'aria-busy': busy ? 'true' : 'false' }, weekKeys(monday).map((key) => {
      const list = days.get(key) || [];
      return h('li', { key },
        h('section', { class: 'calendar-day', 'aria-label': dayName(key) },
          h('h3', null, dayName(key)),
          list.length
            ? h('ul', { class: 'plain-list' }, list.map((o) => h(OccurrenceCard, { key: `${o.event_id}-${o.recurrence_id}`, o })))
            : h('p', { class: 'item-meta' }, t('calendar.day_free'))));
    }));
  }

  function Month({ days, y, m }) {
    const [chosen, setChosen] = useState(null);
    const first = new Date(Date.UTC(y, m, 1));
    const lead = (first.getUTCDay() + 6) % 7;  // Monday first
    const count = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const cells = [...Array(lead).fill(null), ...Array.from({ length: count }, (_, i) => i + 1)];
    while (cells.length % 7) cells.push(null);
    const weeks = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    const weekday = (i) => fmt(Date.UTC(2024, 0, 1 + i), 'UTC', { weekday: 'short' });
    const cell = (d) => {
      if (!d) return h('td', { class: 'calendar-empty' });
      const key = `${monthKey(y, m)}-${String(d).padStart(2, '0')}`;
      const n = (days.get(key) || []).length;
      const label = n ? t('calendar.day_events', { day: dayName(key), count: n }) : t('calendar.day_none', { day: dayName(key) });
      return h('td', { class: n ? 'calendar-has' : '' },
        h('button', { type: 'button', class: 'calendar-daybtn', 'aria-pressed': chosen === key ? 'true' : 'false', onClick: () => setChosen(key) },
          h('span', null, String(d)), h('span', { class: 'visually-hidden' }, ` ${label}`),
          n ? h('span', { class: 'calendar-dot', 'aria-hidden': 'true' }, String(n)) : null));
    };
    return h(Fragment, null,
      h('table', { class: 'calendar-month' },
        h('caption', { class: 'visually-hidden' }, fmt(Date.UTC(y, m, 15), 'UTC', { month: 'long', year: 'numeric' })),
        h('thead', null, h('tr', null, [0, 1, 2, 3, 4, 5, 6].map((i) => h('th', { key: i, scope: 'col' }, weekday(i))))),
        h('tbody', null, weeks.map((w, i) => h('tr', { key: i }, w.map((d, j) => h(Fragment, { key: j }, cell(d))))))),
      chosen ? h(Section, { title: t('calendar.selected_day', { day: dayName(chosen) }) },
        (days.get(chosen) || []).length
          ? h('ul', { class: 'plain-list' }, days.get(chosen).map((o) => h(OccurrenceCard, { key: `${o.event_id}-${o.recurrence_id}`, o })))
          : h('p', null, t('calendar.empty'))) : null);
  }

  // A calendar is "c<container id>" or "d<department id>" (a department's calendar).
  function Filters({ f, setF, calendars, departments }) {
    const set = (key) => (v) => setF({ ...f, [key]: v });
    return h('div', { class: 'calendar-filters' },
      h(k.Select, { label: t('calendar.filter_calendar'), value: f.container, onValue: set('container'),
        options: [{ value: '', label: t('calendar.all_calendars') }, ...calendars.map((c) => ({ value: `c${c.id}`, label: c.name })),
          ...departments.map((d) => ({ value: `d${d.id}`, label: t('calendar.department', { name: d.name }) }))] }),
      h(k.Select, { label: t('calendar.category'), value: f.category, onValue: set('category'),
        options: [{ value: '', label: t('calendar.all_categories') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`calendar.cat.${c}`) }))] }),
      h(k.Checkbox, { label: t('calendar.mine'), checked: f.mine, onChecked: set('mine') }),
      h(k.Checkbox, { label: t('calendar.near'), checked: f.near, onChecked: set('near') }));
  }

  // New events appear while the page is open: the core sends a live "content" frame of kind
  // calendar.event to everyone who may read it (and "resync" after a reconnect). The page's own
  // shell ends the subscription when the page is left.
  function useLiveReload(page, reload) {
    const { useEffect } = shell.preact.hooks;
    useEffect(() => {
      if (!page || typeof page.onLive !== 'function') return undefined;
      return page.onLive(() => reload(), { kinds: ['calendar.event'] });
    }, [page, reload]);
  }

  return function CalendarPage({ query, shell: page }) {
    const now = new Date();
    const [ym, setYm] = useState([now.getFullYear(), now.getMonth()]);
    const asked = query && query.get('view');
    const [view, setView] = useState(asked === 'month' || asked === 'week' ? asked : 'agenda');
    const [monday, setMonday] = useState(mondayOf(now.getFullYear(), now.getMonth(), now.getDate()));
    const [f, setF] = useState({ container: '', category: '', mine: false, near: false });
    const [y, m] = ym;
    const calendars = k.useLoad(() => shell.api.get(`${API}/calendars`), []);
    const list = k.useLoad(() => {
      const [from, to] = view === 'week' ? [monday - 14 * 3600e3, monday + 7 * DAY + 14 * 3600e3] : range(y, m);
      let q = `from=${from}&to=${to}`;
      if (f.container) q += f.container.startsWith('d') ? `&department=${f.container.slice(1)}` : `&container=${f.container.slice(1)}`;
      if (f.category) q += `&category=${f.category}`;
      if (f.mine) q += '&mine=1';
      if (f.near) q += '&near=1';
      return shell.api.get(`${API}/occurrences?${q}`);
    }, [view === 'week' ? monday : `${y}-${m}`, view === 'week', f.container, f.category, f.mine, f.near]);
    useLiveReload(page, list.reload);
    const moveMonth = (d) => setYm(([yy, mm]) => [mm + d < 0 ? yy - 1 : mm + d > 11 ? yy + 1 : yy, (mm + d + 12) % 12]);
    const move = (d) => (view === 'week' ? setMonday((w) => w + d * 7 * DAY) : moveMonth(d));
    // Switching views keeps the time shown: the week of the month's first day (or of today in
    // this month), and the month of the week's Monday.
    const choose = (v) => {
      if (v === 'week' && view !== 'week') {
        const here = y === now.getFullYear() && m === now.getMonth();
        setMonday(mondayOf(y, m, here ? now.getDate() : 1));
      } else if (v !== 'week' && view === 'week') {
        const d = new Date(monday);
        setYm([d.getUTCFullYear(), d.getUTCMonth()]);
      }
      setView(v);
    };
    const weekTitle = () => {
      const opts = { day: 'numeric', month: 'long', year: 'numeric' };
      return t('calendar.week_of', { from: fmt(monday + DAY / 2, 'UTC', opts), to: fmt(monday + 6 * DAY + DAY / 2, 'UTC', opts) });
    };
    const unit = view === 'week' ? 'week' : 'month';
    const cals = (calendars.data && calendars.data.calendars) || [];
    const departments = (calendars.data && calendars.data.departments) || [];
    const mayPost = [...cals, ...departments].some((c) => c.may_post);
    const admin = (shell.user() || {}).role === 'admin';
    return h(Fragment, null,
      mayPost ? h('p', { class: 'actions' }, h('a', { class: 'button button-primary', href: '/calendar/new' }, t('calendar.new')),
        ' ', h('a', { class: 'button', href: '/calendar/imports' }, t('calendar.imports')),
        admin ? ' ' : null, admin ? h('a', { class: 'button', href: '/calendar/departments' }, t('calendar.dep.title')) : null) : null,
      h('div', { class: 'calendar-bar', role: 'group', 'aria-label': t('calendar.view') },
        ['agenda', 'week', 'month'].map((v) => h('button', { key: v, type: 'button', class: 'button', 'aria-pressed': view === v ? 'true' : 'false', onClick: () => choose(v) }, t(`calendar.${v}`)))),
      h(Filters, { f, setF, calendars: cals, departments }),
      h('div', { class: 'calendar-nav' },
        h('button', { type: 'button', class: 'button', onClick: () => move(-1), 'aria-label': t(`calendar.prev_${unit}`) }, '‹'),
        h('h2', { 'aria-live': 'polite' }, view === 'week' ? weekTitle() : fmt(Date.UTC(y, m, 15), 'UTC', { month: 'long', year: 'numeric' })),
        h('button', { type: 'button', class: 'button', onClick: () => move(1), 'aria-label': t(`calendar.next_${unit}`) }, '›')),
      h(Loaded, { state: list }, (d) => {
        const inWeek = new Set(weekKeys(monday));
        const days = byDay(d.occurrences, view === 'week' ? (key) => inWeek.has(key) : (key) => key.startsWith(monthKey(y, m)));
        return h(Fragment, null,
          d.more ? h(k.Notice, { kind: 'info' }, t('calendar.more')) : null,
          view === 'month' ? h(Month, { days, y, m }) : view === 'week' ? h(Week, { days, monday, busy: list.loading }) : h(Agenda, { days }));
      }));
  };
}
