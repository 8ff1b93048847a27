// The calendars a person sees: the city's, their neighbourhood's (staff: every neighbourhood's)
// and those of the groups they belong to, each with whether they may add events to it; and the
// departments' calendars (everyone reads them; each department's staff write), created by admins.
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

// POST /departments {name}: an admin opens a department's calendar, named as staff accounts
// name their department.
void create_department(Request& req, Response& res) {
  if (req.role() < QT_ROLE_ADMIN)
    throw quartier::HttpError(403, "admins_only",
                              "Fachbereichskalender legt die Administration an. / Admins create department calendars.");
  auto o = body_object(req);
  refuse_unknown(o, "name");
  const auto name = trim(opt_string(o, "name", 120).value_or(""));
  if (name.empty())
    throw quartier::HttpError(400, "invalid_name",
                              "Bitte den Namen des Fachbereichs angeben, wie ihn die Konten der Mitarbeitenden nennen. / "
                              "Please give the department's name as its staff's accounts name it.");
  quartier::Statement exists("SELECT 1 FROM calendar_departments WHERE name = :n");
  exists.bind("n", name);
  if (exists.step())
    throw quartier::HttpError(409, "department_exists",
                              "Einen Kalender für diesen Fachbereich gibt es schon. / A calendar for this department exists already.");
  quartier::Statement s("INSERT INTO calendar_departments (name, created_by, created_at) VALUES (:n, :u, :t) RETURNING id");
  s.bind("n", name).bind("u", req.user_id()).bind("t", now_ms());
  s.step();
  send(res, department_json(Department{s.int64(0), name}, req.user_id(), req.role()), 201);
}

}  // namespace

void add_calendar_routes(quartier::Plugin& plugin) {
  plugin.get("/calendars", Access::user, list);
  plugin.get("/departments", Access::public_, list_departments);
  plugin.post("/departments", Access::user, create_department);
}

}  // namespace calendar
