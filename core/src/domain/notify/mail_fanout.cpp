#include "domain/notify/mail_fanout.hpp"

#include <algorithm>

#include "domain/content/sql.hpp"
#include "domain/content/store.hpp"
#include "platform/log/log.hpp"
#include "platform/db/transaction.hpp"

namespace qt::notify {

std::int64_t MailFanout::record(soci::session& s, std::int64_t content_id, const std::vector<std::int64_t>& ids) const {
  if (ids.empty()) return 0;
  const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
  const std::int64_t first = *lo, last = *hi, done = *lo - 1, t = content::now_ms();
  std::int64_t id = 0;
  s << "INSERT INTO urgent_mail_jobs (content_id, first_notification_id, last_notification_id, done_through, created_at)"
       " VALUES (:c, :f, :l, :d, :t) RETURNING id",
      soci::use(content_id, "c"), soci::use(first, "f"), soci::use(last, "l"), soci::use(done, "d"), soci::use(t, "t"),
      soci::into(id);
  return id;
}

void MailFanout::start(std::int64_t job_id) const {
  if (job_id == 0) return;
  {
    std::lock_guard lock(mu_);
    if (!running_.insert(job_id).second) return;
  }
  post_([this, job_id] {
    run(job_id);
    std::lock_guard lock(mu_);
    running_.erase(job_id);
  });
}

void MailFanout::resume_all() const {
  std::vector<std::int64_t> open;
  {
    auto lease = db_.read();
    std::int64_t id = 0;
    soci::statement st =
        (lease->prepare << "SELECT id FROM urgent_mail_jobs WHERE finished_at IS NULL ORDER BY id", soci::into(id));
    st.execute();
    while (st.fetch()) open.push_back(id);
  }
  for (auto id : open) {
    log::info("resuming urgent mail job", {{"job", id}});
    start(id);
  }
}

std::int64_t MailFanout::run(std::int64_t job_id) const {
  std::int64_t queued = 0;
  try {
    while (run_batch(job_id, queued)) {
      if (stopping_) {
        log::info("urgent mail job paused for shutdown", {{"job", job_id}, {"mails", queued}});
        return queued;
      }
    }
    log::info("urgent mail job finished", {{"job", job_id}, {"mails", queued}});
  } catch (const std::exception& e) {
    // Progress so far is committed; the job stays open and is resumed at the next start.
    log::error("urgent mail job failed; it resumes at the next start",
               {{"job", job_id}, {"mails", queued}, {"error", e.what()}});
  }
  return queued;
}

bool MailFanout::run_batch(std::int64_t job_id, std::int64_t& queued) const {
  auto lease = db_.write();
  db::Transaction tx(*lease);
  std::int64_t content_id = 0, last = 0, done = 0, finished = 0;
  soci::indicator finished_ind = soci::i_null;
  *lease << "SELECT content_id, last_notification_id, done_through, finished_at FROM urgent_mail_jobs WHERE id = :j",
      soci::use(job_id, "j"), soci::into(content_id), soci::into(last), soci::into(done),
      soci::into(finished, finished_ind);
  if (!lease->got_data() || finished_ind == soci::i_ok) return false;

  std::vector<std::int64_t> ids;
  {
    const std::int64_t lim = static_cast<std::int64_t>(batch_);
    std::int64_t id = 0;
    soci::statement st = (lease->prepare << "SELECT id FROM notifications WHERE id > :d AND id <= :l AND content_id = :c"
                                            " AND urgent = 1 AND mailed_at IS NULL ORDER BY id LIMIT :n",
                          soci::use(done, "d"), soci::use(last, "l"), soci::use(content_id, "c"), soci::use(lim, "n"),
                          soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  const std::int64_t t = content::now_ms();
  const bool finishing = ids.size() < batch_;
  const std::int64_t new_done = ids.empty() ? last : ids.back();
  const std::int64_t n = static_cast<std::int64_t>(ids.size());
  soci::indicator fin_ind = finishing ? soci::i_ok : soci::i_null;
  // Claim the batch: only the runner that still sees the old progress moves it on (PostgreSQL
  // makes a second node wait on the row and then find it changed).
  soci::statement claim = (lease->prepare << "UPDATE urgent_mail_jobs SET done_through = :nd, queued = queued + :n,"
                                             " finished_at = :f WHERE id = :j AND done_through = :od AND finished_at IS NULL",
                           soci::use(new_done, "nd"), soci::use(n, "n"), soci::use(t, fin_ind, "f"),
                           soci::use(job_id, "j"), soci::use(done, "od"));
  claim.execute(true);
  if (claim.get_affected_rows() != 1) return true;  // someone else took it: read the progress again

  if (!ids.empty()) {
    const auto list = notifier_.load(*lease, ids);
    if (const auto& hook = notifier_.mail().urgent_on) hook(*lease, list);
    content::sql::IdList l("m", ids);
    auto p = (lease->prepare << "UPDATE notifications SET mailed_at = :t WHERE id IN " << l.placeholders(),
              soci::use(t, "t"));
    l.bind(p);
    soci::statement st(p);
    st.execute(true);
  }
  tx.commit();
  queued += n;
  return !finishing;
}

}  // namespace qt::notify
