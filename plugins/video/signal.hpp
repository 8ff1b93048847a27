#pragma once
// The signalling socket /api/p/video/signal?room=<slug>[&guest=<token>] (ABI 1.3 ws_add): who is
// in a room, WebRTC offers/answers/ICE candidates relayed between two of its participants (a
// mesh: every browser connects to every other, no media server), chat, raised hands, media state,
// and the host's moderation (mute request, remove, lock, end). Frames are JSON {"type": ...};
// protocol in plugins/video/README.md.
#include <cstdint>
#include <string>

#include "room.hpp"

namespace video {

// Tells everyone in the room its state (name, locked).
void announce_room_state(const Room& r);
// Tells everyone the room ended and closes every connection in it, on every node.
void close_everyone(std::int64_t room_id, int code, const std::string& reason);
// At stop: forget this node's connections in the database.
void forget_local_presence();

}  // namespace video
