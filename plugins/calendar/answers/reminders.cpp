#include "reminders.hpp"

#include <string>
#include <vector>

#include "util.hpp"

namespace calendar {
namespace {

struct Due {
  std::int64_t event = 0, user = 0, starts_at = 0;
  std::string rid, title;
};

std::vector<Due> due(std::int64_t now, std::int64_t lead, const char* kind) {
  quartier::Statement s(
      "SELECT o.event_id, r.user_id, o.recurrence_id, CASE WHEN o.title <> '' THEN o.title ELSE e.title END, o.starts_at"
      " FROM calendar_occurrences o JOIN calendar_events e ON e.id = o.event_id"
      " JOIN calendar_rsvps r ON r.event_id = o.event_id AND r.recurrence_id = o.recurrence_id"
      " WHERE o.cancelled = 0 AND o.starts_at > :now AND o.starts_at <= :until"
      " AND r.status IN ('going', 'maybe') AND r.remind IN (:kind, 'both')"
      " AND NOT EXISTS (SELECT 1 FROM calendar_reminders_sent x WHERE x.event_id = o.event_id"
      " AND x.recurrence_id = o.recurrence_id AND x.user_id = r.user_id AND x.kind = :kind2)"
      " ORDER BY o.starts_at LIMIT 1000");
  s.bind("now", now).bind("until", now + lead).bind("kind", kind).bind("kind2", kind);
  std::vector<Due> out;
  while (s.step()) out.push_back(Due{s.int64(0), s.int64(1), s.int64(4), s.text(2), s.text(3)});
  return out;
}

void send(const Due& d, const char* kind) {
  quartier::Transaction tx;
  quartier::Statement mark("INSERT INTO calendar_reminders_sent (event_id, recurrence_id, user_id, kind, sent_at)"
                           " VALUES (:e, :r, :u, :k, :now) ON CONFLICT DO NOTHING");
  mark.bind("e", d.event).bind("r", d.rid).bind("u", d.user).bind("k", kind).bind("now", now_ms());
  if (mark.run() == 0) return;  // another run sent it already
  const bool day = std::string(kind) == "day";
  quartier::Notification n;
  n.user_id = d.user;
  n.kind = "reminder";
  n.title = std::string(day ? "Erinnerung: morgen „" : "Erinnerung: in einer Stunde „") + d.title + "“";
  n.title_en = std::string(day ? "Reminder: tomorrow “" : "Reminder: in an hour “") + d.title + "”";
  n.link = "/calendar/events/" + std::to_string(d.event);
  quartier::notify(n);
  tx.commit();
}

}  // namespace

void send_due_reminders(std::int64_t now) {
  for (const auto& d : due(now, 3600LL * 1000, "hour")) send(d, "hour");
  for (const auto& d : due(now, 24LL * 3600 * 1000, "day")) send(d, "day");
}

void add_reminders(quartier::Plugin& plugin) {
  plugin.setting("reminder_interval_seconds", QT_SETTING_INT, "60",
                 "Wie oft (in Sekunden) fällige Erinnerungen verschickt werden.",
                 "How often (in seconds) due reminders are sent.");
  quartier::job_handler("reminders", [](const quartier::JobInfo&) { send_due_reminders(now_ms()); });
}

void start_reminders() {
  const auto v = quartier::config("reminder_interval_seconds").value_or("60");
  std::uint64_t secs = 0;
  for (char c : v) secs = c >= '0' && c <= '9' ? secs * 10 + static_cast<std::uint64_t>(c - '0') : secs;
  quartier::schedule_every("reminders", std::max<std::uint64_t>(secs, 1) * 1000);
}

}  // namespace calendar
