#pragma once
// The parts of the content model that plugins use for their items (ABI 1.2): card data, import
// times, the official mark and the municipality's system author, plus the expiry predicate that
// streams and search share.
#include <cstdint>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace qt::content {

inline constexpr std::size_t kCardMaxBytes = 4096;
inline constexpr std::int64_t kYear2000Ms = 946684800000;  // 2000-01-01T00:00:00Z

// The card data as stored: a JSON object of at most kCardMaxBytes, serialised canonically.
// Throws domain::Error (invalid_card) for malformed JSON, a non-object or too many bytes.
std::string checked_card(std::string_view json);

// An import's created_at: in the past (not after now_ms) and not before 2000. Throws
// domain::Error (invalid_created_at) otherwise.
void check_import_time(std::int64_t created_at, std::int64_t now_ms);

// Official items are published by staff (or admins) on behalf of the administration; throws
// domain::Error (denied, not_staff) for anyone else.
void require_official_author(soci::session& s, std::int64_t author_id);

// The account that authors imported items: named after the municipality, unable to sign in
// (disabled, no password). Created on first use, the same on every node. Needs a write session.
std::int64_t system_author(soci::session& s, const std::string& municipality_name);

namespace sql {
// "(<alias>expires_at IS NULL OR <alias>expires_at > <now in ms>)", the database's clock.
std::string not_expired(std::string_view alias, db::Dialect dialect);
}  // namespace sql

}  // namespace qt::content
