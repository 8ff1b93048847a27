// The calendars a person sees: the city's, their neighbourhood's (staff: every neighbourhood's)
// and those of the groups they belong to, each with whether they may add events to it; and the
// departments' calendars (everyone reads them; each department's staff write), created, renamed
// and (when empty) deleted by admins.
#include <set>

#include "department.hpp"
#include "routes.hpp"
#include "event.hpp"
#include "util.hpp"

namespace calendar {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;

std::vector<std::int64_t> candidate_ids(const Request& req) {
  std::vector<std::int64_t> ids{quartier::city_container()};
  const auto u = quartier::user(req.user_id());
  if (req.role() >= QT_ROLE_STAFF) {
    for (const auto& n : quartier::neighbourhoods()) ids.push_back(quartier::neighbourhood_container(n.id));
  } else if (u && u->neighbourhood_id) {
    ids.push_back(quartier::neighbourhood_container(u->neighbourhood_id));
  }
  quartier::Statement s("SELECT m.container_id FROM plugin_memberships m JOIN plugin_containers c ON c.id = m.container_id"
                        " WHERE m.user_id = :u AND m.state = 'active' AND c.kind NOT IN ('city', 'neighbourhood', 'profile')"
                        " ORDER BY c.name, c.id LIMIT 500");
  s.bind("u", req.user_id());
  while (s.step()) ids.push_back(s.int64(0));
  return ids;
}

// GET /calendars
void list(Request& req, Response& res) {
  boost::json::array out;
  std::set<std::int64_t> seen;
  for (auto id : candidate_ids(req)) {
    if (!seen.insert(id).second) continue;
    const auto c = quartier::container(id);
    if (!c) continue;
    out.push_back(boost::json::object{{"id", c->id}, {"kind", c->kind}, {"name", c->name}, {"visibility", c->visibility},
                                      {"may_post", may_publish(req.user_id(), req.role(), *c)}});
  }
  boost::json::array deps;
  for (const auto& d : all_departments()) deps.push_back(department_json(d, req.user_id(), req.role()));
  send(res, boost::json::object{{"calendars", std::move(out)}, {"departments", std::move(deps)}});
}

// GET /departments: every department calendar, for anyone (their events are public city events).
void list_departments(Request& req, Response& res) {
  boost::json::array deps;
  for (const auto& d : all_departments()) deps.push_back(department_json(d, req.user_id(), req.role()));
  send(res, boost::json::object{{"departments", std::move(deps)}});
}

void require_admin(const Request& req) {
  if (req.role() < QT_ROLE_ADMIN)
    throw quartier::HttpError(403, "admins_only",
                              "Fachbereichskalender legt die Administration an. / Admins create department calendars.");
}

// The name of a department from the body: given, and no other calendar's (`self`: the one renamed).
std::string department_name(Request& req, std::int64_t self) {
  auto o = body_object(req);
  refuse_unknown(o, "name");
  const auto name = trim(opt_string(o, "name", 120).value_or(""));
  if (name.empty())
    throw quartier::HttpError(400, "invalid_name",
                              "Bitte den Namen des Fachbereichs angeben, wie ihn die Konten der Mitarbeitenden nennen. / "
                              "Please give the department's name as its staff's accounts name it.");
  quartier::Statement exists("SELECT 1 FROM calendar_departments WHERE name = :n AND id <> :self");
  exists.bind("n", name).bind("self", self);
  if (exists.step())
    throw quartier::HttpError(409, "department_exists",
                              "Einen Kalender für diesen Fachbereich gibt es schon. / A calendar for this department exists already.");
  return name;
}

Department existing_department(const Request& req) {
  const auto d = find_department(path_id(req));
  if (!d)
    throw quartier::HttpError(404, "department_not_found",
                              "Diesen Fachbereichskalender gibt es nicht. / This department calendar does not exist.");
  return *d;
}

// POST /departments {name}: an admin opens a department's calendar, named as staff accounts
// name their department.
void create_department(Request& req, Response& res) {
  require_admin(req);
  const auto name = department_name(req, 0);
  quartier::Statement s("INSERT INTO calendar_departments (name, created_by, created_at) VALUES (:n, :u, :t) RETURNING id");
  s.bind("n", name).bind("u", req.user_id()).bind("t", now_ms());
  s.step();
  send(res, department_json(Department{s.int64(0), name}, req.user_id(), req.role()), 201);
}

// PATCH /departments/{id} {name}: an admin renames it (the department was renamed in the
// administration, and its staff's accounts with it). Its events' cards name it anew.
void rename_department(Request& req, Response& res) {
  require_admin(req);
  auto d = existing_department(req);
  d.name = department_name(req, d.id);
  std::vector<std::int64_t> events;
  quartier::Transaction tx;
  quartier::Statement up("UPDATE calendar_departments SET name = :n WHERE id = :id");
  up.bind("n", d.name).bind("id", d.id).run();
  quartier::Statement s("SELECT id FROM calendar_events WHERE department_id = :d ORDER BY id");
  s.bind("d", d.id);
  while (s.step()) events.push_back(s.int64(0));
  for (auto id : events)
    if (const auto e = find_event(id)) sync_item(*e);
  tx.commit();
  send(res, department_json(d, req.user_id(), req.role()));
}

// DELETE /departments/{id}: an admin removes an empty department calendar; one that still holds
// events or imports is refused (409, with how many), so no event loses its department unseen.
void delete_department(Request& req, Response& res) {
  require_admin(req);
  const auto d = existing_department(req);
  quartier::Statement imports("SELECT COUNT(*) FROM calendar_imports WHERE department_id = :d");
  imports.bind("d", d.id).step();
  if (const auto count = imports.int64(0); count > 0)  // their events go with them; so they go first
    throw quartier::HttpError(409, "department_not_empty",
                              "In den Kalender „" + d.name + "“ werden noch " + std::to_string(count) +
                                  " Kalender importiert; bitte die Importe zuerst entfernen. / " + std::to_string(count) +
                                  " calendars are still imported into “" + d.name + "”; remove the imports first.");
  quartier::Statement n("SELECT COUNT(*) FROM calendar_events WHERE department_id = :d");
  n.bind("d", d.id).step();
  if (const auto count = n.int64(0); count > 0)
    throw quartier::HttpError(409, "department_not_empty",
                              "Im Kalender „" + d.name + "“ steh" + (count == 1 ? "t" : "en") + " noch " +
                                  std::to_string(count) + (count == 1 ? " Termin" : " Termine") +
                                  "; bitte zuerst absagen. / The calendar “" + d.name + "” still holds " +
                                  std::to_string(count) + (count == 1 ? " event" : " events") + "; cancel them first.");
  quartier::Statement del("DELETE FROM calendar_departments WHERE id = :d");
  del.bind("d", d.id).run();
  res.status(204);
}

}  // namespace

void add_calendar_routes(quartier::Plugin& plugin) {
  plugin.get("/calendars", Access::user, list);
  plugin.get("/departments", Access::public_, list_departments);
  plugin.post("/departments", Access::user, create_department);
  plugin.route("PATCH", "/departments/{id}", Access::user, rename_department);
  plugin.route("DELETE", "/departments/{id}", Access::user, delete_department);
}

}  // namespace calendar
