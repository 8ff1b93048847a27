#pragma once
// At most one log line per interval for a condition that can repeat thousands of times a second
// (accept failing for want of descriptors, connections refused at the cap): a flood of lines
// would fill the disk and cost the CPU the server needs to recover.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace qt::log {

class Throttle {
 public:
  explicit Throttle(std::chrono::steady_clock::duration interval) : interval_(interval) {}

  // True when a line is due now; `suppressed` then gets how many were held back since the last.
  bool due(std::int64_t& suppressed) {
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    auto last = last_.load(std::memory_order_relaxed);
    if (last != 0 && now - last < interval_.count()) {
      held_.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
    if (!last_.compare_exchange_strong(last, now)) {
      held_.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
    suppressed = held_.exchange(0);
    return true;
  }

 private:
  std::chrono::steady_clock::duration interval_;
  std::atomic<std::chrono::steady_clock::rep> last_{0};
  std::atomic<std::int64_t> held_{0};
};

}  // namespace qt::log
