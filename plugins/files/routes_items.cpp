#include <boost/json.hpp>

#include "item.hpp"
#include "routes.hpp"
#include "space.hpp"
#include "util.hpp"

namespace files {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;

// The item, when the request's person may change it: they made it, or manage the space.
std::pair<Item, Space> changeable(const Request& req) {
  auto [it, sp] = open_item(req, req.id_param("id"));
  if (!sp.can_write || (it.owner_id != req.user_id() && !sp.can_manage))
    throw quartier::HttpError(403, "not_allowed",
                              "Das dürfen hier nur die Person, die es angelegt hat, und die Verwaltenden. / Only the "
                              "person who made it and the space's managers may do that.");
  return {std::move(it), std::move(sp)};
}

void get_item(Request& req, Response& res) {
  auto [it, sp] = open_item(req, req.id_param("id"));
  boost::json::array path;
  for (const auto& f : folder_path(it.parent_id)) path.push_back(boost::json::object{{"id", f.id}, {"name", f.name}});
  send(res, {{"item", item_json(it)}, {"space", space_json(sp)}, {"path", path}});
}

// A folder may not move into itself or one of its own folders.
void check_no_cycle(const Item& it, std::int64_t parent) {
  for (const auto& f : folder_path(parent))
    if (f.id == it.id)
      throw quartier::HttpError(400, "invalid_folder",
                                "Ein Ordner kann nicht in sich selbst verschoben werden. / A folder cannot be moved into "
                                "itself.");
}

// A folder of another space the person can see: moving there is refused in words (its quota
// and its readers differ; a copy is downloaded and uploaded there).
void check_same_space(const Request& req, const Space& sp, std::int64_t folder) {
  auto target = find_item(folder);
  if (!target || !target->is_folder || (target->space_kind == sp.kind && target->space_ref == sp.ref)) return;
  try {
    open_space(req, target->space_kind, target->space_ref);
  } catch (const quartier::HttpError&) {
    return;  // not theirs to see: the usual "no such folder here"
  }
  throw quartier::HttpError(400, "other_space",
                            "In einen anderen Ablageort lässt sich nichts verschieben; bitte dort herunter- und wieder "
                            "hochladen. / Items cannot be moved into another space; please download them and upload "
                            "them there.");
}

void patch_item(Request& req, Response& res) {
  auto [it, sp] = changeable(req);
  const auto body = body_object(req);
  auto name = it.name;
  if (auto raw = opt_string(body, "name", kMaxNameChars * 4)) name = clean_item_name(*raw);
  auto parent = it.parent_id;
  if (auto p = opt_int(body, "parent_id")) {
    check_same_space(req, sp, *p);
    parent = checked_folder(sp, *p);
  }
  if (it.is_folder) check_no_cycle(it, parent);
  check_free(sp, parent, name, it.id);
  quartier::Statement s("UPDATE files_items SET name = :n, parent_id = :p, updated_at = :t WHERE id = :id");
  s.bind("n", name).bind("p", parent).bind("t", now_ms()).bind("id", it.id);
  try {
    s.run();
  } catch (const quartier::Error& e) {
    if (e.status() == QT_ERR_DATABASE) check_free(sp, parent, name, it.id);
    throw;
  }
  send(res, item_json(*find_item(it.id)));
}

const Item& file_only(const Item& it) {
  if (it.is_folder)
    throw quartier::HttpError(400, "is_folder", "Ein Ordner hat keinen Inhalt zum Herunterladen. / A folder has no content to download.");
  return it;
}

void content(Request& req, Response& res) {
  auto [it, sp] = open_item(req, req.id_param("id"));
  const bool inline_view = req.query("inline").value_or("") == "1";
  check_servable(file_only(it));
  if (!quartier::send_blob(res, file_only(it).blob_key, it.mime, it.name, inline_view))
    throw quartier::HttpError(410, "content_missing", "Der Inhalt dieser Datei fehlt. / This file's content is missing.");
}

void preview(Request& req, Response& res) {
  auto [it, sp] = open_item(req, req.id_param("id"));
  check_servable(file_only(it));
  if (it.preview_key.empty() || !quartier::send_blob(res, it.preview_key, "image/webp", "", true))
    throw quartier::HttpError(404, "no_preview", "Für diese Datei gibt es keine Vorschau. / This file has no preview.");
}

}  // namespace

void add_item_routes(quartier::Plugin& plugin) {
  plugin.get("/items/{id}", Access::user, get_item);
  plugin.patch("/items/{id}", Access::user, patch_item);
  plugin.get("/items/{id}/content", Access::user, content);
  plugin.get("/items/{id}/preview", Access::user, preview);
}

}  // namespace files
