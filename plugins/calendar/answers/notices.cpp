#include "notices.hpp"

#include <set>

namespace calendar {

void notify_one(const Event& e, std::int64_t user, std::int64_t actor, const std::string& de, const std::string& en) {
  quartier::Notification n;
  n.user_id = user;
  n.kind = "event";
  n.title = de;
  n.title_en = en;
  n.link = "/calendar/events/" + std::to_string(e.id);
  n.actor_id = actor;
  quartier::notify(n);
}

void notify_answered(const Event& e, const std::string* rid, std::int64_t actor, const std::string& de,
                     const std::string& en, const std::string& body) {
  quartier::Statement s(rid ? "SELECT DISTINCT user_id FROM calendar_rsvps WHERE event_id = :e AND recurrence_id = :r"
                              " AND status <> 'declined' ORDER BY user_id"
                            : "SELECT DISTINCT user_id FROM calendar_rsvps WHERE event_id = :e AND status <> 'declined'"
                              " ORDER BY user_id");
  s.bind("e", e.id);
  if (rid) s.bind("r", *rid);
  std::set<std::int64_t> people;
  while (s.step()) people.insert(s.int64(0));
  for (auto u : people) {
    if (u == actor) continue;
    quartier::Notification n;
    n.user_id = u;
    n.kind = "event";
    n.title = de;
    n.title_en = en;
    n.body = body;
    n.body_en = body;
    n.link = "/calendar/events/" + std::to_string(e.id);
    n.actor_id = actor;
    quartier::notify(n);
  }
}

}  // namespace calendar
