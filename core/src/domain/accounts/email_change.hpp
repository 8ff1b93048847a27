#pragma once
// Changing one's e-mail address: a single-use, expiring link goes to the NEW address; the
// address switches only when that link is used. Tokens follow the rules of one_time_tokens
// (stored hashed, newest link only, consumed atomically).
#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace qt::accounts {

struct EmailChange {
  std::int64_t user_id = 0;
  std::string new_email;
};

// Records the request and returns the plain token for the mail. Earlier unused requests of the
// person are invalidated.
std::string issue_email_change(soci::session& s, std::int64_t user_id, const std::string& new_email, std::int64_t now,
                               std::int64_t valid_ms);

// Marks the request used and returns it, or nullopt if unknown, expired or used.
std::optional<EmailChange> consume_email_change(soci::session& s, const std::string& token, std::int64_t now);

// The person's newest request that still waits, if any (for GET /api/me and the export).
std::optional<EmailChange> pending_email_change(soci::session& s, std::int64_t user_id, std::int64_t now);

}  // namespace qt::accounts
