#pragma once
// Server-side sessions (ASVS V3): the cookie holds a 256-bit random token, the table its SHA-256.
// Idle and absolute timeouts; revoked on logout, password change, role or status change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <soci/soci.h>

namespace qt::accounts {

struct NewSession {
  std::int64_t id = 0;
  std::string token;       // for the cookie; never stored
  std::string csrf_token;
  std::int64_t expires_at = 0;
};

struct ActiveSession {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t last_seen_at = 0;
  std::string role;
  std::string language;
};

// Creates a session for user; user_agent is summarised, ip hashed with salt.
NewSession create_session(soci::session& s, std::int64_t user_id, std::int64_t now, std::int64_t absolute_ms,
                          const std::string& user_agent, const std::string& ip_hash);

// The live session for a cookie token: not expired, not idle longer than idle_ms, user active.
std::optional<ActiveSession> find_session(soci::session& s, const std::string& token, std::int64_t now,
                                          std::int64_t idle_ms);

void touch_session(soci::session& s, std::int64_t session_id, std::int64_t now);
void delete_session(soci::session& s, std::int64_t session_id);
// Returns how many were revoked.
std::int64_t delete_user_sessions(soci::session& s, std::int64_t user_id, std::int64_t except_session_id = 0);
// Only if the session belongs to user_id; false otherwise (no hint whose it is).
bool delete_own_session(soci::session& s, std::int64_t user_id, std::int64_t session_id);
void purge_expired_sessions(soci::session& s, std::int64_t now, std::int64_t idle_ms);

// [{id, created_at, last_seen_at, expires_at, user_agent, current}]
boost::json::array list_sessions(soci::session& s, std::int64_t user_id, std::int64_t current_id);

// "Firefox on Linux" from a User-Agent header: enough to recognise a device, no fingerprint.
std::string summarise_user_agent(const std::string& ua);

}  // namespace qt::accounts
