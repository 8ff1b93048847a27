// iCal: an .ics per event, a public feed per public calendar and per department, and private feeds by a secret
// per-person token (any calendar the person may read, or "my events"), revocable. Calendar
// clients send no cookies, so a private feed is read with its owner's rights, checked anew on
// every request: leaving a group ends what its feed shows.
#include "department.hpp"
#include "ical.hpp"
#include "routes.hpp"
#include "token.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Request;
using quartier::Response;

constexpr int kFeedMaxEvents = 2000;

void send_ics(Response& res, const std::string& text, const std::string& file) {
  res.header("Content-Disposition", "inline; filename=\"" + file + "\"");
  res.header("Cache-Control", "private, max-age=300");
  res.status(200);
  res.body("text/calendar; charset=utf-8", text);
}

// Events of a container (0 = those the person organised or answered), not hidden or deleted;
// `public_only` for anonymous feeds; `department` > 0: only that department's (in the city's).
std::vector<IcsEvent> feed_events(std::int64_t container, std::int64_t user, bool public_only, std::int64_t department = 0) {
  // Hidden and deleted items are skipped below, not in SQL: on PostgreSQL a WHERE that matches
  // the core's partial stream index lets the plan read that index's expires_at column, which the
  // SQL sandbox refuses.
  std::string sql =
      "SELECT e.id, c.hidden, CASE WHEN c.deleted_at IS NULL THEN 0 ELSE 1 END FROM calendar_events e"
      " JOIN plugin_content c ON c.id = e.content_id WHERE 1 = 1";
  sql += container ? " AND e.container_id = :c" : " AND (e.organiser_id = :u OR EXISTS (SELECT 1 FROM calendar_rsvps r"
                                                  " WHERE r.event_id = e.id AND r.user_id = :u AND r.status <> 'declined'))";
  if (public_only) sql += " AND c.visibility = 'public'";
  if (department) sql += " AND e.department_id = :d";
  sql += " ORDER BY e.id DESC LIMIT " + std::to_string(kFeedMaxEvents);  // the newest; clients keep older ones
  quartier::Statement s(sql);
  if (container) s.bind("c", container);
  else s.bind("u", user);
  if (department) s.bind("d", department);
  std::vector<std::int64_t> ids;
  while (s.step())
    if (!s.int64(1) && !s.int64(2)) ids.push_back(s.int64(0));
  std::vector<IcsEvent> out;
  for (auto id : ids) {
    auto e = find_event(id);
    if (!e) continue;
    if (!container && !quartier::can_read_content(user, e->content_id)) continue;  // "mine": each one's own rule
    out.push_back(IcsEvent{*e, overrides_of(id)});
  }
  return out;
}

// GET /events/{id}/event.ics
void event_ics(Request& req, Response& res) {
  const auto e = load_readable(path_id(req), req.user_id());
  send_ics(res, ics_of({IcsEvent{e, overrides_of(e.id)}}, e.title), "event-" + std::to_string(e.id) + ".ics");
}

// GET /calendars/{id}/calendar.ics: a public calendar's public events, for anyone.
void public_feed(Request& req, Response& res) {
  const auto id = path_id(req);
  const auto c = quartier::container(id);
  if (!c || c->visibility != "public")
    throw HttpError(404, "not_found", "Diesen öffentlichen Kalender gibt es nicht. / There is no such public calendar.");
  send_ics(res, ics_of(feed_events(id, 0, true), c->name), "calendar-" + std::to_string(id) + ".ics");
}

// GET /departments/{id}/calendar.ics: a department's public events (in the city's public calendar), for anyone.
void department_feed(Request& req, Response& res) {
  const auto d = find_department(path_id(req));
  const auto city = quartier::container(quartier::city_container());
  if (!d || !city || city->visibility != "public")
    throw HttpError(404, "not_found", "Diesen Fachbereichskalender gibt es nicht. / There is no such department calendar.");
  send_ics(res, ics_of(feed_events(city->id, 0, true, d->id), d->name), "department-" + std::to_string(d->id) + ".ics");
}

// GET /subscriptions/{token}/calendar.ics
void private_feed(Request& req, Response& res) {
  const auto token = std::string(req.param("token").value_or(""));
  auto gone = [] { throw HttpError(404, "not_found", "Dieses Abo gibt es nicht (mehr). / This subscription does not exist (any more)."); };
  if (!plausible_token(token)) gone();
  quartier::Statement s("SELECT user_id, scope, container_id FROM calendar_feeds WHERE token_hash = :h");
  s.bind("h", token_hash(token));
  if (!s.step()) gone();
  const auto user = s.int64(0);
  const auto container = s.is_null(2) ? 0 : s.int64(2);
  const auto u = quartier::user(user);
  if (!u || !u->active) gone();
  std::string name = "Meine Termine";
  if (container) {
    const auto c = quartier::container(container);
    if (!c || !quartier::can_read_container(user, container)) gone();
    name = c->name;
  }
  send_ics(res, ics_of(feed_events(container, user, false), name), "calendar.ics");
}

boost::json::object feed_json(std::int64_t id, const std::string& scope, std::int64_t container, std::int64_t created) {
  return boost::json::object{{"id", id}, {"scope", scope},
                             {"container_id", container ? boost::json::value(container) : boost::json::value(nullptr)},
                             {"created_at", created}};
}

// POST /feeds {scope: "mine"|"container", container_id?}: the secret is shown once.
void create_feed(Request& req, Response& res) {
  auto o = body_object(req);
  refuse_unknown(o, "scope,container_id");
  const auto scope = opt_string(o, "scope", 20).value_or("");
  if (scope != "mine" && scope != "container")
    throw HttpError(400, "invalid_scope", "Abo: 'mine' oder 'container'. / Subscription: 'mine' or 'container'.");
  std::int64_t container = 0;
  if (scope == "container") {
    container = opt_int(o, "container_id").value_or(0);
    if (!quartier::container(container) || !quartier::can_read_container(req.user_id(), container))
      throw HttpError(404, "not_found", "Diesen Kalender gibt es nicht. / This calendar does not exist.");
  }
  const auto token = new_token();
  const auto now = now_ms();
  quartier::Statement s("INSERT INTO calendar_feeds (user_id, token_hash, scope, container_id, created_at)"
                        " VALUES (:u, :h, :s, :c, :now) RETURNING id");
  s.bind("u", req.user_id()).bind("h", token_hash(token)).bind("s", scope);
  s.bind("c", container ? std::optional(container) : std::nullopt).bind("now", now);
  s.step();
  auto out = feed_json(s.int64(0), scope, container, now);
  const auto path = "/api/p/calendar/subscriptions/" + token + "/calendar.ics";
  out["path"] = path;
  out["webcal"] = "webcal://" + std::string(req.header("Host").value_or("localhost")) + path;
  send(res, out, 201);
}

// GET /feeds: the person's subscriptions (never their secrets).
void list_feeds(Request& req, Response& res) {
  quartier::Statement s("SELECT id, scope, container_id, created_at FROM calendar_feeds WHERE user_id = :u ORDER BY id");
  s.bind("u", req.user_id());
  boost::json::array out;
  while (s.step()) out.push_back(feed_json(s.int64(0), s.text(1), s.is_null(2) ? 0 : s.int64(2), s.int64(3)));
  send(res, boost::json::object{{"feeds", std::move(out)}});
}

// DELETE /feeds/{id}: revokes the secret at once.
void revoke_feed(Request& req, Response& res) {
  quartier::Statement s("DELETE FROM calendar_feeds WHERE id = :id AND user_id = :u");
  s.bind("id", path_id(req)).bind("u", req.user_id());
  if (s.run() == 0) throw HttpError(404, "not_found", "Dieses Abo gibt es nicht. / This subscription does not exist.");
  res.status(204);
}

}  // namespace

void add_ical_routes(quartier::Plugin& plugin) {
  plugin.get("/events/{id}/event.ics", Access::public_, event_ics);
  plugin.get("/calendars/{id}/calendar.ics", Access::public_, public_feed);
  plugin.get("/departments/{id}/calendar.ics", Access::public_, department_feed);
  plugin.get("/subscriptions/{token}/calendar.ics", Access::public_, private_feed);
  plugin.post("/feeds", Access::user, create_feed);
  plugin.get("/feeds", Access::user, list_feeds);
  plugin.route("DELETE", "/feeds/{id}", Access::user, revoke_feed);
}

}  // namespace calendar
