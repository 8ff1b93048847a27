#pragma once
// Notices plugin calls that run longer than [plugins] call_warn_ms. A plugin runs inside the
// server's process: a call that hangs holds an HTTP thread (or a job, or shutdown), and without
// this nothing would say which plugin and which route it is.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace qt::plugin_host {

class Watchdog {
 public:
  // limit 0 = off (begin/end cost nothing then).
  explicit Watchdog(std::chrono::milliseconds limit);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // A call starts: `what` names it for the log ("GET /api/p/files/{id}", "job files.sweep", ...).
  // Returns the ticket for end(); 0 when the watchdog is off.
  std::uint64_t begin(const std::string& plugin, std::string what);
  void end(std::uint64_t ticket);

  // Calls that ran past the limit since start (for /metrics and tests).
  std::uint64_t slow_calls() const { return slow_calls_.load(); }

 private:
  struct Call {
    std::string plugin;
    std::string what;
    std::chrono::steady_clock::time_point started;
    bool warned = false;
  };
  void run();
  void check(std::chrono::steady_clock::time_point now);

  const std::chrono::milliseconds limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::uint64_t, Call> calls_;
  std::uint64_t next_ = 1;
  bool stopping_ = false;
  std::atomic<std::uint64_t> slow_calls_{0};
  std::thread thread_;
};

}  // namespace qt::plugin_host
