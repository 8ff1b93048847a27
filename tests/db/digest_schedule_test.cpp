// When digests go out (notify/digest_schedule.hpp): the daily one once per day from the
// configured local hour, the weekly one once per week from Monday at that hour; catching up
// after downtime, never twice, also not from a second node (or after a restart).
#include <catch2/catch.hpp>

#include <ctime>
#include <map>

#include "domain/notify/digest_schedule.hpp"
#include "domain/notify/notifier.hpp"
#include "platform/live/hub.hpp"
#include "stream_fixture.hpp"

using qt::test::StreamDb;
using Strings = std::vector<std::string>;

namespace {

// Local time on a given day of November 2026 (the 23rd is a Monday).
std::chrono::system_clock::time_point at(int day, int hour, int minute = 0) {
  std::tm t{};
  t.tm_year = 2026 - 1900;
  t.tm_mon = 10;
  t.tm_mday = day;
  t.tm_hour = hour;
  t.tm_min = minute;
  t.tm_isdst = -1;
  return std::chrono::system_clock::from_time_t(std::mktime(&t));
}

}  // namespace

TEST_CASE("digests go out once per day and week from the configured hour", "[db][digest]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb w(t);
    const auto nb = w.neighbourhood("mitte");
    const auto anna = w.user("anna", nb);
    qt::live::Hub hub;
    qt::notify::Notifier notifier(*w.db, *w.store, hub);
    std::map<std::int64_t, int> mails;
    qt::notify::MailHooks hooks;
    hooks.digest = [&](std::int64_t uid, const std::vector<qt::notify::Notification>&) { ++mails[uid]; };
    notifier.set_mail(hooks);
    auto note = [&] {
      qt::notify::NewNotification n;
      n.user_id = anna;
      n.kind = "comment";
      n.link = "/content/1";
      notifier.notify(n);
    };
    qt::notify::DigestSchedule schedule(*w.db, notifier, 7);
    qt::notify::DigestSchedule other_node(*w.db, notifier, 7);

    note();
    // Thursday the 19th, 06:30: this week's weekly is due (since Monday 07:00), the daily not yet.
    CHECK(schedule.tick(at(19, 6, 30)) == Strings{"weekly"});
    CHECK(mails[anna] == 0);  // anna's setting is daily
    CHECK(schedule.tick(at(19, 7, 0)) == Strings{"daily"});
    CHECK(mails[anna] == 1);
    note();
    CHECK(schedule.tick(at(19, 12, 0)).empty());
    CHECK(other_node.tick(at(19, 23, 59)).empty());
    CHECK(mails[anna] == 1);
    // Down all Friday, back on Saturday afternoon: Saturday's daily goes out once.
    CHECK(other_node.tick(at(21, 15, 0)) == Strings{"daily"});
    CHECK(schedule.tick(at(21, 15, 1)).empty());
    CHECK(mails[anna] == 2);
    // Monday the 23rd: not before 07:00, then both.
    CHECK(schedule.tick(at(23, 6, 59)).empty());
    CHECK(schedule.tick(at(23, 7, 0)) == Strings{"daily", "weekly"});
    CHECK(schedule.tick(at(24, 6, 0)).empty());
  });
}
