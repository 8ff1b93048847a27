#include "space.hpp"

namespace files {
namespace {

[[noreturn]] void not_found() {
  throw quartier::HttpError(404, "space_not_found",
                            "Diesen Ablageort gibt es nicht, oder du hast keinen Zugriff darauf. / This file space does "
                            "not exist, or you have no access to it.");
}

bool is_admin(const quartier::Request& req) { return req.role() == QT_ROLE_ADMIN; }

// The person's department (staff accounts name one; "" otherwise).
std::string department_of(std::int64_t user) {
  quartier::Statement s("SELECT department FROM plugin_users WHERE id = :u AND role IN ('staff','moderator','admin')");
  s.bind("u", user);
  return s.step() && !s.is_null(0) ? s.text(0) : std::string();
}

Space group_space(const quartier::Request& req, std::int64_t container) {
  quartier::Statement s("SELECT name FROM plugin_containers WHERE id = :id AND owner = 'groups'");
  s.bind("id", container);
  if (!s.step()) not_found();
  Space sp{"group", container, s.text(0)};
  const auto role = quartier::member_role(container, req.user_id());
  if (!role || *role < QT_MEMBER_MEMBER) not_found();
  sp.can_write = true;
  sp.can_manage = *role >= QT_MEMBER_MODERATOR;
  return sp;
}

Space department_space(const quartier::Request& req, std::int64_t id) {
  quartier::Statement s("SELECT name FROM files_departments WHERE id = :id");
  s.bind("id", id);
  if (!s.step()) not_found();
  Space sp{"department", id, s.text(0)};
  sp.can_write = is_admin(req) || (req.role() >= QT_ROLE_STAFF && department_of(req.user_id()) == sp.name);
  sp.can_manage = sp.can_write;
  return sp;
}

}  // namespace

Space open_space(const quartier::Request& req, std::string_view kind, std::int64_t ref) {
  if (kind == "group") return group_space(req, ref);
  if (kind == "department") return department_space(req, ref);
  if (kind == "person" && ref == req.user_id()) return Space{"person", ref, "", true, true};
  not_found();
}

Space writable_space(const quartier::Request& req, std::string_view kind, std::int64_t ref) {
  auto sp = open_space(req, kind, ref);
  if (!sp.can_write)
    throw quartier::HttpError(403, "read_only",
                              "Hier darfst du Dateien nur ansehen, nicht ändern. / You may only view the files here, not "
                              "change them.");
  return sp;
}

std::vector<Space> spaces_of(const quartier::Request& req) {
  std::vector<Space> out{Space{"person", req.user_id(), "", true, true}};
  {
    quartier::Statement s("SELECT id FROM files_departments ORDER BY name");
    while (s.step()) out.push_back(department_space(req, s.int64(0)));
  }
  quartier::Statement s("SELECT c.id FROM plugin_memberships m JOIN plugin_containers c ON c.id = m.container_id"
                        " WHERE m.user_id = :u AND m.state = 'active' AND c.owner = 'groups' ORDER BY c.name");
  s.bind("u", req.user_id());
  std::vector<std::int64_t> groups;
  while (s.step()) groups.push_back(s.int64(0));
  for (auto id : groups) out.push_back(group_space(req, id));
  return out;
}

boost::json::object space_json(const Space& s) {
  return {{"kind", s.kind}, {"id", s.ref}, {"name", s.name}, {"can_write", s.can_write}, {"can_manage", s.can_manage}};
}

}  // namespace files
