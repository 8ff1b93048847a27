#include "limits.hpp"

namespace video {

void WindowLimit::set_max(int max) {
  std::lock_guard lock(mu_);
  max_ = max;
}

bool WindowLimit::allow(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mu_);
  if (windows_.size() > 100000) {  // many addresses: drop the windows that ended
    for (auto it = windows_.begin(); it != windows_.end();)
      it = now - it->second.start >= window_ms_ ? windows_.erase(it) : std::next(it);
  }
  auto& w = windows_[key];
  if (now - w.start >= window_ms_) w = {now, 0};
  if (w.count >= max_) return false;
  ++w.count;
  return true;
}

WindowLimit& guest_passes_per_address() {
  static WindowLimit limit(20, 10 * 60 * 1000);
  return limit;
}

WindowLimit& joins_per_address() {
  static WindowLimit limit(30, 60 * 1000);
  return limit;
}

}  // namespace video
