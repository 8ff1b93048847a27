#pragma once
// Liveness of video_presence rows. Each node refreshes seen_at of its own connections' rows every
// third of the timeout; a row not refreshed within the timeout belongs to a node that died without
// saying goodbye (kill -9, power loss). Such rows take no seat and are not listed, and a cluster-wide
// sweep (a durable schedule: one node runs it) deletes them and tells their rooms "peer-left".
#include <cstdint>

namespace video {

// [plugins.video] presence_timeout_seconds, set at start.
void set_presence_timeout_seconds(std::int64_t seconds);
std::int64_t presence_timeout_ms();
// Rows with seen_at below this are stale: their node has not refreshed them within the timeout.
std::int64_t fresh_since();

// This node's rows: seen now (a per-node timer).
void refresh_local_presence();
// Every node's stale rows: deleted, their rooms told (the durable schedule).
void sweep_stale_presence();

}  // namespace video
