#pragma once
// Single-use, expiring tokens for mail links (confirm e-mail, reset password). Stored hashed;
// a token is consumed atomically, so it works exactly once even with two clicks at once.
#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace qt::accounts {

// Issues a token (the plain value goes into the mail only). Older unused tokens of the same
// purpose for the user are invalidated, so only the newest link works.
std::string issue_token(soci::session& s, std::int64_t user_id, const std::string& purpose, std::int64_t now,
                        std::int64_t valid_ms);

// Marks the token used and returns its user, or nullopt if unknown, expired, used or for another purpose.
std::optional<std::int64_t> consume_token(soci::session& s, const std::string& token, const std::string& purpose,
                                          std::int64_t now);

}  // namespace qt::accounts
