// Opening hours as a person types them: one field per weekday ("09:00-13:00, 14:00-18:00") and
// the closed days ("2026-12-25, 2026-12-26"). The server checks them and names what is wrong.
import { DAYS } from './common.js';

export function rangesText(ranges) {
  return (ranges || []).map((r) => `${r.from}-${r.to}`).join(', ');
}

// Text to the API's shape; anything that does not split cleanly goes to the server as typed,
// so its refusal (in words) is what the person reads.
export function parseRanges(text) {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((part) => {
    const [from, to] = part.split(/\s*[-–]\s*/);
    return { from: (from || '').trim(), to: (to || '').trim() };
  });
}

// Exceptions, one date a line: "2026-12-24: 09:00-12:00" (other hours that day) or "2026-12-31:"
// (closed that day, like a holiday but kept apart from the yearly closing days).
export function exceptionsText(exceptions) {
  return (exceptions || []).map((e) => `${e.date}: ${rangesText(e.ranges)}`).join('\n');
}

export function parseExceptions(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf(':', 10);
    const date = (at < 0 ? line : line.slice(0, at)).trim();
    return { date, ranges: at < 0 ? [] : parseRanges(line.slice(at + 1)) };
  });
}

export function hoursForm(shell, parts) {
  const { h, k, t } = parts;
  const { useState } = shell.preact.hooks;

  return function HoursForm({ b, onSaved }) {
    const [days, setDays] = useState(() => Object.fromEntries(DAYS.map((d) => [d, rangesText(b.hours.weekly[d])])));
    const [holidays, setHolidays] = useState((b.hours.holidays || []).join(', '));
    const [exceptions, setExceptions] = useState(exceptionsText(b.hours.exceptions));
    const save = k.useAction(async () => {
      const weekly = {};
      for (const d of DAYS) if (days[d].trim()) weekly[d] = parseRanges(days[d]);
      const hours = { weekly, holidays: holidays.split(',').map((s) => s.trim()).filter(Boolean), exceptions: parseExceptions(exceptions) };
      await shell.api.patch(`/api/p/market/businesses/${b.id}`, { hours });
      shell.announce(t('market.saved'));
      onSaved();
    });
    return h('form', { class: 'form', noValidate: true, onSubmit: k.onSubmit(save.run) },
      h(k.ErrorAlert, { error: save.error }),
      h('p', { class: 'hint' }, t('market.hours_hint')),
      DAYS.map((d) => h(k.Field, { key: d, label: t(`market.day.${d}`), value: days[d], onValue: (v) => setDays({ ...days, [d]: v }), autoComplete: 'off' })),
      h(k.Field, { label: t('market.holidays'), hint: t('market.holidays_hint'), value: holidays, onValue: setHolidays, autoComplete: 'off' }),
      h(k.TextArea, { label: t('market.exceptions'), hint: t('market.exceptions_hint'), value: exceptions, onValue: setExceptions, rows: 3 }),
      h(k.Submit, { busy: save.busy }, t('market.save_hours')));
  };
}
