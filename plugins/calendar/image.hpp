#pragma once
// An event's picture through the core's image pipeline (ABI 1.3): upload, read, remove, and
// the removal of blobs no event uses any more (a durable job, after the deleting transaction).
#include <cstdint>
#include <string>
#include <vector>

#include <quartier/plugin.hpp>

namespace calendar {

// The picture blobs of the events where `where` (a column of calendar_events) equals v.
std::vector<std::string> image_keys_where(const std::string& where, std::int64_t v);
// Has these blobs removed once the caller's transaction committed, unless an event still uses them.
void sweep_later(const std::vector<std::string>& keys);
void add_image_routes(quartier::Plugin& plugin);

}  // namespace calendar
