#pragma once
// Where files live and who may do what there:
//   group       a group's container (plugin "groups"): its members read and write, its
//               moderators and owners also rename, move and delete what others put there;
//   department  a department's space: every signed-in person reads, the staff of that department
//               (their account's department equals the space's name) and admins write;
//   person      a person's private space: only that person.
// Someone who may not read a space is told it does not exist (404), so nothing leaks.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace files {

struct Space {
  std::string kind;  // "group", "department", "person"
  std::int64_t ref = 0;
  std::string name;
  bool can_write = false;
  bool can_manage = false;  // rename, move and delete what others made
};

// The space as the request's person sees it; HttpError 404 when it does not exist for them.
Space open_space(const quartier::Request& req, std::string_view kind, std::int64_t ref);
// The same, for a write: HttpError 403 when they may only read.
Space writable_space(const quartier::Request& req, std::string_view kind, std::int64_t ref);
// Every space the person can open: their own, every department, their groups.
std::vector<Space> spaces_of(const quartier::Request& req);
boost::json::object space_json(const Space& s);

}  // namespace files
