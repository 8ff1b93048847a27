// Staff designate a group as a coordinating organisation for one or more neighbourhoods, change
// them and revoke it; every change is audit-logged and the group's admins are told.
#include <algorithm>
#include <set>

#include "coordination.hpp"
#include "routes.hpp"
#include "util.hpp"

namespace help {
namespace {

using quartier::Access;
using quartier::HttpError;
using quartier::Statement;

boost::json::object group_json(const CoordinatingGroup& g) {
  boost::json::array areas;
  for (const auto& a : g.areas) areas.push_back(boost::json::object{{"id", a.id}, {"name", a.name}});
  return boost::json::object{{"container_id", g.container_id}, {"name", g.name}, {"neighbourhoods", std::move(areas)}};
}

// GET /coordinators: every coordinating organisation and its neighbourhoods.
void list(quartier::Request&, quartier::Response& res) {
  boost::json::array out;
  for (const auto& g : coordinating_groups(0)) out.push_back(group_json(g));
  send(res, boost::json::object{{"coordinators", std::move(out)}});
}

// GET /coordinators/groups?q=: groups staff can designate, by name.
void groups(quartier::Request& req, quartier::Response& res) {
  std::string pattern = "%";
  for (char c : trim(req.query("q").value_or(""))) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  Statement s("SELECT id, name, visibility FROM plugin_containers WHERE owner = 'groups'"
              " AND LOWER(name) LIKE :p ESCAPE '\\' ORDER BY name, id LIMIT 50");
  s.bind("p", pattern + "%");
  boost::json::array out;
  while (s.step()) out.push_back(boost::json::object{{"container_id", s.int64(0)}, {"name", s.text(1)}, {"visibility", s.text(2)}});
  send(res, boost::json::object{{"groups", std::move(out)}});
}

const char* kIdsHelp = "Geben Sie „neighbourhood_ids“ als Liste von Quartiers-Nummern an, mindestens eine. / "
                       "Give 'neighbourhood_ids' as a list of neighbourhood ids, at least one.";

// The requested neighbourhoods: a non-empty list of existing ids; 400 naming the first bad one.
std::set<std::int64_t> read_areas(const boost::json::object& o) {
  const auto* v = o.if_contains("neighbourhood_ids");
  if (!v || !v->is_array() || v->as_array().empty()) throw HttpError(400, "invalid_neighbourhood_ids", kIdsHelp);
  std::set<std::int64_t> out;
  for (const auto& e : v->as_array()) {
    if (!e.is_int64()) throw HttpError(400, "invalid_neighbourhood_ids", kIdsHelp);
    if (!quartier::neighbourhood(e.as_int64()))
      throw HttpError(400, "invalid_neighbourhood_ids", "Das Quartier " + std::to_string(e.as_int64()) +
                                                            " gibt es nicht. / Neighbourhood " + std::to_string(e.as_int64()) +
                                                            " does not exist.");
    out.insert(e.as_int64());
  }
  return out;
}

std::string group_or_404(std::int64_t container) {
  auto name = group_name(container);
  if (!name) throw HttpError(404, "not_a_group", "Diese Gruppe gibt es nicht. / This group does not exist.");
  return *name;
}

std::set<std::int64_t> current_areas(std::int64_t container) {
  Statement s("SELECT neighbourhood_id FROM help_coordinators WHERE container_id = :c");
  s.bind("c", container);
  std::set<std::int64_t> out;
  while (s.step()) out.insert(s.int64(0));
  return out;
}

boost::json::array ids(const std::set<std::int64_t>& s) { return boost::json::array(s.begin(), s.end()); }

void tell_admins(std::int64_t container, std::int64_t actor, std::string de, std::string en) {
  for (auto admin : group_admins(container)) {
    quartier::Notification n;
    n.user_id = admin;
    n.kind = "coordinator";
    n.title = de;
    n.title_en = en;
    n.link = "/help/coordination";
    n.actor_id = actor;
    quartier::notify(n);
  }
}

// PUT /coordinators/{container_id} {neighbourhood_ids}: designate, or change the neighbourhoods.
void set(quartier::Request& req, quartier::Response& res) {
  const auto container = req.id_param("container_id");
  const auto name = group_or_404(container);
  const auto wanted = read_areas(body_object(req));
  const auto had = current_areas(container);
  std::set<std::int64_t> added, removed;
  std::set_difference(wanted.begin(), wanted.end(), had.begin(), had.end(), std::inserter(added, added.end()));
  std::set_difference(had.begin(), had.end(), wanted.begin(), wanted.end(), std::inserter(removed, removed.end()));
  quartier::Transaction tx;
  Statement del("DELETE FROM help_coordinators WHERE container_id = :c AND neighbourhood_id = :n");
  for (auto n : removed) {
    del.reset();
    del.bind("c", container).bind("n", n).run();
  }
  Statement ins("INSERT INTO help_coordinators (container_id, neighbourhood_id, granted_by, created_at) VALUES (:c, :n, :by, :t)");
  for (auto n : added) {
    ins.reset();
    ins.bind("c", container).bind("n", n).bind("by", req.user_id()).bind("t", now_ms()).run();
  }
  quartier::audit(req.user_id(), had.empty() ? "coordinator.designate" : "coordinator.change", "container", container,
                  boost::json::serialize(boost::json::object{{"neighbourhood_ids", ids(wanted)}, {"added", ids(added)}, {"removed", ids(removed)}}));
  if (had.empty())
    tell_admins(container, req.user_id(), "Ihre Gruppe „" + name + "“ koordiniert jetzt die Nachbarschaftshilfe.",
                "Your group '" + name + "' now coordinates the help exchange.");
  tx.commit();
  for (const auto& g : coordinating_groups(0))
    if (g.container_id == container) return send(res, group_json(g), had.empty() ? 201 : 200);
  send(res, boost::json::object{{"container_id", container}, {"name", name}, {"neighbourhoods", boost::json::array()}});
}

// DELETE /coordinators/{container_id}: revoke.
void revoke(quartier::Request& req, quartier::Response& res) {
  const auto container = req.id_param("container_id");
  const auto had = current_areas(container);
  if (had.empty())
    throw HttpError(404, "not_coordinator", "Diese Gruppe koordiniert die Nachbarschaftshilfe nicht. / This group does not coordinate the help exchange.");
  const auto name = group_name(container).value_or("");
  quartier::Transaction tx;
  Statement del("DELETE FROM help_coordinators WHERE container_id = :c");
  del.bind("c", container).run();
  quartier::audit(req.user_id(), "coordinator.revoke", "container", container,
                  boost::json::serialize(boost::json::object{{"neighbourhood_ids", ids(had)}}));
  tell_admins(container, req.user_id(), "Ihre Gruppe „" + name + "“ koordiniert die Nachbarschaftshilfe nicht mehr.",
              "Your group '" + name + "' no longer coordinates the help exchange.");
  tx.commit();
  res.status(204);
}

}  // namespace

void add_coordinator_routes(quartier::Plugin& plugin) {
  plugin.get("/coordinators", Access::staff, list);
  plugin.get("/coordinators/groups", Access::staff, groups);
  plugin.put("/coordinators/{container_id}", Access::staff, set);
  plugin.del("/coordinators/{container_id}", Access::staff, revoke);
}

}  // namespace help
