#include "coordination.hpp"

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace help {

using quartier::Statement;

namespace {
// A designation counts only while the group exists and the person manages it.
constexpr const char* kAdmin = "m.container_id = c.container_id AND m.user_id = :u AND m.state = 'active'"
                               " AND m.role IN ('owner', 'moderator')";
}  // namespace

std::vector<CoordinatingGroup> coordinating_groups(std::int64_t admin) {
  std::string sql =
      "SELECT c.container_id, g.name, c.neighbourhood_id, n.name FROM help_coordinators c"
      " JOIN plugin_containers g ON g.id = c.container_id AND g.owner = 'groups'"
      " JOIN plugin_neighbourhoods n ON n.id = c.neighbourhood_id";
  if (admin) sql += std::string(" JOIN plugin_memberships m ON ") + kAdmin;
  Statement s(sql + " ORDER BY g.name, c.container_id, n.name, n.id");
  if (admin) s.bind("u", admin);
  std::vector<CoordinatingGroup> out;
  while (s.step()) {
    if (out.empty() || out.back().container_id != s.int64(0)) out.push_back({s.int64(0), s.text(1), {}});
    out.back().areas.push_back({s.int64(2), s.text(3)});
  }
  return out;
}

std::optional<std::int64_t> coordinating_group(std::int64_t user, std::int64_t nb) {
  Statement s(std::string("SELECT c.container_id FROM help_coordinators c JOIN plugin_memberships m ON ") + kAdmin +
              " JOIN plugin_containers g ON g.id = c.container_id AND g.owner = 'groups'"
              " WHERE c.neighbourhood_id = :nb ORDER BY c.container_id LIMIT 1");
  s.bind("u", user).bind("nb", nb);
  if (!s.step()) return std::nullopt;
  return s.int64(0);
}

std::optional<std::string> group_name(std::int64_t container) {
  Statement s("SELECT name FROM plugin_containers WHERE id = :c AND owner = 'groups'");
  s.bind("c", container);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::vector<std::int64_t> group_admins(std::int64_t container) {
  Statement s("SELECT user_id FROM plugin_memberships WHERE container_id = :c AND state = 'active'"
              " AND role IN ('owner', 'moderator') ORDER BY user_id LIMIT 200");
  s.bind("c", container);
  std::vector<std::int64_t> out;
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

bool group_member(std::int64_t container, std::int64_t user) {
  Statement s("SELECT 1 FROM plugin_memberships WHERE container_id = :c AND user_id = :u AND state = 'active'");
  s.bind("c", container).bind("u", user);
  return s.step();
}

std::optional<Area> assigned_by(const Request& r) {
  if (!r.helper_id) return std::nullopt;  // a helper who stepped back no longer helps "arranged by" anyone
  Statement s("SELECT a.container_id, COALESCE(g.name, '') FROM help_assignments a"
              " LEFT JOIN plugin_containers g ON g.id = a.container_id WHERE a.request_id = :r AND a.helper_id = :h");
  s.bind("r", r.id).bind("h", *r.helper_id);
  if (!s.step()) return std::nullopt;
  return Area{s.int64(0), s.text(1)};
}

void not_coordinator() {
  throw quartier::HttpError(403, "not_coordinator",
                            "Das können nur die Verantwortlichen einer koordinierenden Organisation (Gruppe). / "
                            "Only the admins of a coordinating organisation (group) can do this.");
}

void not_your_area() {
  throw quartier::HttpError(403, "not_your_area", "Ihre Organisation koordiniert das Quartier dieser Anfrage nicht. / "
                                                  "Your organisation does not coordinate this request's neighbourhood.");
}

std::pair<Request, std::int64_t> coordinated_request(std::int64_t id, std::int64_t user, std::string_view status) {
  if (coordinating_groups(user).empty()) not_coordinator();
  auto r = load_request(id);
  const auto group = coordinating_group(user, r.neighbourhood_id);
  if (!group) not_your_area();
  if (status.empty() && r.status != "open" && r.status != "in_progress")
    throw quartier::HttpError(409, "not_open", "Diese Anfrage ist schon abgeschlossen. / This request is already closed.");
  if (status == "open" && r.status != "open")
    throw quartier::HttpError(409, "not_open", "Diese Anfrage ist nicht mehr offen. / This request is no longer open.");
  if (status == "in_progress" && r.status != "in_progress")
    throw quartier::HttpError(409, "not_in_progress",
                              "Neu zuweisen geht nur, solange jemand hilft; einer offenen Anfrage weisen Sie Helfende zu. / "
                              "Reassigning works only while someone helps; assign a helper to an open request.");
  return {r, *group};
}

void drop_coordinator_of_container(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return;
  const auto* id = v.as_object().if_contains("id");
  if (!id || !id->is_int64()) return;
  Statement del("DELETE FROM help_coordinators WHERE container_id = :c");
  del.bind("c", id->as_int64());
  del.run();
}

}  // namespace help
