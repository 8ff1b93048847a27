#include "platform/ratelimit/rate_limiter.hpp"

#include <algorithm>

#include "platform/ratelimit/shared_rate_limits.hpp"
#include "platform/util/clock.hpp"

namespace qt::accounts {
namespace {

std::int64_t ceil_seconds(RateLimiter::Clock::duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return std::max<std::int64_t>(1, (ms + 999) / 1000);
}

void prune(std::deque<RateLimiter::Clock::time_point>& hits, std::chrono::seconds window,
           RateLimiter::Clock::time_point now) {
  while (!hits.empty() && hits.front() <= now - window) hits.pop_front();
}

}  // namespace

RateLimiter::RateLimiter() = default;
RateLimiter::~RateLimiter() = default;

void RateLimiter::share_through(db::Database& db) { shared_ = std::make_unique<SharedRateLimits>(db); }

void RateLimiter::sweep_shared() {
  if (shared_) shared_->sweep(now_ms());
}

std::optional<std::int64_t> RateLimiter::hit(std::string_view key, Limit limit, Clock::time_point now) {
  if (limit.max <= 0) return std::nullopt;
  if (shared_) return shared_->hit(key, limit, now_ms());
  std::lock_guard lock(mu_);
  if (++calls_since_sweep_ >= 4096) sweep(now);
  Entry& e = entries_[std::string(key)];
  e.touched = now;
  prune(e.hits, limit.window, now);
  if (e.hits.size() >= static_cast<std::size_t>(limit.max))
    return ceil_seconds(e.hits.front() + limit.window - now);
  e.hits.push_back(now);
  return std::nullopt;
}

std::optional<std::int64_t> RateLimiter::check(std::string_view key, Limit limit, Clock::time_point now) const {
  if (limit.max <= 0) return std::nullopt;
  if (shared_) return shared_->check(key, limit, now_ms());
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) return std::nullopt;
  std::size_t live = 0;
  Clock::time_point oldest{};
  for (auto t : it->second.hits)
    if (t > now - limit.window) {
      if (live++ == 0) oldest = t;
    }
  if (live >= static_cast<std::size_t>(limit.max)) return ceil_seconds(oldest + limit.window - now);
  return std::nullopt;
}

std::optional<std::int64_t> RateLimiter::delay(std::string_view key, Clock::time_point now) const {
  if (shared_) return shared_->delay(key, now_ms());
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end() || it->second.blocked_until <= now) return std::nullopt;
  return ceil_seconds(it->second.blocked_until - now);
}

std::int64_t RateLimiter::fail(std::string_view key, const Backoff& backoff, Clock::time_point now) {
  if (shared_) return shared_->fail(key, backoff, now_ms());
  std::lock_guard lock(mu_);
  Entry& e = entries_[std::string(key)];
  e.touched = now;
  ++e.failures;
  const int over = e.failures - backoff.free_failures;
  if (over <= 0) return 0;
  auto d = backoff.base;
  for (int i = 1; i < over && d < backoff.cap; ++i) d *= 2;
  d = std::min(d, backoff.cap);
  e.blocked_until = now + d;
  return d.count();
}

void RateLimiter::succeed(std::string_view key) {
  if (shared_) return shared_->succeed(key);
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) return;
  it->second.failures = 0;
  it->second.blocked_until = {};
}

void RateLimiter::clear() {
  if (shared_) shared_->clear();
  std::lock_guard lock(mu_);
  entries_.clear();
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

// Drops entries untouched for a day, so the map cannot grow without bound.
void RateLimiter::sweep(Clock::time_point now) {
  calls_since_sweep_ = 0;
  const auto horizon = now - std::chrono::hours(24);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.touched < horizon && it->second.blocked_until <= now)
      it = entries_.erase(it);
    else
      ++it;
  }
}

}  // namespace qt::accounts
