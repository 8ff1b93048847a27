#pragma once
// Department calendars, as the files plugin's department spaces: admins create one per
// department of the administration, named as staff accounts name their department (the ABI's
// qt_user.department). Everyone reads a department's events: they are items of the city
// calendar and show there and in the streams. Only that department's staff (and admins) add,
// change or cancel them; they belong to the department, not to the person who wrote them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

namespace calendar {

struct Department {
  std::int64_t id = 0;
  std::string name;
};

std::optional<Department> find_department(std::int64_t id);
std::vector<Department> all_departments();
// May this person write the department's calendar? Its staff (their account names this
// department) and admins.
bool may_write_department(std::int64_t user, int role, const Department& d);
// 404 when there is no such department, 403 (with its name, German and English) for anyone
// else than its staff and admins.
Department writable_department(std::int64_t user, int role, std::int64_t id);
boost::json::object department_json(const Department& d, std::int64_t user, int role);

}  // namespace calendar
