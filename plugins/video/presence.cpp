#include "presence.hpp"

#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include <quartier/plugin.hpp>

#include "lobby.hpp"
#include "signal_state.hpp"
#include "util.hpp"

namespace video {
namespace {

std::atomic<std::int64_t> g_timeout_ms{60'000};

// Those waiting on a dead node leave the lobby; the hosts see the shorter list.
void sweep_stale_lobby() {
  std::vector<std::int64_t> rooms;
  {
    quartier::Statement s("SELECT DISTINCT room_id FROM video_lobby WHERE seen_at < :f");
    s.bind("f", fresh_since());
    while (s.step()) rooms.push_back(s.int64(0));
  }
  if (rooms.empty()) return;
  quartier::Statement del("DELETE FROM video_lobby WHERE seen_at < :f");
  del.bind("f", fresh_since());
  del.run();
  for (auto room : rooms) tell_hosts(room);
}

}  // namespace

void set_presence_timeout_seconds(std::int64_t seconds) { g_timeout_ms = seconds * 1000; }
std::int64_t presence_timeout_ms() { return g_timeout_ms; }
std::int64_t fresh_since() { return now_ms() - g_timeout_ms; }

void refresh_local_presence() {
  const auto here = participants_here().all();
  if (here.empty()) return;
  // Connection ids carry the node's tag in their high 32 bits (plugin.h, ws_add).
  for (const char* table : {"video_presence", "video_lobby"}) {
    quartier::Statement s(std::string("UPDATE ") + table + " SET seen_at = :t WHERE node = :n");
    s.bind("t", now_ms()).bind("n", static_cast<std::int64_t>(here.front() >> 32));
    s.run();
  }
}

void sweep_stale_presence() {
  std::vector<std::pair<std::int64_t, std::int64_t>> stale;  // conn, room
  {
    quartier::Statement s("SELECT conn, room_id FROM video_presence WHERE seen_at < :f");
    s.bind("f", fresh_since());
    while (s.step()) stale.emplace_back(s.int64(0), s.int64(1));
  }
  for (const auto& [conn, room] : stale) {
    quartier::Statement del("DELETE FROM video_presence WHERE conn = :c AND seen_at < :f");
    del.bind("c", conn).bind("f", fresh_since());
    if (del.run() == 1) send_room(room, {{"type", "peer-left"}, {"peer", conn}});
  }
  sweep_stale_lobby();
  if (!stale.empty())
    quartier::log_info("video: removed " + std::to_string(stale.size()) + " participants of a node that stopped answering");
}

}  // namespace video
