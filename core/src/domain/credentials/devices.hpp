#pragma once
// Known devices (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
// signed in to an account before carries a random token in a long-lived cookie; the database keeps
// its SHA-256. The login limits treat a known device apart from everyone else, so 25 wrong
// passwords from strangers lock the account for unknown devices only, never for its owner's.
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/array.hpp>
#include <soci/soci.h>

namespace qt::accounts {

// How many devices one account keeps; a new one beyond that pushes out the longest unused.
inline constexpr std::int64_t kMaxKnownDevices = 20;

// The device id if token is a known device of user_id; nullopt otherwise (unknown, malformed, or
// another person's device: that one gives no advantage here).
std::optional<std::int64_t> find_known_device(soci::session& s, const std::string& token, std::int64_t user_id);

// Makes a new device known for user_id and returns its token (for the cookie; never stored).
std::string remember_device(soci::session& s, std::int64_t user_id, std::int64_t now, const std::string& user_agent);

void touch_device(soci::session& s, std::int64_t device_id, std::int64_t now);

// Forgets every device of the account (a password reset: whoever knew the old password and
// signed in with it must not keep a device that bypasses the lock).
void forget_devices(soci::session& s, std::int64_t user_id);

// [{created_at, last_seen_at, user_agent}] for the person's data export.
boost::json::array list_devices(soci::session& s, std::int64_t user_id);

}  // namespace qt::accounts
