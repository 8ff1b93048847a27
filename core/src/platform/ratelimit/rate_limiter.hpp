#pragma once
// Rate limits with sliding windows, plus growing delays after repeated failures. Keys name what
// is limited, e.g. "login-ip:203.0.113.7" or "reset:anna@example.de"; the numbers come from
// [auth] in the config. In memory by default (SQLite: one node); after share_through() the counts
// live in the database (SharedRateLimits), so every node on one PostgreSQL counts together.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace qt::db {
class Database;
}

namespace qt::accounts {

class SharedRateLimits;

struct Limit {
  int max = 0;                       // attempts allowed per window; <= 0 disables the limit
  std::chrono::seconds window{0};
};

struct Backoff {
  int free_failures = 3;                    // failures before delays start
  std::chrono::seconds base{1};             // first delay; doubles with each further failure
  std::chrono::seconds cap{15 * 60};        // longest delay
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter();
  ~RateLimiter();
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // From now on count in the database (the time_point arguments are then ignored: nodes agree
  // on wall-clock time, not on steady clocks).
  void share_through(db::Database& db);
  bool shared() const { return shared_ != nullptr; }
  void sweep_shared();  // drops expired rows (maintenance job); no-op in memory

  // Counts one attempt under key. If the window is full, nothing is counted and the seconds until
  // the oldest attempt leaves the window are returned (>= 1), for Retry-After.
  std::optional<std::int64_t> hit(std::string_view key, Limit limit, Clock::time_point now = Clock::now());

  // Like hit() but only looks: would the next attempt be refused?
  std::optional<std::int64_t> check(std::string_view key, Limit limit, Clock::time_point now = Clock::now()) const;

  // Growing delays: seconds to wait before the next attempt under key, if any.
  std::optional<std::int64_t> delay(std::string_view key, Clock::time_point now = Clock::now()) const;
  // Records a failure (the delay grows); returns the new delay in seconds (0 = none yet).
  std::int64_t fail(std::string_view key, const Backoff& backoff, Clock::time_point now = Clock::now());
  // Clears the failures under key (a successful login).
  void succeed(std::string_view key);

  void clear();  // forgets everything (tests, admin reset)
  std::size_t size() const;

 private:
  struct Entry {
    std::deque<Clock::time_point> hits;
    int failures = 0;
    Clock::time_point blocked_until{};
    Clock::time_point touched{};
  };
  void sweep(Clock::time_point now);

  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t calls_since_sweep_ = 0;
  std::unique_ptr<SharedRateLimits> shared_;
};

}  // namespace qt::accounts
