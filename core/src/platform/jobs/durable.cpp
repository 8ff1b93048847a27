// Durable jobs: handlers, the tick, running a claimed job (durable_store.cpp has the SQL).
#include "platform/jobs/durable.hpp"

#include <unistd.h>

#include <chrono>
#include <exception>

#include "platform/log/log.hpp"

namespace qt::jobs {
namespace {

std::string default_node() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "node") + ":" + std::to_string(getpid());
}

}  // namespace

Durable::Durable(db::Database& db, Scheduler& scheduler, DurableSettings settings)
    : db_(db), scheduler_(scheduler), settings_(std::move(settings)) {
  if (settings_.node.empty()) settings_.node = default_node();
}

Durable::~Durable() = default;

std::int64_t Durable::now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t Durable::backoff_ms(std::int64_t attempts) const {
  std::int64_t d = settings_.retry_base_ms;
  for (std::int64_t i = 1; i < attempts && d < settings_.retry_cap_ms; ++i) d *= 2;
  return std::min(d, settings_.retry_cap_ms);
}

void Durable::handle(const std::string& name, Handler handler) {
  std::lock_guard lock(mutex_);
  if (!handlers_.emplace(name, std::move(handler)).second)
    throw std::invalid_argument("job handler '" + name + "' is bound already");
}

bool Durable::has_handler(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return handlers_.count(name) > 0;
}

void Durable::schedule(const std::string& owner, const std::string& name, std::int64_t interval_ms,
                       const std::string& payload) {
  Schedule s{owner, name, payload, interval_ms};
  {
    std::lock_guard lock(mutex_);
    if (!started_) {
      pending_schedules_.push_back(std::move(s));
      return;
    }
  }
  write_schedule(s);
}

void Durable::start() {
  std::vector<Schedule> pending;
  {
    std::lock_guard lock(mutex_);
    if (started_) return;
    started_ = true;
    pending.swap(pending_schedules_);
  }
  for (const auto& s : pending) write_schedule(s);
  timer_ = scheduler_.every(settings_.poll, "durable-jobs", [this] { tick(); });
}

void Durable::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!started_) return;
    started_ = false;
  }
  scheduler_.cancel(timer_);
  try {
    auto lease = db_.write();
    const std::string node = settings_.node;
    lease.session() << "UPDATE durable_jobs SET lease_until = 0, lease_node = '' "
                       "WHERE lease_node = :node AND state = 'pending'",
        soci::use(node);
  } catch (const std::exception& e) {
    log::warn("durable jobs: could not give back this node's claims; they pass when the lease ends",
              {{"error", e.what()}});
  }
}

int Durable::tick() {
  // One tick at a time per node: a slow database must not pile ticks up.
  if (ticking_.exchange(true)) return 0;
  struct Reset {
    std::atomic<bool>& f;
    ~Reset() { f = false; }
  } reset{ticking_};
  std::vector<JobRun> claimed;
  try {
    claimed = claim_due();
  } catch (const std::exception& e) {
    log::warn("durable jobs: looking for due jobs failed", {{"error", e.what()}});
    return 0;
  }
  for (auto& job : claimed) scheduler_.post([this, job] { run(job); });
  return static_cast<int>(claimed.size());
}

void Durable::run(const JobRun& job) {
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    auto it = handlers_.find(job.name);
    if (it != handlers_.end()) handler = it->second;
  }
  const std::int64_t started = now_ms();
  try {
    if (!handler) throw Postpone("no handler on this node");
    handler(job);
  } catch (const Postpone&) {
    give_back(job.id);
    return;
  } catch (const std::exception& e) {
    record_failure(job, started, e.what());
    return;
  } catch (...) {
    record_failure(job, started, "unknown error");
    return;
  }
  record_success(job, started);
}

}  // namespace qt::jobs
