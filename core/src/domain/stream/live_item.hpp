#pragma once
// The live "content" event for a new item, the same for core posts and for items a plugin
// creates through the host API: {"type":"content","data":{id, kind, container_id, author_id,
// urgent}} to the online people who may read the item's container, nobody else.
#include <cstdint>

#include "domain/content/store.hpp"
#include "platform/db/database.hpp"
#include "platform/live/hub.hpp"

namespace qt::stream {

// Call after the item's transaction has committed. Never throws (a failed event is logged).
// With several nodes it tells the others (Hub::to_other_nodes), each delivering to its own
// online readers: who is online is known only on the node that holds the connection.
void publish_new_item(db::Database& db, const content::Store& store, live::Hub& hub, std::int64_t content_id) noexcept;

// The same for this node's connections only: what kNewItemEvent's handler runs, data {"id": ...}.
void deliver_new_item_here(db::Database& db, const content::Store& store, live::Hub& hub, std::int64_t content_id) noexcept;
inline constexpr const char* kNewItemEvent = "node:new-item";

}  // namespace qt::stream
