#pragma once
// The mails of an urgent announcement, queued off the request: the request stores the
// notifications and records one job row (urgent_mail_jobs) in its own transaction; a
// background job then queues the mails in batches of `batch` notifications, each batch in one
// write transaction together with the job's progress and the notifications' mailed_at. So a
// stop at any point loses nothing and sends nothing twice: start() resumes unfinished jobs, and
// a batch is claimed with a conditional UPDATE of the progress (safe with several nodes).
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <vector>

#include <soci/soci.h>

#include "domain/notify/notifier.hpp"
#include "platform/db/database.hpp"

namespace qt::notify {

class MailFanout {
 public:
  // post runs a job in the background (the module passes jobs::Scheduler::post).
  using Post = std::function<void(std::function<void()>)>;
  MailFanout(db::Database& db, const Notifier& notifier, Post post, std::size_t batch = 500)
      : db_(db), notifier_(notifier), post_(std::move(post)), batch_(batch) {}

  // In the caller's transaction: records a job for these notification ids (the urgent ones of
  // one announcement). Returns the job id, 0 if there is nothing to mail.
  std::int64_t record(soci::session& s, std::int64_t content_id, const std::vector<std::int64_t>& ids) const;
  // After the commit: runs the job in the background (unless this process runs it already).
  void start(std::int64_t job_id) const;
  // Server shutdown: running jobs stop after their current batch (resumed at the next start).
  void stop() { stopping_ = true; }
  // Runs every unfinished job in the background (at server start).
  void resume_all() const;
  // Runs a job to the end on this thread; returns the mails queued by this call.
  std::int64_t run(std::int64_t job_id) const;
  // One batch; false when the job is finished (or gone).
  bool run_batch(std::int64_t job_id, std::int64_t& queued) const;

 private:
  db::Database& db_;
  const Notifier& notifier_;
  Post post_;
  std::size_t batch_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  mutable std::set<std::int64_t> running_;
};

}  // namespace qt::notify
