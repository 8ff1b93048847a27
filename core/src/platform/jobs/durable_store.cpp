// Durable jobs: the SQL on durable_jobs (same statements on SQLite and PostgreSQL).
#include <algorithm>

#include "platform/db/row_reader.hpp"
#include "platform/jobs/durable.hpp"
#include "platform/log/log.hpp"

namespace qt::jobs {
namespace {

constexpr std::size_t kErrorMax = 500;

const char* kColumns =
    "id, owner, name, payload, state, last_error, last_node, lease_node, interval_ms, run_at, attempts, "
    "max_attempts, runs, failures, last_run_at, last_ok_at, lease_until, created_at";

JobRow row_from(const db::RowReader& r) {
  JobRow j;
  j.id = r.i64(0);
  j.owner = r.text(1);
  j.name = r.text(2);
  j.payload = r.text(3);
  j.state = r.text(4);
  j.last_error = r.text(5);
  j.last_node = r.text(6);
  j.lease_node = r.text(7);
  j.interval_ms = r.i64(8);
  j.run_at = r.i64(9);
  j.attempts = r.i64(10);
  j.max_attempts = r.i64(11);
  j.runs = r.i64(12);
  j.failures = r.i64(13);
  if (!r.is_null(14)) j.last_run_at = r.i64(14);
  if (!r.is_null(15)) j.last_ok_at = r.i64(15);
  j.lease_until = r.i64(16);
  j.created_at = r.i64(17);
  return j;
}

// The next slot of a schedule after `due`: on the grid of its first run, after now.
std::int64_t next_slot(std::int64_t due, std::int64_t interval, std::int64_t now) {
  if (interval <= 0) return now;
  if (due > now) return due + interval;
  return due + ((now - due) / interval + 1) * interval;
}

}  // namespace

std::int64_t Durable::enqueue(soci::session& s, const std::string& owner, const std::string& name,
                              const std::string& payload, std::int64_t run_at_ms, int max_attempts) {
  const long long now = now_ms();
  const long long run_at = std::max<long long>(run_at_ms, now);
  const long long max = max_attempts > 0 ? max_attempts : settings_.default_max_attempts;
  long long id = 0;
  s << "INSERT INTO durable_jobs (owner, name, payload, state, run_at, max_attempts, created_at) "
       "VALUES (:owner, :name, :payload, 'pending', :run_at, :max, :now) RETURNING id",
      soci::use(owner), soci::use(name), soci::use(payload), soci::use(run_at), soci::use(max), soci::use(now),
      soci::into(id);
  return id;
}

// One row per schedule name: the first node creates it, due now; later registrations (restarts,
// other nodes) update interval and payload and keep the slot grid.
void Durable::write_schedule(const Schedule& sc) {
  const long long now = now_ms();
  const long long interval = sc.interval_ms;
  const long long max = settings_.default_max_attempts;
  auto lease = db_.write();
  lease.session() << "INSERT INTO durable_jobs (owner, name, schedule_key, payload, interval_ms, state, run_at, "
                     "max_attempts, created_at) VALUES (:owner, :name, :key, :payload, :interval, 'pending', :now, "
                     ":max, :created) ON CONFLICT (schedule_key) DO UPDATE SET interval_ms = excluded.interval_ms, "
                     "payload = excluded.payload",
      soci::use(sc.owner), soci::use(sc.name), soci::use(sc.name), soci::use(sc.payload), soci::use(interval),
      soci::use(now), soci::use(max), soci::use(now);
}

// Due rows with a handler on this node, each claimed with a conditional UPDATE: of two nodes
// that saw the same row, only one changes it (the other's WHERE no longer holds).
std::vector<JobRun> Durable::claim_due() {
  const long long now = now_ms();
  std::vector<JobRun> due;
  {
    auto lease = db_.read();
    db::RowReader r(lease.session(),
                    "SELECT id, name, payload, run_at, attempts, interval_ms FROM durable_jobs "
                    "WHERE state = 'pending' AND run_at <= :now AND lease_until < :now2 ORDER BY run_at, id LIMIT 200");
    r.bind(now).bind(now);
    while (r.next()) {
      JobRun j;
      j.id = r.i64(0);
      j.name = r.text(1);
      if (!has_handler(j.name)) continue;
      j.payload = r.text(2);
      j.due_at = r.i64(3);
      j.attempt = static_cast<int>(r.i64(4)) + 1;
      j.periodic = r.i64(5) > 0;
      j.node = settings_.node;
      due.push_back(std::move(j));
      if (static_cast<int>(due.size()) >= settings_.batch) break;
    }
  }
  if (due.empty()) return due;
  std::vector<JobRun> claimed;
  auto lease = db_.write();
  const long long until = now + settings_.lease_ms;
  for (auto& j : due) {
    const long long id = j.id, run_at = j.due_at;
    soci::statement st = (lease.session().prepare << "UPDATE durable_jobs SET lease_until = :until, lease_node = :node "
                                                     "WHERE id = :id AND state = 'pending' AND run_at = :run_at "
                                                     "AND lease_until < :now",
                          soci::use(until), soci::use(settings_.node), soci::use(id), soci::use(run_at), soci::use(now));
    st.execute(true);
    if (st.get_affected_rows() == 1) claimed.push_back(std::move(j));
  }
  return claimed;
}

void Durable::record_success(const JobRun& job, std::int64_t started) {
  const long long now = now_ms(), id = job.id, start = started;
  auto lease = db_.write();
  auto& s = lease.session();
  if (job.periodic) {
    long long interval = 0;
    s << "SELECT interval_ms FROM durable_jobs WHERE id = :id", soci::use(id), soci::into(interval);
    const long long next = next_slot(job.due_at, interval, now);
    s << "UPDATE durable_jobs SET run_at = :next, attempts = 0, runs = runs + 1, last_run_at = :start, "
         "last_ok_at = :now, last_error = '', last_node = :node, lease_until = 0, lease_node = '' "
         "WHERE id = :id AND lease_node = :node2",
        soci::use(next), soci::use(start), soci::use(now), soci::use(settings_.node), soci::use(id),
        soci::use(settings_.node);
    return;
  }
  s << "UPDATE durable_jobs SET state = 'done', attempts = 0, runs = runs + 1, last_run_at = :start, "
       "last_ok_at = :now, last_error = '', last_node = :node, lease_until = 0, lease_node = '' "
       "WHERE id = :id AND lease_node = :node2",
      soci::use(start), soci::use(now), soci::use(settings_.node), soci::use(id), soci::use(settings_.node);
}

// Retries with backoff; after max_attempts a one-off job fails for good and a schedule moves on
// to its next slot with fresh attempts. The error stays for the admin either way.
void Durable::record_failure(const JobRun& job, std::int64_t started, std::string why) {
  if (why.size() > kErrorMax) why.resize(kErrorMax);
  log::warn("durable job failed", {{"job", job.name}, {"id", job.id}, {"attempt", job.attempt}, {"error", why}});
  const long long now = now_ms(), id = job.id, start = started;
  auto lease = db_.write();
  auto& s = lease.session();
  long long max = 0, interval = 0;
  s << "SELECT max_attempts, interval_ms FROM durable_jobs WHERE id = :id", soci::use(id), soci::into(max),
      soci::into(interval);
  long long attempts = job.attempt, next = now + backoff_ms(job.attempt);
  std::string state = "pending";
  if (attempts >= max) {
    if (job.periodic) {
      attempts = 0;
      next = next_slot(job.due_at, interval, now);
    } else {
      state = "failed";
      log::error("durable job given up after its attempts; see GET /api/admin/jobs, fix the cause and retry it",
                 {{"job", job.name}, {"id", job.id}, {"error", why}});
    }
  }
  s << "UPDATE durable_jobs SET state = :state, attempts = :attempts, run_at = :next, failures = failures + 1, "
       "last_run_at = :start, last_error = :why, last_node = :node, lease_until = 0, lease_node = '' "
       "WHERE id = :id AND lease_node = :node2",
      soci::use(state), soci::use(attempts), soci::use(next), soci::use(start), soci::use(why),
      soci::use(settings_.node), soci::use(id), soci::use(settings_.node);
}

void Durable::give_back(std::int64_t id) {
  const long long i = id;
  auto lease = db_.write();
  lease.session() << "UPDATE durable_jobs SET lease_until = 0, lease_node = '' WHERE id = :id AND lease_node = :node",
      soci::use(i), soci::use(settings_.node);
}

std::vector<JobRow> Durable::list(const std::string& state, int limit) {
  std::vector<JobRow> out;
  auto lease = db_.read();
  db::RowReader r(lease.session(), std::string("SELECT ") + kColumns +
                                       " FROM durable_jobs WHERE (:state = '' OR state = :state2) "
                                       "ORDER BY id DESC LIMIT :lim");
  r.bind(std::string_view(state)).bind(std::string_view(state)).bind(std::int64_t{std::clamp(limit, 1, 500)});
  while (r.next()) out.push_back(row_from(r));
  return out;
}

std::optional<JobRow> Durable::get(std::int64_t id) {
  auto lease = db_.read();
  db::RowReader r(lease.session(), std::string("SELECT ") + kColumns + " FROM durable_jobs WHERE id = :id");
  r.bind(id);
  if (r.next()) return row_from(r);
  return std::nullopt;
}

bool Durable::retry_now(std::int64_t id) {
  const long long i = id, now = now_ms();
  auto lease = db_.write();
  soci::statement st = (lease.session().prepare << "UPDATE durable_jobs SET state = 'pending', attempts = 0, run_at = :now "
                                                   "WHERE id = :id AND state IN ('failed', 'pending')",
                        soci::use(now), soci::use(i));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace qt::jobs
