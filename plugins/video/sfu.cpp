#include "sfu.hpp"

#include <algorithm>
#include <vector>

#include <quartier/plugin.hpp>

#include "janus.hpp"
#include "signal_state.hpp"
#include "util.hpp"

namespace video::sfu {
namespace {

janus::RoomRef ref(const Room& r) { return {r.janus_room, r.janus_secret}; }

// The ids Quartier seated in the room now (anyone else publishing in Janus has no business there).
std::vector<std::int64_t> seated(std::int64_t room_id) {
  std::vector<std::int64_t> out;
  quartier::Statement s("SELECT sfu_id FROM video_presence WHERE room_id = :r AND sfu_id <> 0");
  s.bind("r", room_id);
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

void unavailable(std::uint64_t conn, const std::string& why) {
  quartier::log_error("video: Janus (janus_admin_api) failed, the room's media cannot start: " + why);
  send_error(conn, "sfu_unavailable",
             "Der Videoserver ist gerade nicht erreichbar. Bitte später erneut versuchen. / The video server cannot be "
             "reached right now. Please try again later.");
}

}  // namespace

void admit(std::uint64_t conn, const Room& room, std::int64_t id, const std::string& token) {
  quartier::post([conn, room, id, token] {
    try {
      janus::grant(token);
      janus::ensure_room(ref(room), room.slug, room.capacity);
      janus::allow(ref(room), token, true);
      // The socket may have closed meanwhile (its leave job found no token to take): take it now.
      auto p = participants_here().get(conn);
      if (!p || p->sfu_token != token) {
        janus::revoke(token);
        return janus::allow(ref(room), token, false);
      }
      send_to(conn, {{"type", "sfu"}, {"url", janus::settings().browser_url}, {"room", room.janus_room}, {"id", id}, {"token", token}});
    } catch (const std::exception& e) {
      unavailable(conn, e.what());
    }
  });
}

void leave(std::int64_t room_id, std::int64_t id, const std::string& token) {
  quartier::post([room_id, id, token] {
    try {
      // First the token: Janus refuses every further request with it (no new session, handle or
      // keepalive), then every session that holds it ends, with all its subscriptions.
      janus::revoke(token);
      if (const int n = janus::end_sessions(token); n > 0)
        quartier::log_info("video: ended " + std::to_string(n) + " Janus session(s) of a participant who left");
      auto room = find_room_by_id(room_id);
      if (!room) return;  // deleted: its Janus room was destroyed with it
      janus::allow(ref(*room), token, false);
      janus::kick(ref(*room), id);
      const auto ok = seated(room_id);
      for (auto other : janus::publishers(room->janus_room))
        if (std::find(ok.begin(), ok.end(), other) == ok.end()) janus::kick(ref(*room), other);
    } catch (const std::exception& e) {
      quartier::log_error(std::string("video: taking a participant out of Janus failed: ") + e.what());
    }
  });
}

void end(const Room& room) {
  quartier::post([r = ref(room)] {
    try {
      janus::destroy(r);
    } catch (const std::exception& e) {
      quartier::log_error(std::string("video: destroying the Janus room failed: ") + e.what());
    }
  });
}

}  // namespace video::sfu
