#pragma once
// libical keeps process-wide state (the loaded time zones, its error number, its ring buffer of
// strings), so every call into it holds this one lock. The month view reads stored occurrences
// and never takes it; only writes, the .ics files and the feeds do.
#include <mutex>

namespace calendar {

inline std::mutex& ical_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace calendar
