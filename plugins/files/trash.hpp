#pragma once
// The trash: deleting moves an item (a folder with everything in it) there for 30 days; its
// maker or the space's managers restore it or delete it for good. A durable hourly job empties
// what is older, and the blobs no row needs any more go with the sweep (blobs.hpp).
#include <cstdint>

#include <quartier/plugin.hpp>

#include "item.hpp"

namespace files {

inline constexpr std::int64_t kTrashDays = 30;

// DELETE /items/{id} (?permanent=1 for good), GET /spaces/{kind}/{ref}/trash,
// POST /items/{id}/restore; and the purge job.
void add_trash_routes(quartier::Plugin& plugin);
// Deletes the item and everything below it now, the blobs after the commit.
void purge(const Item& it);

}  // namespace files
