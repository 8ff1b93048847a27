#include "plugin_host/watchdog.hpp"

#include <algorithm>

#include "platform/log/log.hpp"

namespace qt::plugin_host {

namespace {

std::int64_t ms_since(std::chrono::steady_clock::time_point start, std::chrono::steady_clock::time_point now) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(now - start).count();
}

}  // namespace

Watchdog::Watchdog(std::chrono::milliseconds limit) : limit_(limit) {
  if (limit_.count() > 0) thread_ = std::thread([this] { run(); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::uint64_t Watchdog::begin(const std::string& plugin, std::string what) {
  if (limit_.count() <= 0) return 0;
  std::lock_guard lock(mutex_);
  const auto ticket = next_++;
  calls_.emplace(ticket, Call{plugin, std::move(what), std::chrono::steady_clock::now(), false});
  return ticket;
}

void Watchdog::end(std::uint64_t ticket) {
  if (ticket == 0) return;
  Call call;
  {
    std::lock_guard lock(mutex_);
    auto it = calls_.find(ticket);
    if (it == calls_.end()) return;
    call = std::move(it->second);
    calls_.erase(it);
  }
  if (call.warned)
    log::warn("plugin call finished late", {{"plugin", call.plugin},
                                            {"call", call.what},
                                            {"took_ms", ms_since(call.started, std::chrono::steady_clock::now())}});
}

void Watchdog::run() {
  // Checks a few times per limit, at least once a second, so a warning comes soon after the limit.
  const auto period = std::clamp(limit_ / 4, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, period, [this] { return stopping_; });
    if (!stopping_) check(std::chrono::steady_clock::now());
  }
}

// Called with mutex_ held: logs each call once when it passes the limit (the log call is short).
void Watchdog::check(std::chrono::steady_clock::time_point now) {
  for (auto& [ticket, call] : calls_) {
    if (call.warned || now - call.started < limit_) continue;
    call.warned = true;
    ++slow_calls_;
    log::warn("plugin call running long: a plugin runs in the server's process, so it holds a thread until it returns",
              {{"plugin", call.plugin},
               {"call", call.what},
               {"running_ms", ms_since(call.started, now)},
               {"limit_ms", static_cast<std::int64_t>(limit_.count())}});
  }
}

}  // namespace qt::plugin_host
