#pragma once
// The STUN/TURN servers a browser gets in the welcome frame. With [plugins.video] turn_secret set,
// every turn:/turns: server comes with time-limited credentials made from the secret it shares
// with the TURN server (the TURN REST API convention, draft-uberti-behave-turn-rest-00, which
// coturn implements as use-auth-secret / static-auth-secret): username "<expiry>:<tag>", password
// base64(HMAC-SHA1(secret, username)). No account, no database: coturn checks the HMAC and the
// expiry itself, and a leaked credential stops working after turn_ttl_seconds.
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>

namespace video {

// The credential for username under secret: base64(HMAC-SHA1(secret, username)).
std::string turn_password(std::string_view secret, std::string_view username);

// [{"urls": ...}] from ice_servers; TURN entries with username and credential when a secret is
// set. tag names the connection in the TURN server's log, nothing personal.
boost::json::array ice_servers(std::int64_t now_seconds, std::string_view tag);

}  // namespace video
