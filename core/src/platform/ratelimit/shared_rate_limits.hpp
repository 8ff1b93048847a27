#pragma once
// The rate limits of accounts kept in the database, so several server nodes on one PostgreSQL
// count together (ASVS V2.2.1 holds per account, not per node). Each call is one or two short
// statements on an indexed row, atomic by INSERT ... ON CONFLICT DO UPDATE ... RETURNING: two
// nodes hitting the same key at once both count. Semantics as RateLimiter (rate_limiter.hpp).
#include <cstdint>
#include <optional>
#include <string_view>

#include "platform/db/database.hpp"

namespace qt::accounts {

struct Limit;
struct Backoff;

class SharedRateLimits {
 public:
  explicit SharedRateLimits(db::Database& db) : db_(db) {}

  // now = wall-clock UTC milliseconds (every node must agree, so not a steady clock).
  std::optional<std::int64_t> hit(std::string_view key, const Limit& limit, std::int64_t now);
  std::optional<std::int64_t> check(std::string_view key, const Limit& limit, std::int64_t now);
  std::optional<std::int64_t> delay(std::string_view key, std::int64_t now);
  std::int64_t fail(std::string_view key, const Backoff& backoff, std::int64_t now);
  void succeed(std::string_view key);
  void clear();
  void sweep(std::int64_t now);  // drops expired rows (maintenance job)

 private:
  db::Database& db_;
};

}  // namespace qt::accounts
