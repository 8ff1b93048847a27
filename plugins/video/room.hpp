#pragma once
// A video room and who may do what in it. Kinds: "resident" (anyone's own room), "group" (a
// group's; members only or by link), "department" (consultation hours of staff), "cafe" (the
// city's standing "Palim Palim" café, one per neighbourhood).
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json.hpp>

namespace video {

struct Room {
  std::int64_t id = 0;
  std::string slug, name, kind;
  std::int64_t created_by = 0;
  std::int64_t container_id = 0, neighbourhood_id = 0;
  std::string department, schedule;  // schedule: a free-text note beside the hours
  std::string hours;                  // consultation hours (schedule.hpp's stored text), "" = none
  bool members_only = false, guests = true, locked = false;
  bool lobby = false, lobby_residents = false;  // who waits until a host admits: guests / residents too
  std::int64_t save_chat = 0;                   // the host who saves the chat, 0 = not saved
  int capacity = 6;
  std::string media = "mesh";         // "mesh" (browser to browser) or "sfu" (through Janus, sfu.hpp)
  std::int64_t janus_room = 0;        // sfu: the VideoRoom number
  std::string janus_secret;           // sfu: guards changes to it in Janus; never shown
  std::int64_t created_at = 0;
};

// Who asks: a signed-in person (user_id, role) or a guest (user_id 0).
struct Caller {
  std::int64_t user_id = 0;
  int role = 0;  // QT_ROLE_*
};

std::optional<Room> find_room(std::string_view slug);
std::optional<Room> find_room_by_id(std::int64_t id);
// Hosts: the creator; staff of the municipality for department rooms and cafés; a group's owners
// and moderators for its rooms; moderators and admins everywhere.
bool is_host(const Room& r, const Caller& c);
// Empty when the caller may enter (before lock and capacity); else the refusal's error code:
// "account_required" (no guests) or "members_only" (a group's members only).
std::string entry_refusal(const Room& r, const Caller& c);
int participants(std::int64_t room_id);
// Consultation hours that keep residents and guests out now (hosts enter any time).
bool closed_now(const Room& r, const Caller& c);
// True when this caller waits in the lobby until a host admits them.
bool must_wait(const Room& r, const Caller& c);
// The room as the API shows it; `host` adds who is in it now (names only, for the host).
boost::json::object room_json(const Room& r, const Caller& c);

}  // namespace video
