#include "stats.hpp"

#include <chrono>
#include <ctime>
#include <map>
#include <mutex>

#include <quartier/plugin.hpp>

#include "util.hpp"

namespace help {
namespace {

// Long enough to absorb a busy city page, short enough that another server process's changes
// show soon; this process's own changes drop it at once.
constexpr std::int64_t kKeepMs = 30'000;

std::int64_t month_start_ms() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  tm.tm_mday = 1;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

struct Cache {
  std::mutex m;
  boost::json::object value;
  std::int64_t since = 0, at = 0;
};
Cache& cache() {
  static Cache c;
  return c;
}

// One pass over this month's closed requests (index help_requests_closed), then the names.
boost::json::object count(std::int64_t since) {
  std::map<std::int64_t, std::int64_t> done;
  quartier::Statement s("SELECT neighbourhood_id, COUNT(*) FROM help_requests WHERE status = 'done' AND closed_at >= :since"
                        " GROUP BY neighbourhood_id");
  s.bind("since", since);
  while (s.step()) done[s.int64(0)] = s.int64(1);
  quartier::Statement n("SELECT id, name FROM plugin_neighbourhoods ORDER BY name, id");
  boost::json::array out;
  std::int64_t total = 0;
  while (n.step()) {
    const auto it = done.find(n.int64(0));
    const std::int64_t c = it == done.end() ? 0 : it->second;
    total += c;
    out.push_back(boost::json::object{{"neighbourhood_id", n.int64(0)}, {"name", n.text(1)}, {"helped_this_month", c}});
  }
  return boost::json::object{{"since", since}, {"total", total}, {"neighbourhoods", std::move(out)}};
}

}  // namespace

boost::json::object helped_this_month() {
  const auto since = month_start_ms();
  const auto now = now_ms();
  auto& c = cache();
  {
    std::lock_guard lock(c.m);
    if (c.at && c.since == since && now - c.at < kKeepMs) return c.value;
  }
  auto fresh = count(since);
  std::lock_guard lock(c.m);
  c.value = fresh;
  c.since = since;
  c.at = now;
  return fresh;
}

void stats_changed() {
  auto& c = cache();
  std::lock_guard lock(c.m);
  c.at = 0;
}

}  // namespace help
