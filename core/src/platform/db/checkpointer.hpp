#pragma once
// Copies SQLite's write-ahead log back into the database file from a connection and thread of
// its own. The writer runs with wal_autocheckpoint off, so a commit never stops to write back
// thousands of pages and fsync a multi-gigabyte file (that stall was the create-post p99).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace soci {
class session;
}

namespace qt::db {

class Checkpointer {
 public:
  using Open = std::function<std::unique_ptr<soci::session>()>;
  // Runs a RESTART checkpoint on the writer's connection while holding it, so other writers
  // wait in the pool (woken the moment it is done) rather than in SQLite's busy-handler sleeps.
  // Returns SQLite's result code and sets the frames in the log and those copied.
  using Restart = std::function<int(int* log_frames, int* copied)>;

  // A log of this many frames (64 MiB of 4 KiB pages) is started over even under load.
  static constexpr int kRestartFrames = 16384;
  static constexpr std::chrono::seconds kRestartBackoff{2};

  // `open` makes a read-write connection to the database; `every` is the pause between passes.
  Checkpointer(Open open, Restart restart, std::string display, std::chrono::milliseconds every,
               int restart_frames = kRestartFrames);
  ~Checkpointer();  // stops the thread after a last pass
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  struct Stats {
    std::int64_t passes = 0;
    int log_frames = 0;              // at the last pass: frames in the log
    int backfilled = 0;              //   and those of them already in the database file
    std::int64_t restarts = 0;          // times the log was started over (see kRestartFrames)
    std::int64_t restart_failures = 0;  // readers still in the log; tried again after kRestartBackoff
    std::int64_t errors = 0;
  };
  Stats stats() const;

  // One pass now, on the caller's thread (tests); returns the frames still in the log.
  int pass(bool allow_restart = true);

 private:
  void run(std::stop_token stop);
  void warn(const char* what, std::string reason);  // with mu_ held
  Open open_;
  Restart restart_;
  std::string display_;
  std::chrono::milliseconds every_;
  int restart_frames_;
  std::unique_ptr<soci::session> session_;  // opened on first use, reopened after an error
  mutable std::mutex mu_;                   // guards session_ and stats_
  std::condition_variable_any wake_;
  Stats stats_;
  std::chrono::steady_clock::time_point last_warning_{};
  std::chrono::steady_clock::time_point next_restart_{};  // no restart before (after a failed one)
  std::jthread thread_;  // last member: starts after the others exist, stops before they go
};

}  // namespace qt::db
