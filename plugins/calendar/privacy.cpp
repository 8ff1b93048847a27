#include "privacy.hpp"

#include <atomic>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "event.hpp"
#include "image.hpp"
#include "rsvp.hpp"

namespace calendar {
namespace {

std::atomic<std::int64_t> g_system_author{0};

struct Kept {
  std::int64_t event = 0;
  std::string visibility;
  std::int64_t created_at = 0;
};

// The person's events in a group's calendar (not a department's, not imported), whose item is
// neither deleted nor hidden by moderation (a hidden one goes with its author, as before).
std::vector<Kept> group_events_of(std::int64_t user) {
  std::vector<Kept> out;
  quartier::Statement s("SELECT e.id, i.visibility, i.created_at FROM calendar_events e"
                        " JOIN plugin_containers c ON c.id = e.container_id JOIN plugin_content i ON i.id = e.content_id"
                        " WHERE e.organiser_id = :u AND e.department_id IS NULL AND e.import_id IS NULL"
                        " AND c.kind NOT IN ('city', 'neighbourhood', 'profile') AND i.hidden = 0 AND i.deleted_at IS NULL"
                        " ORDER BY e.id");
  s.bind("u", user);
  while (s.step()) out.push_back(Kept{s.int64(0), s.text(1), s.int64(2)});
  return out;
}

// A group's event stays with the group: the core deletes every item the person authored, so
// the event gets a new item of the municipality's (the system author, as a department's event),
// with the same card, visibility and publication time; the organiser and their contact text go.
// Others' answers stay (they hang on the event); comments on the old item go with it.
void keep_group_events(std::int64_t user) {
  const auto kept = group_events_of(user);
  if (kept.empty()) return;
  const auto author = g_system_author.load();
  if (!author) throw quartier::Error(QT_ERR_STATE, "calendar: the system author is unknown (the plugin did not start)");
  for (const auto& k : kept) {
    auto e = find_event(k.event);
    if (!e) continue;
    e->organiser_id = 0;
    e->contact.clear();
    auto c = content_of(*e, expand(e->schedule(), overrides_of(e->id)), k.visibility);
    c.author_id = author;
    c.created_at = k.created_at;
    e->content_id = quartier::create_content(c);
    quartier::Statement s("UPDATE calendar_events SET content_id = :c, organiser_id = 0, contact = '' WHERE id = :id");
    s.bind("c", e->content_id).bind("id", e->id).run();
  }
}

}  // namespace

void remember_system_author() { g_system_author = quartier::system_author(); }

std::string export_person(std::int64_t user) {
  boost::json::array events, rsvps;
  {
    quartier::Statement s("SELECT e.id, e.title, e.container_id, e.starts_local, e.ends_local, e.tz, e.rrule, e.address,"
                          " e.created_at, e.rdates, d.name FROM calendar_events e"
                          " LEFT JOIN calendar_departments d ON d.id = e.department_id WHERE e.organiser_id = :u ORDER BY e.id");
    s.bind("u", user);
    while (s.step())
      events.push_back(boost::json::object{{"event_id", s.int64(0)}, {"title", s.text(1)}, {"container_id", s.int64(2)},
                                           {"starts", s.text(3)}, {"ends", s.text(4)}, {"time_zone", s.text(5)},
                                           {"rrule", s.text(6)}, {"rdates", s.text(9)}, {"address", s.text(7)},
                                           {"created_at", s.int64(8)},
                                           {"department", s.is_null(10) ? boost::json::value(nullptr) : boost::json::value(s.text(10))}});
  }
  {
    quartier::Statement s("SELECT r.event_id, e.title, r.recurrence_id, r.status, r.guests, r.updated_at FROM calendar_rsvps r"
                          " JOIN calendar_events e ON e.id = r.event_id WHERE r.user_id = :u ORDER BY r.id");
    s.bind("u", user);
    while (s.step())
      rsvps.push_back(boost::json::object{{"event_id", s.int64(0)}, {"title", s.text(1)}, {"occurrence", s.text(2)},
                                          {"status", s.text(3)}, {"guests", s.int64(4)}, {"answered_at", s.int64(5)}});
  }
  std::int64_t feeds = 0;
  {
    quartier::Statement s("SELECT COUNT(*) FROM calendar_feeds WHERE user_id = :u");
    s.bind("u", user);
    s.step();
    feeds = s.int64(0);
  }
  boost::json::array imports;  // the external calendars the person set up
  {
    quartier::Statement s("SELECT id, container_id, url, created_at FROM calendar_imports WHERE created_by = :u ORDER BY id");
    s.bind("u", user);
    while (s.step())
      imports.push_back(boost::json::object{{"import_id", s.int64(0)}, {"container_id", s.int64(1)}, {"url", s.text(2)},
                                            {"created_at", s.int64(3)}});
  }
  boost::json::array departments;  // the department calendars the person (an admin) created
  {
    quartier::Statement s("SELECT id, name, created_at FROM calendar_departments WHERE created_by = :u ORDER BY id");
    s.bind("u", user);
    while (s.step())
      departments.push_back(boost::json::object{{"department_id", s.int64(0)}, {"name", s.text(1)}, {"created_at", s.int64(2)}});
  }
  return boost::json::serialize(boost::json::object{{"events_organised", std::move(events)}, {"rsvps", std::move(rsvps)},
                                                    {"feed_subscriptions", feeds}, {"imports_set_up", std::move(imports)},
                                                    {"department_calendars_created", std::move(departments)}});
}

void erase_person(std::int64_t user) {
  // Their seats go to the waiting list, in order.
  struct Seat {
    std::int64_t event;
    std::string rid;
  };
  std::vector<Seat> freed;
  {
    quartier::Statement s("SELECT event_id, recurrence_id FROM calendar_rsvps WHERE user_id = :u AND status = 'going'");
    s.bind("u", user);
    while (s.step()) freed.push_back({s.int64(0), s.text(1)});
  }
  quartier::Statement del("DELETE FROM calendar_rsvps WHERE user_id = :u");
  del.bind("u", user).run();
  for (const auto& f : freed)
    if (auto e = find_event(f.event)) move_up(*e, f.rid);
  quartier::Statement sent("DELETE FROM calendar_reminders_sent WHERE user_id = :u");
  sent.bind("u", user).run();
  quartier::Statement feeds("DELETE FROM calendar_feeds WHERE user_id = :u");
  feeds.bind("u", user).run();
  // An import belongs to its calendar (its events are the municipality's items): it stays,
  // without its creator.
  quartier::Statement imports("UPDATE calendar_imports SET created_by = 0 WHERE created_by = :u");
  imports.bind("u", user).run();
  // A department's events belong to the department (their items are the municipality's): they
  // stay, without the person who wrote them; so do the calendars they created.
  quartier::Statement deps("UPDATE calendar_events SET organiser_id = 0 WHERE organiser_id = :u AND department_id IS NOT NULL");
  deps.bind("u", user).run();
  quartier::Statement made("UPDATE calendar_departments SET created_by = 0 WHERE created_by = :u");
  made.bind("u", user).run();
  keep_group_events(user);
  // The core deletes every item the person authored in this same transaction, so their other
  // events go with them (answers and dates by cascade).
  sweep_later(image_keys_where("organiser_id", user));  // their events' pictures, once this commits
  quartier::Statement events("DELETE FROM calendar_events WHERE organiser_id = :u");
  events.bind("u", user).run();
}

void drop_event_of_content(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return;
  const auto* owner = v.as_object().if_contains("owner");
  const auto* id = v.as_object().if_contains("id");
  if (!owner || !id || !owner->is_string() || owner->as_string() != "calendar" || !id->is_int64()) return;
  sweep_later(image_keys_where("content_id", id->as_int64()));
  quartier::Statement del("DELETE FROM calendar_events WHERE content_id = :c");
  del.bind("c", id->as_int64()).run();
}

void drop_imports_of_container(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return;
  const auto* id = v.as_object().if_contains("id");
  if (!id || !id->is_int64()) return;
  // Its events went with their items (content.deleted comes first); the imports would only fail.
  quartier::Statement del("DELETE FROM calendar_imports WHERE container_id = :c");
  del.bind("c", id->as_int64()).run();
}

}  // namespace calendar
