#pragma once
// In-memory rate limits (per process) with sliding windows, plus growing delays after repeated
// failures. Keys name what is limited, e.g. "login-ip:203.0.113.7" or "reset:anna@example.de".
// With several nodes behind one PostgreSQL each node counts for itself, so the effective limit is
// at most nodes x limit; the numbers come from [auth] in the config.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace qt::accounts {

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
};

}  // namespace qt::accounts
