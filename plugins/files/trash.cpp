#include "trash.hpp"

#include <vector>

#include <boost/json.hpp>

#include "blobs.hpp"
#include "space.hpp"
#include "links.hpp"
#include "versions.hpp"
#include "util.hpp"

namespace files {
namespace {

using quartier::Access;
using quartier::Request;
using quartier::Response;

// The item, when the request's person may change it: they made it, or manage the space.
std::pair<Item, Space> changeable(const Request& req, bool trashed) {
  auto [it, sp] = open_item(req, req.id_param("id"), trashed);
  if (!sp.can_write || (it.owner_id != req.user_id() && !sp.can_manage))
    throw quartier::HttpError(403, "not_allowed",
                              "Das dürfen hier nur die Person, die es angelegt hat, und die Verwaltenden. / Only the "
                              "person who made it and the space's managers may do that.");
  return {std::move(it), std::move(sp)};
}

void delete_item(Request& req, Response& res) {
  const bool permanent = req.query("permanent").value_or("") == "1";
  // For good: also what lies in the trash already (emptying it frees the space's quota).
  const auto in_trash = permanent && find_item(req.id_param("id")).value_or(Item{}).deleted_at != 0;
  const auto [it, sp] = changeable(req, in_trash);
  (void)sp;
  if (permanent) {
    purge(it);
  } else {
    quartier::Statement s("UPDATE files_items SET deleted_at = :t, trashed_parent = parent_id, parent_id = -id WHERE id = :id");
    s.bind("t", now_ms()).bind("id", it.id);
    s.run();
  }
  res.status(204);
}

void list_trash(Request& req, Response& res) {
  const auto sp = open_space(req, *req.param("kind"), req.id_param("ref"));
  quartier::Statement s("SELECT id FROM files_items WHERE space_kind = :k AND space_ref = :r AND deleted_at IS NOT NULL"
                        " ORDER BY deleted_at DESC");
  s.bind("k", sp.kind).bind("r", sp.ref);
  boost::json::array items;
  std::vector<std::int64_t> ids;
  while (s.step()) ids.push_back(s.int64(0));
  for (auto id : ids) items.push_back(item_json(*find_item(id)));
  send(res, {{"space", space_json(sp)}, {"keep_days", kTrashDays}, {"items", items}});
}

void restore(Request& req, Response& res) {
  auto [it, sp] = changeable(req, true);
  auto parent = it.trashed_parent;
  auto folder = parent ? find_item(parent) : std::nullopt;
  if (!folder || folder->deleted_at != 0) parent = 0;  // its folder is gone: back to the top
  check_free(sp, parent, it.name, it.id);
  quartier::Statement s("UPDATE files_items SET parent_id = :p, deleted_at = NULL, trashed_parent = NULL WHERE id = :id");
  s.bind("p", parent).bind("id", it.id);
  s.run();
  send(res, item_json(*find_item(it.id)));
}

void purge_old() {
  quartier::Statement s("SELECT id FROM files_items WHERE deleted_at IS NOT NULL AND deleted_at < :before");
  s.bind("before", now_ms() - kTrashDays * 24 * 3600 * 1000);
  std::vector<std::int64_t> ids;
  while (s.step()) ids.push_back(s.int64(0));
  for (auto id : ids)
    if (auto it = find_item(id)) purge(*it);
}

}  // namespace

void purge(const Item& it) {
  std::vector<std::int64_t> todo{it.id}, all;
  std::vector<std::string> keys{it.blob_key, it.preview_key};
  while (!todo.empty()) {
    const auto id = todo.back();
    todo.pop_back();
    all.push_back(id);
    for (const auto& c : children(it.space_kind, it.space_ref, id)) {
      todo.push_back(c.id);
      keys.push_back(c.blob_key);
      keys.push_back(c.preview_key);
    }
  }
  quartier::Transaction tx;
  drop_versions(all);
  drop_links(all);
  quartier::Statement del("DELETE FROM files_items WHERE id = :id");
  for (auto id : all) {
    del.bind("id", id);
    del.run();
    del.reset();
  }
  sweep_later(keys);
  tx.commit();
}

void add_trash_routes(quartier::Plugin& plugin) {
  plugin.del("/items/{id}", Access::user, delete_item);
  plugin.get("/spaces/{kind}/{ref}/trash", Access::user, list_trash);
  plugin.post("/items/{id}/restore", Access::user, restore);
  quartier::job_handler("purge_trash", [](const quartier::JobInfo&) { purge_old(); });
  plugin.on_start([] { quartier::schedule_every("purge_trash", 3600 * 1000); });
}

}  // namespace files
