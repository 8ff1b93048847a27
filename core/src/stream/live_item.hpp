#pragma once
// The live "content" event for a new item, the same for core posts and for items a plugin
// creates through the host API: {"type":"content","data":{id, kind, container_id, author_id,
// urgent}} to the online people who may read the item's container, nobody else.
#include <cstdint>

#include "content/store.hpp"
#include "db/database.hpp"
#include "live/hub.hpp"

namespace qt::stream {

// Call after the item's transaction has committed. Never throws (a failed event is logged).
void publish_new_item(db::Database& db, const content::Store& store, live::Hub& hub, std::int64_t content_id) noexcept;

}  // namespace qt::stream
