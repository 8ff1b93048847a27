#pragma once
// The lobby: when a room's host switched on "admit guests" (and maybe residents), those who join
// wait in video_lobby (a row with the connection, like video_presence) until a host admits or
// rejects them. Hosts are in a second live room ("hosts:<id>") and get the waiting list on every
// change. Admission crosses nodes through the database and the waiting browser: the host's node
// marks the row admitted and tells the browser, which asks its own node to enter ("enter").
#include <cstdint>
#include <string>

#include <boost/json.hpp>

#include "room.hpp"
#include "signal_state.hpp"

namespace video {

std::string hosts_key(std::int64_t room_id);  // the live room of a room's hosts: "hosts:<id>"
// [plugins.video] lobby_max_waiting (at start) and whether one more may wait in the room.
void set_lobby_max(int max);
bool lobby_has_room(std::int64_t room_id);
// Who waits now: [{id, name, guest}] (not yet admitted, of a living node).
boost::json::array waiting(std::int64_t room_id);
// Sends {"type": "lobby", "waiting": [...]} to the room's hosts.
void tell_hosts(std::int64_t room_id);
// Puts a connection into the lobby and tells it and the hosts.
void wait_in_lobby(std::uint64_t conn, const Room& r, const Participant& p);
// A host's decision on a waiting connection of the room; false when it does not wait there.
bool admit(std::int64_t room_id, std::int64_t conn);
bool reject(std::int64_t room_id, std::int64_t conn);
// The lobby was switched off: everyone waiting is admitted.
void admit_everyone(std::int64_t room_id);
// True (and the row gone) when this connection was admitted to the room.
bool take_admission(std::uint64_t conn, std::int64_t room_id);
// The connection closed or entered: its row goes; the hosts hear of it when it was waiting.
void leave_lobby(std::uint64_t conn, std::int64_t room_id);

}  // namespace video
