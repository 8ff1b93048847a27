// The coordinator's view: a coordinating group's admins see the open requests of the
// neighbourhoods the municipality gave the group, the helpers they may assign (those who offered
// help there, and the group's members), and assign one: the request moves to "someone helps",
// both are told in their language, and helper and asker meet in a direct conversation as after
// "I can help". The risk-group mark stays hidden here (it is not the coordinator's to see).
#include <algorithm>

#include "coordination.hpp"
#include "model.hpp"
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

// GET /coordination: the groups I coordinate through and their neighbourhoods (empty: none).
void mine(quartier::Request& req, quartier::Response& res) {
  boost::json::array out;
  for (const auto& g : coordinating_groups(req.user_id())) out.push_back(group_json(g));
  send(res, boost::json::object{{"groups", std::move(out)}});
}

// The neighbourhoods to list: the one asked for (which I must coordinate), else all of mine.
std::vector<std::int64_t> areas_to_list(const quartier::Request& req) {
  std::vector<std::int64_t> all;
  for (const auto& g : coordinating_groups(req.user_id()))
    for (const auto& a : g.areas) all.push_back(a.id);
  if (all.empty()) not_coordinator();
  if (!req.query("neighbourhood_id")) return all;
  const auto nb = query_int(req, "neighbourhood_id", 0, 1, INT64_MAX);
  if (!quartier::neighbourhood(nb))
    throw HttpError(400, "invalid_neighbourhood_id", "Dieses Quartier gibt es nicht. / This neighbourhood does not exist.");
  if (std::find(all.begin(), all.end(), nb) == all.end()) not_your_area();
  return {nb};
}

// GET /coordination/requests?neighbourhood_id=&status=&before=&limit=: open requests (or those
// someone helps with, to reassign), newest first.
void open_requests(quartier::Request& req, quartier::Response& res) {
  const auto areas = areas_to_list(req);
  const auto status = std::string(req.query("status").value_or("open"));
  if (status != "open" && status != "in_progress")
    throw HttpError(400, "invalid_status", "Status: „open“ oder „in_progress“. / Status: 'open' or 'in_progress'.");
  const auto before = query_int(req, "before", 0, 0, INT64_MAX);
  const auto limit = query_int(req, "limit", 50, 1, 100);
  std::string in;
  for (std::size_t i = 0; i < areas.size(); ++i) in += (i ? ", :n" : ":n") + std::to_string(i);
  Statement s("SELECT r.id, r.category, r.text, r.when_kind, r.due_at, r.urgency, r.neighbourhood_id, n.name, r.created_at,"
              " u.display_name, r.asker_id, (SELECT COUNT(*) FROM help_responses x WHERE x.request_id = r.id), r.helper_id, hu.display_name"
              " FROM help_requests r JOIN plugin_neighbourhoods n ON n.id = r.neighbourhood_id JOIN plugin_users u ON u.id = r.asker_id"
              " LEFT JOIN plugin_users hu ON hu.id = r.helper_id WHERE r.status = :st AND r.neighbourhood_id IN (" + in + ")" + (before ? " AND r.id < :before" : "") +
              " ORDER BY r.id DESC LIMIT :lim");
  for (std::size_t i = 0; i < areas.size(); ++i) s.bind("n" + std::to_string(i), areas[i]);
  if (before) s.bind("before", before);
  s.bind("lim", limit).bind("st", status);
  boost::json::array items;
  const bool en = req.language() == "en";
  while (s.step())
    items.push_back(boost::json::object{
        {"id", s.int64(0)}, {"category", s.text(1)}, {"category_name", en ? category_en(s.text(1)) : category_de(s.text(1))},
        {"text", s.text(2)}, {"when", s.text(3)}, {"due_at", s.is_null(4) ? boost::json::value(nullptr) : boost::json::value(s.int64(4))},
        {"urgency", s.text(5)}, {"status", status}, {"neighbourhood_id", s.int64(6)}, {"neighbourhood_name", s.text(7)},
        {"created_at", s.int64(8)}, {"asker", boost::json::object{{"id", s.int64(10)}, {"display_name", s.text(9)}}},
        {"response_count", s.int64(11)},
        {"helper", s.is_null(12) ? boost::json::value(nullptr)
                                 : boost::json::value(boost::json::object{{"id", s.int64(12)}, {"display_name", s.text(13)}})}});
  const auto next = static_cast<std::int64_t>(items.size()) == limit ? items.back().as_object().at("id") : boost::json::value(nullptr);
  send(res, boost::json::object{{"requests", std::move(items)}, {"next_before", next}});
}

// Who may be assigned: people offering help in the request's neighbourhood, and the group's
// members; never the asker. Those offering the request's category first.
constexpr const char* kHelpersSql =
    "WITH c AS (SELECT helper_id AS id FROM help_offers WHERE neighbourhood_id = :nb1"
    " UNION SELECT user_id FROM plugin_memberships WHERE container_id = :g1 AND state = 'active')"
    " SELECT u.id, u.display_name,"
    " CASE WHEN EXISTS (SELECT 1 FROM help_offers o WHERE o.helper_id = u.id AND o.neighbourhood_id = :nb2"
    "  AND o.category = :cat) THEN 1 ELSE 0 END AS fits,"
    " CASE WHEN EXISTS (SELECT 1 FROM help_offers o WHERE o.helper_id = u.id AND o.neighbourhood_id = :nb3) THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM plugin_memberships m WHERE m.user_id = u.id AND m.container_id = :g2"
    "  AND m.state = 'active') THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM help_responses x WHERE x.helper_id = u.id AND x.request_id = :r) THEN 1 ELSE 0 END AS said,"
    " CASE WHEN u.id = :cur THEN 1 ELSE 0 END"
    " FROM c JOIN plugin_users u ON u.id = c.id WHERE u.status = 'active' AND u.id <> :asker"
    " ORDER BY fits DESC, said DESC, u.display_name, u.id LIMIT 200";

// GET /coordination/requests/{id}/helpers (open, or someone helps: whom to reassign to)
void helpers(quartier::Request& req, quartier::Response& res) {
  const auto [r, group] = coordinated_request(req.id_param("id"), req.user_id(), "");
  Statement s(kHelpersSql);
  s.bind("cur", r.helper_id.value_or(0));
  s.bind("nb1", r.neighbourhood_id).bind("nb2", r.neighbourhood_id).bind("nb3", r.neighbourhood_id).bind("cat", r.category);
  s.bind("g1", group).bind("g2", group).bind("r", r.id).bind("asker", r.asker_id);
  boost::json::array out;
  while (s.step())
    out.push_back(boost::json::object{{"id", s.int64(0)}, {"display_name", s.text(1)}, {"offers_category", s.int64(2) != 0},
                                      {"offers_here", s.int64(3) != 0}, {"group_member", s.int64(4) != 0},
                                      {"responded", s.int64(5) != 0}, {"current", s.int64(6) != 0}});
  send(res, boost::json::object{{"request_id", r.id}, {"container_id", group}, {"helpers", std::move(out)}});
}

}  // namespace

void add_coordination_routes(quartier::Plugin& plugin) {
  plugin.get("/coordination", Access::user, mine);
  plugin.get("/coordination/requests", Access::user, open_requests);
  plugin.get("/coordination/requests/{id}/helpers", Access::user, helpers);
}

}  // namespace help
