#pragma once
// Durable jobs: one-off jobs and periodic schedules kept in the database (durable_jobs), so they
// survive restarts and run once per cluster. Every node ticks: it picks due rows whose handler it
// has and claims each with a conditional UPDATE (lease_until < now) that only one node can win, on
// SQLite and on PostgreSQL alike; it then runs the handler on a job thread (never an HTTP thread)
// and records the outcome. A failure is retried with exponential backoff up to max_attempts; a
// one-off job then becomes "failed" (an admin can retry it), a schedule waits for its next slot.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/jobs/scheduler.hpp"

namespace qt::jobs {

struct DurableSettings {
  std::int64_t lease_ms = 5LL * 60 * 1000;  // a claim holds a job this long (a crashed node)
  std::int64_t retry_base_ms = 1000;        // 1 s, 2 s, 4 s, ...
  std::int64_t retry_cap_ms = 60LL * 60 * 1000;  // ... at most 1 h apart
  int default_max_attempts = 5;
  std::chrono::milliseconds poll{250};  // how often a node looks for due jobs
  int batch = 16;                       // jobs claimed per tick
  std::string node;                     // empty = "<host name>:<pid>"
};

// What a handler is told about the run.
struct JobRun {
  std::int64_t id = 0;
  std::string name;  // "<owner>.<handler>"
  std::string payload;
  std::int64_t due_at = 0;
  int attempt = 1;
  bool periodic = false;
  std::string node;
};

// A job row as the admin API shows it.
struct JobRow {
  std::int64_t id = 0;
  std::string owner, name, payload, state, last_error, last_node, lease_node;
  std::int64_t interval_ms = 0, run_at = 0, attempts = 0, max_attempts = 0, runs = 0, failures = 0;
  std::optional<std::int64_t> last_run_at, last_ok_at;
  std::int64_t lease_until = 0, created_at = 0;
};

// Thrown by a handler that cannot run now (its plugin is stopping): the claim is given back
// without counting an attempt.
class Postpone : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Durable {
 public:
  // Throws to fail the run; the exception's text becomes the job's last error.
  using Handler = std::function<void(const JobRun&)>;

  Durable(db::Database& db, Scheduler& scheduler, DurableSettings settings = {});
  ~Durable();
  Durable(const Durable&) = delete;
  Durable& operator=(const Durable&) = delete;

  // Binds a handler on this node. Throws std::invalid_argument for a name bound twice.
  void handle(const std::string& name, Handler handler);
  bool has_handler(const std::string& name) const;

  // Stores a one-off job on s (the caller's transaction) and returns its id.
  std::int64_t enqueue(soci::session& s, const std::string& owner, const std::string& name,
                       const std::string& payload, std::int64_t run_at_ms, int max_attempts);
  // Creates or updates the schedule `name` (kept in memory until start(), then written).
  void schedule(const std::string& owner, const std::string& name, std::int64_t interval_ms,
                const std::string& payload);

  // Writes pending schedules and starts ticking on the scheduler; stop() ends the ticks and
  // gives back this node's claims on jobs that have not started.
  void start();
  void stop();
  // One tick: claims due jobs and posts them to the job threads; returns how many.
  int tick();

  // Admin: newest first, optionally of one state; retry_now makes a failed or pending job due
  // now with fresh attempts (false: no such job, or it is done).
  std::vector<JobRow> list(const std::string& state, int limit);
  std::optional<JobRow> get(std::int64_t id);
  bool retry_now(std::int64_t id);

  const std::string& node() const { return settings_.node; }
  static std::int64_t now_ms();
  // Delay before the next try after `attempts` failed ones.
  std::int64_t backoff_ms(std::int64_t attempts) const;

 private:
  struct Schedule {
    std::string owner, name, payload;
    std::int64_t interval_ms;
  };
  std::vector<JobRun> claim_due();
  void run(const JobRun& job);
  void record_success(const JobRun& job, std::int64_t started);
  void record_failure(const JobRun& job, std::int64_t started, std::string why);
  void give_back(std::int64_t id);
  void write_schedule(const Schedule& s);

  db::Database& db_;
  Scheduler& scheduler_;
  DurableSettings settings_;
  mutable std::mutex mutex_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::vector<Schedule> pending_schedules_;
  bool started_ = false;
  std::uint64_t timer_ = 0;
  std::atomic<bool> ticking_{false};
};

}  // namespace qt::jobs
