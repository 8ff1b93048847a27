#include <map>
#include <tuple>
#include <vector>

#include <boost/json.hpp>

#include "item.hpp"
#include "quota.hpp"
#include "routes.hpp"
#include "space.hpp"
#include "types.hpp"
#include "util.hpp"

namespace files {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;

std::int64_t ref_param(const Request& req) { return req.id_param("ref"); }

void list_spaces(Request& req, Response& res) {
  boost::json::array out;
  for (const auto& s : spaces_of(req)) out.push_back(space_json(s));
  send(res, {{"spaces", out}, {"limits", limits_json()}});
}

void create_department(Request& req, Response& res) {
  if (req.role() != QT_ROLE_ADMIN)
    throw quartier::HttpError(403, "admins_only",
                              "Nur Administratorinnen und Administratoren legen Ablagen für Fachbereiche an. / Only "
                              "admins create department spaces.");
  const auto body = body_object(req);
  const auto name = quartier::clean_name(opt_string(body, "name", 100).value_or(""), 2, 100, "invalid_name");
  quartier::Statement exists("SELECT id FROM files_departments WHERE name = :n");
  exists.bind("n", name);
  if (exists.step())
    throw quartier::HttpError(409, "name_taken",
                              "Eine Ablage für diesen Fachbereich gibt es schon. / A space for this department exists "
                              "already.");
  quartier::Statement s("INSERT INTO files_departments (name, created_by, created_at) VALUES (:n, :u, :t) RETURNING id");
  s.bind("n", name).bind("u", req.user_id()).bind("t", now_ms());
  s.step();
  send(res, {{"space", space_json(open_space(req, "department", s.int64(0)))}}, 201);
}

void list_folder(Request& req, Response& res) {
  const auto sp = open_space(req, *req.param("kind"), ref_param(req));
  const auto folder = checked_folder(sp, query_int(req, "folder", 0, 0, INT64_MAX));
  boost::json::array items, path;
  for (const auto& it : children(sp.kind, sp.ref, folder)) items.push_back(item_json(it));
  for (const auto& it : folder_path(folder)) path.push_back(boost::json::object{{"id", it.id}, {"name", it.name}});
  send(res, {{"space", space_json(sp)}, {"folder_id", folder}, {"path", path}, {"items", items}, {"usage", usage_json(sp, req.role() == QT_ROLE_ADMIN)},
                 {"limits", limits_json()}});
}

// Every folder of the space that is not in the trash, as a tree in reading order (a parent
// before its folders, siblings by name): what the UI's "move to" picker offers.
void list_folders(Request& req, Response& res) {
  const auto sp = open_space(req, *req.param("kind"), ref_param(req));
  quartier::Statement s("SELECT id, name, parent_id FROM files_items WHERE space_kind = :k AND space_ref = :r"
                        " AND is_folder = 1 AND deleted_at IS NULL ORDER BY name");
  s.bind("k", sp.kind).bind("r", sp.ref);
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::string>>> below;
  while (s.step()) below[s.int64(2)].emplace_back(s.int64(0), s.text(1));
  boost::json::array out;
  // Depth first from the top; folders under a trashed folder are never reached.
  std::vector<std::tuple<std::int64_t, std::string, std::int64_t, int>> stack;
  for (auto it = below[0].rbegin(); it != below[0].rend(); ++it) stack.emplace_back(it->first, it->second, 0, 0);
  while (!stack.empty()) {
    auto [id, name, parent, depth] = stack.back();
    stack.pop_back();
    out.push_back(boost::json::object{{"id", id}, {"name", name}, {"parent_id", parent}, {"depth", depth}});
    auto& kids = below[id];
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(it->first, it->second, id, depth + 1);
  }
  send(res, {{"space", space_json(sp)}, {"folders", out}});
}

void create_folder(Request& req, Response& res) {
  const auto sp = writable_space(req, *req.param("kind"), ref_param(req));
  const auto body = body_object(req);
  Item it;
  it.space_kind = sp.kind;
  it.space_ref = sp.ref;
  it.parent_id = checked_folder(sp, opt_int(body, "parent_id").value_or(0));
  it.is_folder = true;
  it.name = clean_item_name(opt_string(body, "name", kMaxNameChars * 4).value_or(""));
  it.owner_id = req.user_id();
  check_free(sp, it.parent_id, it.name);
  it.id = insert_item(it);
  send(res, item_json(*find_item(it.id)), 201);
}

}  // namespace

void add_space_routes(quartier::Plugin& plugin) {
  plugin.get("/spaces", Access::user, list_spaces);
  plugin.post("/departments", Access::staff, create_department);
  plugin.get("/spaces/{kind}/{ref}", Access::user, list_folder);
  plugin.get("/spaces/{kind}/{ref}/folders", Access::user, list_folders);
  plugin.post("/spaces/{kind}/{ref}/folders", Access::user, create_folder);
}

}  // namespace files
