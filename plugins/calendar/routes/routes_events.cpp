// Creating, reading, changing and deleting events. Each event is a core item (kind
// calendar.event) in the container it was posted to, so the core's stream, comments, search,
// reports and read rules apply; the schedule and place live in calendar_events.
#include "department.hpp"
#include "image.hpp"
#include "input.hpp"
#include "notices.hpp"
#include "routes.hpp"
#include "rsvp.hpp"
#include "token.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

Expansion checked_expansion(const Event& e) {
  auto x = expand(e.schedule(), e.id ? overrides_of(e.id) : std::map<std::string, Override>{});
  bool any = false;
  for (const auto& o : x.items) any = any || !o.cancelled;
  if (!any)
    throw HttpError(400, "no_occurrence", "Nach dieser Regel findet der Termin nie statt. / By this rule the event never takes place.");
  return x;
}

boost::json::object full_json(const Event& e, std::int64_t user, int role) {
  auto o = event_json(e);
  boost::json::array occ;
  quartier::Statement s("SELECT recurrence_id, starts_at, ends_at, cancelled, changed, title FROM calendar_occurrences"
                        " WHERE event_id = :e ORDER BY starts_at LIMIT 200");
  s.bind("e", e.id);
  while (s.step())
    occ.push_back(boost::json::object{{"recurrence_id", s.text(0)}, {"starts_at", s.int64(1)}, {"ends_at", s.int64(2)},
                                      {"cancelled", s.int64(3) != 0}, {"changed", s.int64(4) != 0}, {"title", s.text(5)}});
  o["occurrences"] = std::move(occ);
  o["may_manage"] = may_manage(e, user, role);
  o["rsvps"] = rsvp_summary(e, user);
  return o;
}

// The calendar a new event goes to: a container the person may publish to, or a department's
// calendar (its events are items of the city calendar, so everyone reads them there).
quartier::ContainerView target_calendar(const Request& req, const boost::json::object& o, Event& e) {
  auto cid = opt_int(o, "container_id");
  if (const auto dep = opt_int(o, "department_id")) {
    e.department_id = writable_department(req.user_id(), req.role(), *dep).id;
    if (cid && *cid != quartier::city_container())
      throw HttpError(400, "invalid_container_id",
                      "Termine eines Fachbereichs stehen im Stadtkalender: bitte keinen anderen Kalender angeben. / "
                      "A department's events are in the city calendar: please give no other calendar.");
    cid = quartier::city_container();
  }
  if (!cid) throw HttpError(400, "invalid_container_id", "Bitte einen Kalender wählen. / Please choose a calendar.");
  const auto c = quartier::container(*cid);
  if (!c) throw HttpError(404, "not_found", "Diesen Kalender gibt es nicht. / This calendar does not exist.");
  if (!e.department_id && !may_publish(req.user_id(), req.role(), *c))
    throw HttpError(403, "not_allowed", "In diesen Kalender darfst du keine Termine eintragen. / You may not add events to this calendar.");
  e.container_id = c->id;
  return *c;
}

// POST /events
void create(Request& req, Response& res) {
  auto o = body_object(req);
  Event e;
  const auto c = target_calendar(req, o, e);
  e.organiser_id = req.user_id();
  e.tz = std::string(quartier::config("time_zone").value_or("Europe/Berlin"));
  apply_body(e, o, true);
  const auto x = checked_expansion(e);
  e.uid = new_token().substr(0, 32) + "@quartier";
  e.created_at = e.updated_at = now_ms();
  e.truncated = x.truncated;
  quartier::Transaction tx;
  insert_event(e, x, c.visibility == "public" ? "public" : "members");
  tx.commit();
  send(res, full_json(e, req.user_id(), req.role()), 201);
}

// GET /events/{id}
void show(Request& req, Response& res) {
  const auto e = load_readable(path_id(req), req.user_id());
  send(res, full_json(e, req.user_id(), req.role()));
}

// PATCH /events/{id}
void change(Request& req, Response& res) {
  auto e = load_readable(path_id(req), req.user_id());
  require_manage(e, req.user_id(), req.role());
  require_not_imported(e);
  auto o = body_object(req);
  if (o.contains("container_id") || o.contains("department_id"))
    throw HttpError(400, o.contains("container_id") ? "invalid_container_id" : "invalid_department_id",
                    "Der Kalender eines Termins bleibt. / An event stays in its calendar.");
  apply_body(e, o, false);
  const auto x = checked_expansion(e);
  e.truncated = x.truncated;
  e.updated_at = now_ms();
  quartier::Transaction tx;
  auto c = content_of(e, x, "");
  if (x.truncated) c.expires_at = -1;
  quartier::update_content(e.content_id, c);
  save_event(e);
  store_occurrences(e);
  tx.commit();
  send(res, full_json(e, req.user_id(), req.role()));
}

// DELETE /events/{id}: cancels the event; everyone who answered is told.
void remove(Request& req, Response& res) {
  auto e = load_readable(path_id(req), req.user_id());
  require_manage(e, req.user_id(), req.role());
  require_not_imported(e);
  quartier::Transaction tx;
  notify_answered(e, nullptr, req.user_id(), "Abgesagt: „" + e.title + "“", "Cancelled: “" + e.title + "”");
  quartier::Statement del("DELETE FROM calendar_events WHERE id = :id");
  del.bind("id", e.id).run();
  quartier::delete_content(e.content_id);
  sweep_later({e.image_key, e.image_thumb});
  tx.commit();
  res.status(204);
}

// POST /events/{id}/message {text}: the organisers write to everyone who answered.
void message(Request& req, Response& res) {
  auto e = load_readable(path_id(req), req.user_id());
  require_manage(e, req.user_id(), req.role());
  auto o = body_object(req);
  refuse_unknown(o, "text");
  const auto text = trim(opt_string(o, "text", 2000).value_or(""));
  if (text.empty()) throw HttpError(400, "invalid_text", "Bitte einen Text angeben. / Please write a text.");
  quartier::Transaction tx;
  notify_answered(e, nullptr, req.user_id(), "Nachricht zu „" + e.title + "“", "Message about “" + e.title + "”", text);
  tx.commit();
  res.status(204);
}

// POST /events/{id}/contact {text}: a message to the organiser in the core's direct
// conversation, so nobody learns the other's e-mail address.
void contact(Request& req, Response& res) {
  auto e = load_readable(path_id(req), req.user_id());
  auto o = body_object(req);
  refuse_unknown(o, "text");
  const auto text = trim(opt_string(o, "text", 2000).value_or(""));
  if (text.empty()) throw HttpError(400, "invalid_text", "Bitte einen Text angeben. / Please write a text.");
  if (!e.organiser_id || e.organiser_id == req.user_id())
    throw HttpError(409, "no_organiser", "Hier gibt es niemanden anzuschreiben. / There is nobody to write to.");
  std::int64_t id = 0;
  try {
    id = quartier::start_conversation(req.user_id(), e.organiser_id, "„" + e.title + "“: " + text);
  } catch (const quartier::Error& err) {
    if (err.status() != QT_ERR_DENIED) throw;
    throw HttpError(403, "blocked", "Nachricht nicht möglich. / The message is not possible.");
  }
  send(res, boost::json::object{{"conversation_id", id}}, 201);
}

}  // namespace

void add_event_routes(quartier::Plugin& plugin) {
  plugin.post("/events", Access::user, create);
  plugin.get("/events/{id}", Access::public_, show);
  plugin.route("PATCH", "/events/{id}", Access::user, change);
  plugin.route("DELETE", "/events/{id}", Access::user, remove);
  plugin.post("/events/{id}/message", Access::user, message);
  plugin.post("/events/{id}/contact", Access::user, contact);
}

}  // namespace calendar
