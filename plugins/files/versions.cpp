#include "versions.hpp"

#include <boost/json.hpp>

#include "blobs.hpp"
#include "util.hpp"

namespace files {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;

std::int64_t g_max_versions = 20;

struct Version {
  std::int64_t id = 0, item_id = 0, bytes = 0, uploaded_by = 0, created_at = 0;
  std::string blob_key, mime, preview_key, scan_status;
};

constexpr const char* kVersionColumns =
    "SELECT id, item_id, COALESCE(blob_key, ''), bytes, mime, COALESCE(preview_key, ''), scan_status, uploaded_by,"
    " created_at FROM files_versions ";

Version version_row(const quartier::Statement& s) {
  return Version{s.int64(0), s.int64(1), s.int64(3), s.int64(7), s.int64(8), s.text(2), s.text(4), s.text(5), s.text(6)};
}

std::vector<Version> versions_of(std::int64_t item) {
  quartier::Statement s(std::string(kVersionColumns) + "WHERE item_id = :i ORDER BY created_at DESC, id DESC");
  s.bind("i", item);
  std::vector<Version> out;
  while (s.step()) out.push_back(version_row(s));
  return out;
}

void bind_optional(quartier::Statement& s, const char* name, const std::string& v) {
  if (v.empty()) s.bind(name, nullptr); else s.bind(name, v);
}

// Keeps the newest max_versions; the rest go with their blobs.
void trim(std::int64_t item) {
  auto all = versions_of(item);
  std::vector<std::string> keys;
  quartier::Statement del("DELETE FROM files_versions WHERE id = :id");
  for (std::size_t i = static_cast<std::size_t>(g_max_versions); i < all.size(); ++i) {
    del.bind("id", all[i].id);
    del.run();
    del.reset();
    keys.push_back(all[i].blob_key);
    keys.push_back(all[i].preview_key);
  }
  sweep_later(keys);
}

boost::json::object version_json(const Version& v) {
  return {{"id", v.id},           {"bytes", v.bytes},   {"mime", v.mime}, {"sha256", v.blob_key},
          {"scan", v.scan_status}, {"uploaded_by", v.uploaded_by}, {"created_at", v.created_at}};
}

}  // namespace

std::optional<Item> item_named(const Space& sp, std::int64_t parent, const std::string& name) {
  quartier::Statement s("SELECT id FROM files_items WHERE space_kind = :k AND space_ref = :r AND parent_id = :p AND name = :n");
  s.bind("k", sp.kind).bind("r", sp.ref).bind("p", parent).bind("n", name);
  if (!s.step()) return std::nullopt;
  return find_item(s.int64(0));
}

void add_version(const Item& it, const Item& fresh, std::int64_t user) {
  quartier::Statement keep(
      "INSERT INTO files_versions (item_id, blob_key, bytes, mime, preview_key, scan_status, uploaded_by, created_at)"
      " VALUES (:i, :b, :bytes, :m, :pv, :sc, :u, :t)");
  keep.bind("i", it.id).bind("bytes", it.bytes).bind("m", it.mime).bind("sc", it.scan_status);
  keep.bind("u", it.content_by).bind("t", it.content_at);
  bind_optional(keep, "b", it.blob_key);
  bind_optional(keep, "pv", it.preview_key);
  keep.run();
  quartier::Statement s("UPDATE files_items SET blob_key = :b, bytes = :bytes, mime = :m, preview_key = :pv,"
                        " scan_status = :sc, content_by = :u, content_at = :t, updated_at = :t WHERE id = :id");
  s.bind("bytes", fresh.bytes).bind("m", fresh.mime).bind("sc", fresh.scan_status).bind("u", user);
  s.bind("t", now_ms()).bind("id", it.id);
  bind_optional(s, "b", fresh.blob_key);
  bind_optional(s, "pv", fresh.preview_key);
  s.run();
  trim(it.id);
}

void drop_versions(const std::vector<std::int64_t>& item_ids) {
  std::vector<std::string> keys;
  quartier::Statement del("DELETE FROM files_versions WHERE item_id = :i");
  for (auto id : item_ids) {
    for (const auto& v : versions_of(id)) {
      keys.push_back(v.blob_key);
      keys.push_back(v.preview_key);
    }
    del.bind("i", id);
    del.run();
    del.reset();
  }
  sweep_later(keys);
}

void load_versions() {
  if (const auto v = quartier::config("max_versions"); v && !v->empty()) {
    g_max_versions = std::stoll(std::string(*v));
    if (g_max_versions < 0 || g_max_versions > 1000)
      throw quartier::Error(QT_ERR_INVALID, "[plugins.files] max_versions must be from 0 to 1000");
  }
}

namespace {

const Item& file_item(const Item& it) {
  if (it.is_folder)
    throw quartier::HttpError(400, "is_folder", "Ein Ordner hat keine Versionen. / A folder has no versions.");
  return it;
}

Version one_version(const Request& req, const Item& it) {
  quartier::Statement s(std::string(kVersionColumns) + "WHERE id = :v AND item_id = :i");
  s.bind("v", req.id_param("vid")).bind("i", it.id);
  if (!s.step())
    throw quartier::HttpError(404, "version_not_found",
                              "Diese Version gibt es nicht (mehr). / This version does not exist (any more).");
  return version_row(s);
}

void list(Request& req, Response& res) {
  auto [it, sp] = open_item(req, req.id_param("id"));
  boost::json::array out;
  for (const auto& v : versions_of(file_item(it).id)) out.push_back(version_json(v));
  send(res, {{"item", item_json(it)}, {"max_versions", g_max_versions}, {"versions", out}});
}

void content(Request& req, Response& res) {
  auto [it, sp] = open_item(req, req.id_param("id"));
  auto v = one_version(req, file_item(it));
  Item as_item = it;
  as_item.scan_status = v.scan_status;
  check_servable(as_item);
  if (!quartier::send_blob(res, v.blob_key, v.mime, it.name, false))
    throw quartier::HttpError(410, "content_missing", "Der Inhalt dieser Version fehlt. / This version's content is missing.");
}

// The chosen version and the current content change places, so nothing is counted twice.
void restore(Request& req, Response& res) {
  auto [it, sp] = open_item(req, req.id_param("id"));
  if (!sp.can_write)
    throw quartier::HttpError(403, "read_only",
                              "Hier darfst du Dateien nur ansehen, nicht ändern. / You may only view the files here, not "
                              "change them.");
  quartier::Transaction tx;
  auto v = one_version(req, file_item(it));
  if (v.scan_status == "blocked")
    throw quartier::HttpError(409, "version_blocked",
                              "Diese Version hat der Virenscanner blockiert; sie lässt sich nicht wiederherstellen. / The "
                              "virus scanner blocked this version; it cannot be restored.");
  quartier::Statement swap("UPDATE files_versions SET blob_key = :b, bytes = :bytes, mime = :m, preview_key = :pv,"
                           " scan_status = :sc, uploaded_by = :u, created_at = :t WHERE id = :id");
  swap.bind("bytes", it.bytes).bind("m", it.mime).bind("sc", it.scan_status).bind("u", it.content_by);
  swap.bind("t", it.content_at).bind("id", v.id);
  bind_optional(swap, "b", it.blob_key);
  bind_optional(swap, "pv", it.preview_key);
  swap.run();
  quartier::Statement cur("UPDATE files_items SET blob_key = :b, bytes = :bytes, mime = :m, preview_key = :pv,"
                          " scan_status = :sc, content_by = :u, content_at = :t, updated_at = :now WHERE id = :id");
  cur.bind("bytes", v.bytes).bind("m", v.mime).bind("sc", v.scan_status).bind("u", v.uploaded_by);
  cur.bind("t", v.created_at).bind("now", now_ms()).bind("id", it.id);
  bind_optional(cur, "b", v.blob_key);
  bind_optional(cur, "pv", v.preview_key);
  cur.run();
  tx.commit();
  send(res, item_json(*find_item(it.id)));
}

}  // namespace

void add_version_routes(quartier::Plugin& plugin) {
  plugin.get("/items/{id}/versions", Access::user, list);
  plugin.get("/items/{id}/versions/{vid}/content", Access::user, content);
  plugin.post("/items/{id}/versions/{vid}/restore", Access::user, restore);
}

}  // namespace files
