#pragma once
// A small client of Janus's HTTP API (Debian's janus, its VideoRoom plugin) over the core's outbound
// HTTP (http_fetch): the SFU that carries the media of rooms larger than a mesh. Quartier keeps the
// rooms and who may enter; Janus gets a room per Quartier room, a one-time token per admitted
// participant (its `allowed` list) and the host's kick and end. Every call blocks: use it on a job
// thread only (quartier::post), never in a socket callback. Design and operator's guide: JANUS.md.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace video::janus {

// [plugins.video] janus_* settings, read at start.
struct Settings {
  std::string api;          // janus_api: "http://127.0.0.1:8088/janus"; empty = no SFU
  std::string admin_key;    // janus_room_admin_key: the VideoRoom admin_key (only who knows it creates rooms)
  std::string token_secret; // janus_token_secret: Janus's token_auth_secret (signed tokens); may be empty
  std::string browser_url;  // janus_browser_url: what browsers open, a path of this site ("/janus-ws")
  int max_participants = 50;
  int token_ttl_seconds = 14400;
};
const Settings& settings();
void load_settings();  // at init: checks the values, throws with a message for the operator
bool enabled();

// A VideoRoom as Quartier keeps it: its number and the secret that guards changes.
struct RoomRef {
  std::int64_t number = 0;
  std::string secret;
};

// A token a browser gives Janus: signed for Janus's token_auth when janus_token_secret is set
// ("<expiry>,janus,janus.plugin.videoroom,<nonce>:<HMAC-SHA1>"), else a random string; either way
// it is also the one entry of the room's `allowed` list that admits this participant.
std::string make_token(std::int64_t now_seconds);
// A random number of at most 52 bits (exact in JavaScript): room numbers and publisher ids.
std::int64_t random_id();

// Creates the room unless it exists (Janus keeps no rooms across a restart); `publishers` = capacity.
void ensure_room(const RoomRef& room, const std::string& description, int publishers);
void allow(const RoomRef& room, const std::string& token, bool add);  // the room's `allowed` list
void kick(const RoomRef& room, std::int64_t participant);             // no such participant: fine
void destroy(const RoomRef& room);                                    // no such room: fine
bool exists(std::int64_t number);
std::vector<std::int64_t> publishers(std::int64_t number);  // ids of who publishes now

}  // namespace video::janus
