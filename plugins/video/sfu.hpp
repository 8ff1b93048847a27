#pragma once
// Rooms whose media goes through Janus (room.media == "sfu"): what the signalling socket does
// besides what it does for a mesh. Admission stays on Quartier's socket; once a participant has a
// seat, a job puts the participant's token into Janus's token store, makes sure Janus has the room,
// puts the token on the room's `allowed` list and sends the browser {type: "sfu", url, room, id,
// token}. When the socket closes (left, removed by the host, room ended), a job takes the token out
// of the store, destroys every Janus session that holds it (also one a tampered client kept open),
// takes it off the list and kicks the participant; ending a room destroys it in Janus. Janus calls block, so they all run
// on job threads, never in the socket callbacks.
#include <cstdint>
#include <string>

#include "room.hpp"

namespace video::sfu {

// After the seat is taken: Janus room, token, then the "sfu" frame (or an error frame).
void admit(std::uint64_t conn, const Room& room, std::int64_t id, const std::string& token);
// After the socket closed: the token goes, the sessions holding it end, the participant is kicked
// (and anyone in the Janus room whom Quartier did not seat).
void leave(std::int64_t room_id, std::int64_t id, const std::string& token);
// The room ended or was deleted: destroyed in Janus (made again when someone enters again).
void end(const Room& room);

}  // namespace video::sfu
