#include "rsvp.hpp"

#include "notices.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Statement;

std::int64_t seats_taken(const Event& e, const std::string& rid, std::int64_t except) {
  Statement s("SELECT COALESCE(CAST(SUM(1 + guests) AS BIGINT), 0) FROM calendar_rsvps WHERE event_id = :e AND recurrence_id = :r"
              " AND status = 'going' AND user_id <> :u");
  s.bind("e", e.id).bind("r", rid).bind("u", except);
  s.step();
  return s.int64(0);
}

bool waiting_others(const Event& e, const std::string& rid, std::int64_t except) {
  Statement s("SELECT 1 FROM calendar_rsvps WHERE event_id = :e AND recurrence_id = :r AND status = 'waiting'"
              " AND user_id <> :u LIMIT 1");
  s.bind("e", e.id).bind("r", rid).bind("u", except);
  return s.step();
}

std::optional<std::string> current(const Event& e, const std::string& rid, std::int64_t user) {
  Statement s("SELECT status FROM calendar_rsvps WHERE event_id = :e AND recurrence_id = :r AND user_id = :u");
  s.bind("e", e.id).bind("r", rid).bind("u", user);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

}  // namespace

boost::json::array rsvp_summary(const Event& e, std::int64_t user) {
  boost::json::array out;
  Statement s("SELECT recurrence_id,"
              " CAST(SUM(CASE WHEN status = 'going' THEN 1 + guests ELSE 0 END) AS BIGINT),"
              " CAST(SUM(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END) AS BIGINT),"
              " CAST(SUM(CASE WHEN status = 'maybe' THEN 1 ELSE 0 END) AS BIGINT),"
              " MAX(CASE WHEN user_id = :u THEN status ELSE NULL END),"
              " MAX(CASE WHEN user_id = :u THEN guests ELSE NULL END)"
              " FROM calendar_rsvps WHERE event_id = :e GROUP BY recurrence_id ORDER BY recurrence_id LIMIT 500");
  s.bind("e", e.id).bind("u", user);
  while (s.step()) {
    boost::json::object o{{"recurrence_id", s.text(0)}, {"going", s.int64(1)}, {"waiting", s.int64(2)}, {"maybe", s.int64(3)}};
    o["mine"] = s.is_null(4) ? boost::json::value(nullptr)
                             : boost::json::value(boost::json::object{{"status", s.text(4)}, {"guests", s.int64(5)}});
    out.push_back(std::move(o));
  }
  return out;
}

std::string answer(const Event& e, const std::string& rid, std::int64_t user, const std::string& status, std::int64_t guests) {
  const auto before = current(e, rid, user);
  std::string stored = status;
  // First come, first served: nobody passes the waiting list, even when their seats would fit.
  if (status == "going" && e.capacity && before != std::optional<std::string>("going") && waiting_others(e, rid, user))
    stored = "waiting";
  if (status == "going" && e.capacity && seats_taken(e, rid, user) + 1 + guests > *e.capacity) stored = "waiting";
  // Someone already waiting keeps their place in the queue.
  if (before == std::optional<std::string>("waiting") && stored == "waiting") {
    Statement s("UPDATE calendar_rsvps SET guests = :g WHERE event_id = :e AND recurrence_id = :r AND user_id = :u");
    s.bind("g", guests).bind("e", e.id).bind("r", rid).bind("u", user).run();
    return stored;
  }
  const auto now = now_ms();
  if (before) {
    Statement s("UPDATE calendar_rsvps SET status = :s, guests = :g, updated_at = :now"
                " WHERE event_id = :e AND recurrence_id = :r AND user_id = :u");
    s.bind("s", stored).bind("g", guests).bind("now", now).bind("e", e.id).bind("r", rid).bind("u", user).run();
  } else {
    Statement s("INSERT INTO calendar_rsvps (event_id, recurrence_id, user_id, status, guests, created_at, updated_at)"
                " VALUES (:e, :r, :u, :s, :g, :now, :now)");
    s.bind("e", e.id).bind("r", rid).bind("u", user).bind("s", stored).bind("g", guests).bind("now", now).run();
  }
  if (before == std::optional<std::string>("going")) move_up(e, rid);
  return stored;
}

bool withdraw(const Event& e, const std::string& rid, std::int64_t user) {
  const auto before = current(e, rid, user);
  if (!before) return false;
  Statement s("DELETE FROM calendar_rsvps WHERE event_id = :e AND recurrence_id = :r AND user_id = :u");
  s.bind("e", e.id).bind("r", rid).bind("u", user).run();
  if (*before == "going") move_up(e, rid);
  return true;
}

void move_up(const Event& e, const std::string& rid) {
  for (;;) {
    Statement w("SELECT user_id, guests FROM calendar_rsvps WHERE event_id = :e AND recurrence_id = :r"
                " AND status = 'waiting' ORDER BY updated_at, id LIMIT 1");
    w.bind("e", e.id).bind("r", rid);
    if (!w.step()) return;
    const auto user = w.int64(0), guests = w.int64(1);
    if (e.capacity && seats_taken(e, rid, user) + 1 + guests > *e.capacity) return;  // first come, first served
    Statement up("UPDATE calendar_rsvps SET status = 'going', updated_at = :now"
                 " WHERE event_id = :e AND recurrence_id = :r AND user_id = :u");
    up.bind("now", now_ms()).bind("e", e.id).bind("r", rid).bind("u", user).run();
    notify_one(e, user, 0, "Nachgerückt: Du hast einen Platz bei „" + e.title + "“",
               "Moved up: you have a place at “" + e.title + "”");
  }
}

}  // namespace calendar
