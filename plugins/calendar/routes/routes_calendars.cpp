// The calendars a person sees: the city's, their neighbourhood's (staff: every neighbourhood's)
// and those of the groups they belong to, each with whether they may add events to it.
#include <set>

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
  send(res, boost::json::object{{"calendars", std::move(out)}});
}

}  // namespace

void add_calendar_routes(quartier::Plugin& plugin) { plugin.get("/calendars", Access::user, list); }

}  // namespace calendar
