#pragma once
// Wall-clock time as the data conventions store it: UTC milliseconds since the epoch.
#include <chrono>
#include <cstdint>

namespace qt {

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr std::int64_t minutes_ms(std::int64_t m) { return m * 60 * 1000; }
constexpr std::int64_t hours_ms(std::int64_t h) { return h * 60 * 60 * 1000; }

}  // namespace qt
