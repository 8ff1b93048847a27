#include "platform/db/checkpointer.hpp"

#include "platform/db/native.hpp"
#include "platform/log/log.hpp"

namespace qt::db {

Checkpointer::Checkpointer(Open open, Restart restart, std::string display, std::chrono::milliseconds every,
                           int restart_frames)
    : open_(std::move(open)), restart_(std::move(restart)), display_(std::move(display)), every_(every),
      restart_frames_(restart_frames),
      thread_([this](std::stop_token stop) { run(stop); }) {}

Checkpointer::~Checkpointer() {
  thread_.request_stop();  // also wakes the wait in run()
  if (thread_.joinable()) thread_.join();
  try {
    pass(false);
  } catch (...) {
    // Closing the last connection checkpoints as well; nothing is lost.
  }
}

Checkpointer::Stats Checkpointer::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

int Checkpointer::pass(bool allow_restart) {
  std::lock_guard lock(mu_);
  ++stats_.passes;
  try {
    if (!session_) session_ = open_();
  } catch (const std::exception& e) {
    warn("WAL checkpoint connection failed", e.what());
    return -1;
  }
  int log_frames = 0, copied = 0;
  // PASSIVE: copies what no reader still needs, never waits for readers or the writer.
  const int rc = sqlite_api::sqlite3_wal_checkpoint_v2(native::sqlite(*session_), "main", SQLITE_CHECKPOINT_PASSIVE,
                                                        &log_frames, &copied);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    warn("WAL checkpoint failed", sqlite_api::sqlite3_errstr(rc));
    session_.reset();  // reopened next pass
    return -1;
  }
  stats_.log_frames = log_frames;
  stats_.backfilled = copied;
  const auto now = std::chrono::steady_clock::now();
  if (allow_restart && restart_ && log_frames >= restart_frames_ && now >= next_restart_) {
    // Under steady load some reader is always inside the log, so SQLite never starts it over
    // and it grows without end (gigabytes in minutes of posting). RESTART holds writers back
    // until the running reads end, then the next commit starts the log from the top;
    // journal_size_limit cuts the file back.
    int restart_log = 0, restart_copied = 0;
    const int r = restart_(&restart_log, &restart_copied);
    if (r == SQLITE_OK) {
      ++stats_.restarts;
      stats_.log_frames = stats_.backfilled = restart_log;
      return 0;
    }
    // A long read (an export, a backup) holds an old snapshot: writers were held back for the
    // restart's short wait, so do not hold them again at every pass while it lasts.
    ++stats_.restart_failures;
    next_restart_ = now + kRestartBackoff;
  }
  return log_frames > copied ? log_frames - copied : 0;
}

// Counts the error; logs at most once a minute (a broken disk would fail every pass).
void Checkpointer::warn(const char* what, std::string reason) {
  ++stats_.errors;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_warning_ < std::chrono::minutes(1)) return;
  last_warning_ = now;
  log::warn(what, {{"url", display_}, {"reason", std::move(reason)}});
}

void Checkpointer::run(std::stop_token stop) {
  std::mutex wait_mu;
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(wait_mu);
      wake_.wait_for(lock, stop, every_, [] { return false; });
    }
    if (stop.stop_requested()) break;
    try {
      pass();
    } catch (const std::exception& e) {
      std::lock_guard lock(mu_);
      warn("WAL checkpoint failed", e.what());
    }
  }
}

}  // namespace qt::db
