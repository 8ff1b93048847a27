#include "lobby.hpp"

#include <atomic>
#include <vector>

#include <quartier/plugin.hpp>

#include "presence.hpp"
#include "util.hpp"

namespace video {

namespace {
std::atomic<int> g_lobby_max{50};
}  // namespace

void set_lobby_max(int max) { g_lobby_max = max; }

bool lobby_has_room(std::int64_t room_id) {
  quartier::Statement s("SELECT COUNT(*) FROM video_lobby WHERE room_id = :r AND seen_at >= :f");
  s.bind("r", room_id).bind("f", fresh_since());
  s.step();
  return s.int64(0) < g_lobby_max;
}

std::string hosts_key(std::int64_t room_id) { return "hosts:" + std::to_string(room_id); }

boost::json::array waiting(std::int64_t room_id) {
  boost::json::array out;
  quartier::Statement s(
      "SELECT conn, name, user_id FROM video_lobby WHERE room_id = :r AND admitted = 0 AND seen_at >= :f ORDER BY joined_at");
  s.bind("r", room_id).bind("f", fresh_since());
  while (s.step()) out.push_back({{"id", s.int64(0)}, {"name", s.text(1)}, {"guest", s.int64(2) == 0}});
  return out;
}

void tell_hosts(std::int64_t room_id) {
  const std::string text = boost::json::serialize(boost::json::object{{"type", "lobby"}, {"waiting", waiting(room_id)}});
  const std::string key = hosts_key(room_id);
  quartier::api().ws_send_room(quartier::host(), quartier::detail::str(key), quartier::detail::str(text), 0);
}

void wait_in_lobby(std::uint64_t conn, const Room& r, const Participant& p) {
  quartier::Statement s(
      "INSERT INTO video_lobby (conn, room_id, node, user_id, name, admitted, joined_at, seen_at)"
      " VALUES (:conn, :room, :node, :user, :name, 0, :at, :at2)");
  s.bind("conn", static_cast<std::int64_t>(conn)).bind("room", r.id).bind("node", static_cast<std::int64_t>(conn >> 32));
  s.bind("user", p.user_id).bind("name", p.name).bind("at", now_ms()).bind("at2", now_ms());
  s.run();
  send_to(conn, {{"type", "waiting"}, {"room", {{"name", r.name}}}});
  tell_hosts(r.id);
}

bool admit(std::int64_t room_id, std::int64_t conn) {
  quartier::Statement s("UPDATE video_lobby SET admitted = 1 WHERE conn = :c AND room_id = :r AND admitted = 0");
  s.bind("c", conn).bind("r", room_id);
  if (s.run() != 1) return false;
  send_to(static_cast<std::uint64_t>(conn), {{"type", "admitted"}});
  tell_hosts(room_id);
  return true;
}

bool reject(std::int64_t room_id, std::int64_t conn) {
  quartier::Statement s("DELETE FROM video_lobby WHERE conn = :c AND room_id = :r AND admitted = 0");
  s.bind("c", conn).bind("r", room_id);
  if (s.run() != 1) return false;
  quartier::api().ws_close(quartier::host(), static_cast<std::uint64_t>(conn), 4005, quartier::detail::str("rejected_by_host"));
  tell_hosts(room_id);
  return true;
}

void admit_everyone(std::int64_t room_id) {
  std::vector<std::int64_t> conns;
  {
    quartier::Statement s("SELECT conn FROM video_lobby WHERE room_id = :r AND admitted = 0");
    s.bind("r", room_id);
    while (s.step()) conns.push_back(s.int64(0));
  }
  for (auto c : conns) admit(room_id, c);
}

bool take_admission(std::uint64_t conn, std::int64_t room_id) {
  quartier::Statement s("DELETE FROM video_lobby WHERE conn = :c AND room_id = :r AND admitted = 1");
  s.bind("c", static_cast<std::int64_t>(conn)).bind("r", room_id);
  return s.run() == 1;
}

void leave_lobby(std::uint64_t conn, std::int64_t room_id) {
  quartier::Statement s("DELETE FROM video_lobby WHERE conn = :c");
  s.bind("c", static_cast<std::int64_t>(conn));
  if (s.run() == 1) tell_hosts(room_id);
}

}  // namespace video
