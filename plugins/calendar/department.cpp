#include "department.hpp"

namespace calendar {
namespace {

// The person's department: staff accounts name one (ABI 1.2 user info); "" for everyone else.
std::string department_of(std::int64_t user, int role) {
  if (!user || role < QT_ROLE_STAFF) return "";
  const auto u = quartier::user(user);
  return u && u->active ? u->department : "";
}

}  // namespace

std::optional<Department> find_department(std::int64_t id) {
  quartier::Statement s("SELECT id, name FROM calendar_departments WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) return std::nullopt;
  return Department{s.int64(0), s.text(1)};
}

std::vector<Department> all_departments() {
  std::vector<Department> out;
  quartier::Statement s("SELECT id, name FROM calendar_departments ORDER BY name, id");
  while (s.step()) out.push_back(Department{s.int64(0), s.text(1)});
  return out;
}

bool may_write_department(std::int64_t user, int role, const Department& d) {
  if (!user) return false;
  if (role >= QT_ROLE_ADMIN) return true;
  const auto mine = department_of(user, role);
  return !mine.empty() && mine == d.name;
}

Department writable_department(std::int64_t user, int role, std::int64_t id) {
  const auto d = find_department(id);
  if (!d)
    throw quartier::HttpError(404, "department_not_found",
                              "Diesen Fachbereichskalender gibt es nicht. / This department calendar does not exist.");
  if (!may_write_department(user, role, *d))
    throw quartier::HttpError(403, "not_department",
                              "In den Kalender des Fachbereichs „" + d->name + "“ tragen nur dessen Mitarbeitende Termine ein. / "
                              "Only the staff of the department “" + d->name + "” add events to its calendar.");
  return *d;
}

boost::json::object department_json(const Department& d, std::int64_t user, int role) {
  return boost::json::object{{"id", d.id}, {"name", d.name}, {"may_post", may_write_department(user, role, d)}};
}

}  // namespace calendar
