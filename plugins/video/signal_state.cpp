#include "signal_state.hpp"

#include <vector>

#include <quartier/plugin.hpp>

namespace video {

void Participants::add(std::uint64_t conn, Participant p) {
  std::lock_guard lock(mu_);
  by_conn_[conn] = std::move(p);
}

std::optional<Participant> Participants::take(std::uint64_t conn) {
  std::lock_guard lock(mu_);
  auto it = by_conn_.find(conn);
  if (it == by_conn_.end()) return std::nullopt;
  Participant p = std::move(it->second);
  by_conn_.erase(it);
  return p;
}

std::optional<Participant> Participants::get(std::uint64_t conn) {
  std::lock_guard lock(mu_);
  auto it = by_conn_.find(conn);
  if (it == by_conn_.end()) return std::nullopt;
  return it->second;
}

bool Participants::count_frame(std::uint64_t conn, std::int64_t now, int per_second) {
  std::lock_guard lock(mu_);
  auto it = by_conn_.find(conn);
  if (it == by_conn_.end()) return true;
  auto& p = it->second;
  if (now - p.window_start >= 1000) {
    p.window_start = now;
    p.frames = 0;
  }
  return ++p.frames <= per_second;
}

int Participants::count_bad(std::uint64_t conn) {
  std::lock_guard lock(mu_);
  auto it = by_conn_.find(conn);
  return it == by_conn_.end() ? 0 : ++it->second.bad_frames;
}

std::vector<std::uint64_t> Participants::all() {
  std::lock_guard lock(mu_);
  std::vector<std::uint64_t> out;
  for (const auto& [c, _] : by_conn_) out.push_back(c);
  return out;
}

Participants& participants_here() {
  static Participants p;
  return p;
}

std::string room_key(std::int64_t room_id) { return "room:" + std::to_string(room_id); }

void send_to(std::uint64_t conn, const boost::json::object& frame) {
  const std::string text = boost::json::serialize(frame);
  quartier::api().ws_send(quartier::host(), conn, quartier::detail::str(text));  // a closed one: nothing to do
}

void send_room(std::int64_t room_id, const boost::json::object& frame, std::uint64_t except) {
  const std::string text = boost::json::serialize(frame);
  const std::string key = room_key(room_id);
  quartier::api().ws_send_room(quartier::host(), quartier::detail::str(key), quartier::detail::str(text), except);
}

void send_error(std::uint64_t conn, std::string_view code, std::string_view message) {
  send_to(conn, {{"type", "error"}, {"code", code}, {"message", message}});
}

}  // namespace video
