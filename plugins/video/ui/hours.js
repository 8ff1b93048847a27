// Consultation hours as people read them: "Mo 09:00–12:00, Mi 14:00–18:00", whether the room is
// open now, and when it opens next, in the municipality's time zone (not the browser's).
export function hoursParts(shell) {
  const { t } = shell;
  const { h } = shell.preact;
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

  return { Hours, ClosedNotice };
}
