// An urgent announcement's mails: the request records a job and returns; the job queues the
// mails in batches, resumable after a stop, never twice (SQLite and PostgreSQL).
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <mutex>
#include <set>

#include "domain/notify/mail_fanout.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/stream/actions.hpp"
#include "platform/live/hub.hpp"
#include "stream_fixture.hpp"

using qt::test::StreamDb;

namespace {

std::int64_t scalar(StreamDb& d, const std::string& sql) {
  auto r = d.db->read();
  std::int64_t n = 0;
  *r << sql, soci::into(n);
  return n;
}

}  // namespace

TEST_CASE("urgent announcement mails are a resumable background job", "[db][stream][announce][fanout]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    qt::test::StreamWorld world(t);
    auto& d = world.d;
    auto& actions = world.actions;
    auto& hub = world.hub;
    auto& notifier = world.notifier;
    const auto nb = d.neighbourhood("nord"), other = d.neighbourhood("sued");
    const auto amt = d.user("amt", nb, "staff");
    std::vector<std::int64_t> north;
    for (int i = 0; i < 23; ++i) north.push_back(d.user("n" + std::to_string(i), nb));
    const auto south = d.user("s0", other);

    std::mutex mu;
    std::multiset<std::int64_t> mailed;  // recipients, counted: nobody twice
    qt::notify::MailHooks hooks;
    hooks.urgent_on = [&](soci::session& s, const std::vector<qt::notify::Notification>& l) {
      // Queued in the job's transaction: a row in mail_queue per mail, like the real outbox.
      for (const auto& n : l) {
        const std::int64_t at = qt::content::now_ms();
        const std::string to = "u" + std::to_string(n.user_id) + "@example.org";
        s << "INSERT INTO mail_queue (to_address, subject, body_text, created_at, next_attempt_at)"
             " VALUES (:a, 'urgent', 'x', :t, :t2)",
            soci::use(to, "a"), soci::use(at, "t"), soci::use(at, "t2");
        std::lock_guard l2(mu);
        mailed.insert(n.user_id);
      }
    };
    notifier.set_mail(hooks);
    // The request's side: background jobs are only collected, never run, so whatever the test
    // sees right after announce() is what the request itself did.
    std::vector<std::function<void()>> posted;
    qt::notify::MailFanout fanout(*d.db, notifier, [&](std::function<void()> f) { posted.push_back(std::move(f)); }, 5);
    actions.set_mail_fanout(&fanout);

    std::vector<std::string> frames;
    hub.on_open(north[0], [&](std::string f) { frames.push_back(std::move(f)); });
    qt::stream::AnnouncementInput in;
    in.neighbourhood_id = nb;
    in.title = "Wasserrohrbruch";
    in.body = "Bitte Leitungswasser abkochen.";
    in.urgent = true;
    const auto id = actions.announce(d.viewer(amt, qt::Role::staff), in);

    // The request queued no mail; it stored one job and handed it to the background.
    CHECK(mailed.empty());
    CHECK(scalar(d, "SELECT COUNT(*) FROM mail_queue") == 0);
    CHECK(scalar(d, "SELECT COUNT(*) FROM urgent_mail_jobs WHERE finished_at IS NULL") == 1);
    CHECK(posted.size() == 1);
    // Live delivery did not wait: the online resident has the content event and the notification.
    auto count = [&](const std::string& type) {
      return std::count_if(frames.begin(), frames.end(),
                           [&](const std::string& f) { return f.find("\"type\":\"" + type + "\"") != std::string::npos; });
    };
    CHECK(count("notification") == 1);
    CHECK(count("content") == 1);

    // Two batches run, then the process "stops" (the posted job is dropped, never run).
    std::int64_t job = 0;
    {
      auto r = d.db->read();
      *r << "SELECT id FROM urgent_mail_jobs", soci::into(job);
    }
    std::int64_t done = 0;
    CHECK(fanout.run_batch(job, done));
    CHECK(fanout.run_batch(job, done));
    CHECK(done == 10);
    CHECK(mailed.size() == 10);
    CHECK(scalar(d, "SELECT COUNT(*) FROM mail_queue") == 10);

    // A new process resumes the job from the database and finishes it.
    qt::notify::MailFanout restarted(*d.db, notifier, [](std::function<void()> f) { f(); }, 5);
    restarted.resume_all();
    CHECK(mailed.size() == north.size());  // every resident of the north, not the author, not the south
    for (auto u : north) CHECK(mailed.count(u) == 1);
    CHECK(mailed.count(amt) == 0);
    CHECK(mailed.count(south) == 0);
    CHECK(scalar(d, "SELECT COUNT(*) FROM mail_queue") == static_cast<std::int64_t>(north.size()));
    CHECK(scalar(d, "SELECT COUNT(*) FROM urgent_mail_jobs WHERE finished_at IS NULL") == 0);
    CHECK(scalar(d, "SELECT queued FROM urgent_mail_jobs") == static_cast<std::int64_t>(north.size()));
    CHECK(scalar(d, "SELECT COUNT(*) FROM notifications WHERE urgent = 1 AND mailed_at IS NULL") == 0);

    // The job handed to the background by the request, run late: finds nothing left, sends nothing twice.
    for (auto& f : posted) f();
    CHECK(mailed.size() == north.size());
    restarted.resume_all();
    CHECK(mailed.size() == north.size());
    auto r = d.db->read();
    CHECK(notifier.list(*r, north[3], 0, 10, true).front().content_id == id);
  });
}
