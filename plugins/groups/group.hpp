#pragma once
// A group: its directory row (groups_groups) and the core container that holds its content and
// members. Everything about membership is asked from the core through the ABI.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace groups {

struct Group {
  std::int64_t id = 0;
  std::int64_t container_id = 0;
  std::string slug, name, description, image;
  std::string picture_key;  // an uploaded picture (blob key), "" = none
  std::optional<std::int64_t> neighbourhood_id;  // nullopt = city-wide
  std::string category;    // verein | initiative | schule | nachbarschaft | verwaltung | other
  std::string visibility;  // public | private | hidden
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// The column list every query reads, in the order read_group expects.
inline constexpr const char* kGroupCols =
    "id, container_id, slug, name, description, image, neighbourhood_id, category, visibility, created_by, created_at, "
    "updated_at, picture_key";
Group read_group(const quartier::Statement& s);

std::optional<Group> find_by_slug(std::string_view slug);
std::optional<Group> find_by_id(std::int64_t id);
std::vector<Group> find_by_containers(const std::vector<std::int64_t>& container_ids);

bool valid_category(std::string_view c);
bool valid_visibility(std::string_view v);
std::string container_visibility(std::string_view group_visibility);  // public->public, private->members, ...
bool valid_slug(std::string_view s);
std::string slug_from_name(std::string_view name);  // ASCII, umlauts transliterated; may be empty

// Role names for JSON and back ("owner", "moderator", "member").
const char* role_name(int role);
std::optional<int> role_from(std::string_view name);

// The caller and their place in a group.
struct Caller {
  std::int64_t user_id = 0;
  int site_role = QT_ROLE_NONE;
  std::optional<int> role;  // QT_MEMBER_* or nullopt if not an active member

  bool admin() const { return site_role == QT_ROLE_ADMIN; }
  bool member() const { return role.has_value(); }
  bool manager() const { return admin() || (role && *role >= QT_MEMBER_MODERATOR); }
  bool owner() const { return admin() || (role && *role == QT_MEMBER_OWNER); }
};
Caller caller_in(const quartier::Request& req, const Group& g);

// The group from the path's {slug}, as the caller may know it: 404 for a hidden group the
// caller is not a member of (unless an admin), exactly as for a group that does not exist.
struct Found {
  Group group;
  Caller caller;
};
Found load_visible(const quartier::Request& req);

// 403 unless the caller manages (owner/moderator/admin) or owns the group.
void require_manager(const Caller& c);
void require_owner(const Caller& c);

// Active owners of the group (for the last-owner rule).
int owner_count(const Group& g);
// Inside a transaction: takes the group's row lock (a no-op update), so concurrent role changes
// and departures of one group run one after the other and the last-owner check stays true on
// PostgreSQL too (SQLite has one writer anyway).
void lock_group(const Group& g);

boost::json::object to_json(const Group& g);
// Adds my_role and member_count for the group page.
boost::json::object to_json(const Group& g, const Caller& c, bool with_counts);

[[noreturn]] void not_found();

}  // namespace groups
