#pragma once
// A guest pass is bound to the room it was issued for. The core's guest token says who the guest
// is (a random guest id and a name) but not where they may go, so the plugin adds a room pass:
// a MAC over the guest id and the room, under a key of its own kept in the database (one for the
// cluster). Nothing about the guest is stored.
#include <cstdint>
#include <string>
#include <string_view>

namespace video {

// The room pass for a guest id in a room (43 base64url characters).
std::string room_pass(std::string_view guest_id, std::int64_t room_id);
// True when `pass` is the room pass of this guest id for this room.
bool pass_fits(std::string_view guest_id, std::int64_t room_id, std::string_view pass);

}  // namespace video
