#pragma once
// In-memory rate limits per key (a guest's address, a connection): a fixed window per key,
// forgotten when the window ends. Each node counts for itself.
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace video {

class WindowLimit {
 public:
  WindowLimit(int max, std::int64_t window_ms) : max_(max), window_ms_(window_ms) {}
  // True when one more is allowed now (and counts it).
  bool allow(const std::string& key, std::int64_t now);
  void set_max(int max);  // from the configuration, at start

 private:
  struct Window {
    std::int64_t start = 0;
    int count = 0;
  };
  int max_;
  std::int64_t window_ms_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

// The two limits of the plugin, set from [plugins.video] at start.
WindowLimit& guest_passes_per_address();  // guest passes per address in 10 minutes
WindowLimit& joins_per_address();         // socket opens per address in a minute

}  // namespace video
