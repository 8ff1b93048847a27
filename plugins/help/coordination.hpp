#pragma once
// Coordinating organisations: a group (a parish, the Nachbarschaftshilfe association) that the
// municipality designates for one or more neighbourhoods. Its admins (the group's owners and
// moderators in the core's memberships) see those neighbourhoods' open requests and assign
// helpers. Read through the plugin_memberships and plugin_containers views only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model.hpp"

namespace help {

struct Area {
  std::int64_t id = 0;
  std::string name;
};

struct CoordinatingGroup {
  std::int64_t container_id = 0;
  std::string name;
  std::vector<Area> areas;
};

// Every designation (staff view), or only the groups `admin` manages (admin != 0).
std::vector<CoordinatingGroup> coordinating_groups(std::int64_t admin);
// The group (lowest container id) through which `user` coordinates neighbourhood `nb`.
std::optional<std::int64_t> coordinating_group(std::int64_t user, std::int64_t nb);
// A group's name when `container` is one of the groups plugin's containers, else nullopt.
std::optional<std::string> group_name(std::int64_t container);
// The group's owners and moderators (active), to tell them about a designation.
std::vector<std::int64_t> group_admins(std::int64_t container);
// Whether `user` is an active member of the group.
bool group_member(std::int64_t container, std::int64_t user);

// The group that assigned the request's current helper ({container_id, name}), or nullopt.
std::optional<Area> assigned_by(const Request& r);

// 403 not_coordinator (the person manages no coordinating group) / not_your_area.
[[noreturn]] void not_coordinator();
[[noreturn]] void not_your_area();
// A request in `status` ("open", "in_progress", or "" for either) of a neighbourhood `user` coordinates, and the
// group through which they do; 404 unknown, 403 not_coordinator / not_your_area, 409 not_open /
// not_in_progress.
std::pair<Request, std::int64_t> coordinated_request(std::int64_t id, std::int64_t user, std::string_view status = "open");

// container.deleted of a group: its designations go.
void drop_coordinator_of_container(std::string_view json);

}  // namespace help
