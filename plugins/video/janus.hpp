#pragma once
// A small client of Janus's admin API (Debian's janus 1.1.2, its VideoRoom plugin) over the core's
// outbound HTTP (http_fetch): the SFU that carries the media of rooms larger than a mesh. Quartier
// keeps the rooms and who may enter; Janus gets a room per Quartier room (VideoRoom requests through
// the admin API's `message_plugin`), a token per seated participant in its core token store
// (`add_token`/`remove_token`: Janus's token_auth wants it on every request, keepalives included)
// and on the room's `allowed` list, and the host's kick and end. When a participant goes, the
// Janus sessions that hold their token are destroyed (`destroy_session`). Every call blocks: use it
// on a job thread only (quartier::post), never in a socket callback. Design and guide: JANUS.md.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace video::janus {

// [plugins.video] janus_* settings, read at start.
struct Settings {
  std::string admin_api;     // janus_admin_api: "http://127.0.0.1:7088/admin"; empty = no SFU
  std::string admin_secret;  // janus_admin_secret: admin_secret of janus.jcfg
  std::string admin_key;     // janus_room_admin_key: the VideoRoom admin_key (only who knows it creates rooms)
  std::string browser_url;   // janus_browser_url: what browsers open, a path of this site ("/janus-ws")
  int max_participants = 50;
};
const Settings& settings();
void load_settings();  // at init: checks the values, throws with a message for the operator
bool enabled();

// A VideoRoom as Quartier keeps it: its number and the secret that guards changes.
struct RoomRef {
  std::int64_t number = 0;
  std::string secret;
};

// A token a browser gives Janus: 144 random bits. Janus takes it while it is in its token store
// (grant/revoke) and the room admits it while it is on the room's `allowed` list.
std::string make_token();
// A random number of at most 52 bits (exact in JavaScript): room numbers and publisher ids.
std::int64_t random_id();

// One admin API request (admin_secret added) to `path` ("" or "/<session>[/<handle>]"); the answer.
// Throws with what Janus said, unless its error code is one of `fine`.
boost::json::object admin(const std::string& path, boost::json::object body, std::initializer_list<int> fine = {});

// Janus's core token store (token_auth): a granted token may use the VideoRoom plugin only.
void grant(const std::string& token);
void revoke(const std::string& token);  // not there (Janus restarted, revoked before): fine
// Destroys every Janus session with a handle attached under `token` (a client that kept its
// session after Quartier let it go); how many it destroyed.
int end_sessions(const std::string& token);

// Creates the room unless it exists (Janus keeps no rooms across a restart); `publishers` = capacity.
void ensure_room(const RoomRef& room, const std::string& description, int publishers);
void allow(const RoomRef& room, const std::string& token, bool add);  // the room's `allowed` list
void kick(const RoomRef& room, std::int64_t participant);             // no such participant: fine
void destroy(const RoomRef& room);                                    // no such room: fine
bool exists(std::int64_t number);
std::vector<std::int64_t> publishers(std::int64_t number);  // ids of who publishes now

}  // namespace video::janus
