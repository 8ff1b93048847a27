#include "domain/stream/live_item.hpp"

#include <boost/json.hpp>

#include "platform/log/log.hpp"

namespace qt::stream {

void publish_new_item(db::Database& db, const content::Store& store, live::Hub& hub, std::int64_t content_id) noexcept {
  deliver_new_item_here(db, store, hub, content_id);
  // The other nodes work out their own online readers (kNewItemEvent's handler).
  try {
    hub.to_other_nodes(kNewItemEvent, boost::json::object{{"id", content_id}});
  } catch (const std::exception& e) {
    log::warn("live content event to other nodes failed", {{"content", content_id}, {"error", e.what()}});
  }
}

void deliver_new_item_here(db::Database& db, const content::Store& store, live::Hub& hub, std::int64_t content_id) noexcept {
  try {
    auto online = hub.online_users();
    if (online.empty()) return;
    auto lease = db.read();
    auto item = store.item(*lease, content_id);
    if (!item || item->deleted_at || item->hidden) return;
    auto c = store.container(*lease, item->container_id);
    if (!c) return;
    auto readers = store.readers_among(*lease, *c, online);
    if (readers.empty()) return;
    hub.deliver_local(readers, "content",
                boost::json::object{{"id", item->id}, {"kind", item->kind}, {"container_id", item->container_id},
                                    {"author_id", item->author_id}, {"urgent", item->urgent}});
  } catch (const std::exception& e) {
    log::warn("live content event failed", {{"content", content_id}, {"error", e.what()}});
  }
}

}  // namespace qt::stream
