#include "platform/ratelimit/shared_rate_limits.hpp"

#include <algorithm>
#include <string>

#include <soci/soci.h>

#include "platform/ratelimit/rate_limiter.hpp"

namespace qt::accounts {
namespace {

std::int64_t window_ms(const Limit& l) { return std::chrono::duration_cast<std::chrono::milliseconds>(l.window).count(); }

std::int64_t ceil_seconds(std::int64_t ms) { return std::max<std::int64_t>(1, (ms + 999) / 1000); }

// Attempts counted in the sliding window ending now: this window's, plus the previous window's
// weighted by how much of it still overlaps.
double estimate(long long previous, long long current, std::int64_t window, std::int64_t into) {
  return static_cast<double>(previous) * static_cast<double>(window - into) / static_cast<double>(window) +
         static_cast<double>(current);
}

// Seconds until the estimate drops to max - 1 (so one more attempt fits).
std::int64_t wait_seconds(long long previous, long long current, std::int64_t window, std::int64_t into, int max) {
  if (current >= max || previous == 0) return ceil_seconds(window - into);
  const double excess = estimate(previous, current, window, into) - (max - 1);
  const double ms = excess * static_cast<double>(window) / static_cast<double>(previous);
  return ceil_seconds(std::min<std::int64_t>(window - into, static_cast<std::int64_t>(ms) + 1));
}

long long hits_in(soci::session& s, const std::string& key, long long start) {
  long long n = 0;
  soci::indicator ind = soci::i_ok;
  s << "SELECT hits FROM rate_limits WHERE name = :k AND window_start = :w", soci::use(key), soci::use(start),
      soci::into(n, ind);
  return s.got_data() && ind == soci::i_ok ? n : 0;
}

}  // namespace

std::optional<std::int64_t> SharedRateLimits::hit(std::string_view key_view, const Limit& limit, std::int64_t now) {
  if (limit.max <= 0) return std::nullopt;
  const std::string key(key_view);
  const std::int64_t window = window_ms(limit);
  const long long current_start = now / window * window, previous_start = current_start - window;
  const long long expires = current_start + 2 * window;
  auto lease = db_.write();
  auto& s = lease.session();
  const long long previous = hits_in(s, key, previous_start);
  long long current = 0;
  s << "INSERT INTO rate_limits (name, window_start, hits, expires_at) VALUES (:k, :w, 1, :x) "
       "ON CONFLICT (name, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits",
      soci::use(key), soci::use(current_start), soci::use(expires), soci::into(current);
  const std::int64_t into = now - current_start;
  if (estimate(previous, current, window, into) <= limit.max) return std::nullopt;
  // Refused attempts do not count (as in memory), so a steady stream cannot lock a key forever.
  s << "UPDATE rate_limits SET hits = hits - 1 WHERE name = :k AND window_start = :w", soci::use(key),
      soci::use(current_start);
  return wait_seconds(previous, current - 1, window, into, limit.max);
}

std::optional<std::int64_t> SharedRateLimits::check(std::string_view key_view, const Limit& limit, std::int64_t now) {
  if (limit.max <= 0) return std::nullopt;
  const std::string key(key_view);
  const std::int64_t window = window_ms(limit);
  const long long current_start = now / window * window;
  auto lease = db_.read();
  const long long previous = hits_in(lease.session(), key, current_start - window);
  const long long current = hits_in(lease.session(), key, current_start);
  const std::int64_t into = now - current_start;
  if (estimate(previous, current, window, into) + 1 <= limit.max) return std::nullopt;
  return wait_seconds(previous, current, window, into, limit.max);
}

std::optional<std::int64_t> SharedRateLimits::delay(std::string_view key_view, std::int64_t now) {
  const std::string key(key_view);
  long long until = 0;
  auto lease = db_.read();
  lease.session() << "SELECT blocked_until FROM rate_backoff WHERE name = :k", soci::use(key), soci::into(until);
  if (!lease.session().got_data() || until <= now) return std::nullopt;
  return ceil_seconds(until - now);
}

std::int64_t SharedRateLimits::fail(std::string_view key_view, const Backoff& backoff, std::int64_t now) {
  const std::string key(key_view);
  const long long t = now;
  long long failures = 0;
  auto lease = db_.write();
  auto& s = lease.session();
  s << "INSERT INTO rate_backoff (name, failures, blocked_until, updated_at) VALUES (:k, 1, 0, :t) "
       "ON CONFLICT (name) DO UPDATE SET failures = rate_backoff.failures + 1, updated_at = :t2 RETURNING failures",
      soci::use(key), soci::use(t), soci::use(t), soci::into(failures);
  const long long over = failures - backoff.free_failures;
  if (over <= 0) return 0;
  auto d = backoff.base;
  for (long long i = 1; i < over && d < backoff.cap; ++i) d *= 2;
  d = std::min(d, backoff.cap);
  const long long until = now + std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  s << "UPDATE rate_backoff SET blocked_until = :u WHERE name = :k", soci::use(until), soci::use(key);
  return d.count();
}

void SharedRateLimits::succeed(std::string_view key_view) {
  const std::string key(key_view);
  auto lease = db_.write();
  lease.session() << "DELETE FROM rate_backoff WHERE name = :k", soci::use(key);
}

void SharedRateLimits::clear() {
  auto lease = db_.write();
  lease.session() << "DELETE FROM rate_limits";
  lease.session() << "DELETE FROM rate_backoff";
}

void SharedRateLimits::sweep(std::int64_t now) {
  const long long t = now, day_ago = now - 24LL * 60 * 60 * 1000;
  auto lease = db_.write();
  lease.session() << "DELETE FROM rate_limits WHERE expires_at < :t", soci::use(t);
  lease.session() << "DELETE FROM rate_backoff WHERE updated_at < :d AND blocked_until < :t", soci::use(day_ago),
      soci::use(t);
}

}  // namespace qt::accounts
