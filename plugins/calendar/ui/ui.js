// The calendar UI module: the agenda, week and month views, a new event, the event page,
// imported calendars, the departments' calendars, and the event's card in every stream (date, place and picture from the
// card the core returns, no request per card). Built from the shell's component kit (shell API 3), German first, English second.
import { de, en } from './i18n.js';
import { calendarViews } from './views.js';
import { parts } from './common.js';

export function register(shell) {
  const t = shell.t;
  shell.addTranslations('de', de);
  shell.addTranslations('en', en);
  if (!shell.kit || !shell.kit.Section) throw new Error('the calendar UI needs shell API 3 (shell.kit with Section and Loaded); this Quartier is older');
  if (!document.querySelector('link[data-calendar-css]')) {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/plugins/calendar/calendar.css' });
    link.dataset.calendarCss = '1';
    document.head.append(link);
  }
  shell.addNavigation({ path: '/calendar', label: () => t('calendar.nav'), order: 25, bar: true });
  shell.addRoute('/calendar', { title: () => t('calendar.title'), component: calendarViews(shell) });
  // The form, the event page and the imports load when first shown (shell.kit.lazy), not with the first page.
  const lazy = (load) => shell.kit.lazy(() => load().then((make) => make(shell)));
  shell.addRoute('/calendar/new', { title: () => t('calendar.new'), component: lazy(() => import('./form.js').then((m) => m.eventForm)) });
  shell.addRoute('/calendar/imports', { title: () => t('calendar.imports'), component: lazy(() => import('./imports.js').then((m) => m.importsPage)) });
  shell.addRoute('/calendar/departments', { title: () => t('calendar.dep.title'), component: lazy(() => import('./departments.js').then((m) => m.departmentsPage)) });
  shell.addRoute('/calendar/events/:id', { title: () => t('calendar.event'), component: lazy(() => import('./event.js').then((m) => m.eventPage)) });

  const { h, when } = parts(shell);
  shell.addItemRenderer('calendar.event', (element, item) => {
    const c = item.card || {};
    const meta = c.starts_at ? [when({ starts_at: c.starts_at, ends_at: c.ends_at, all_day: c.all_day, time_zone: c.time_zone })] : [];
    if (c.place) meta.push(c.place);
    if (c.department) meta.push(t('calendar.department', { name: c.department }));
    if (c.recurring) meta.push(t('calendar.recurring'));
    shell.preact.render(h('div', { class: 'calendar-card-wrap' },
      c.image ? h('img', { class: 'calendar-thumb', src: c.image, alt: '', width: 96, height: 96, loading: 'lazy' }) : null,
      h('p', { class: 'item-meta calendar-card' },
        meta.join(' · '), ' ', c.event_id ? h('a', { href: `/calendar/events/${c.event_id}` }, t('calendar.show')) : null)), element);
    return () => shell.preact.render(null, element);
  });
}
