// Recurrence through the real server on SQLite and PostgreSQL, computed by libical: a weekly
// series across the spring clock change keeps its local time (its UTC time moves), EXDATE
// skips a date, a single date is moved or cancelled (everyone who answered is told), a rule
// without end is bounded, and a series needs a date for an answer.
#include "calendar_fixture.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {
constexpr std::int64_t kMarch = 1772323200000;  // 2026-03-01T00:00Z
constexpr std::int64_t kMay = 1777593600000;    // 2026-05-01T00:00Z

std::vector<std::int64_t> starts(const boost::json::array& occ) {
  std::vector<std::int64_t> out;
  for (const auto& o : occ)
    if (!o.at("cancelled").as_bool()) out.push_back(o.at("starts_at").as_int64());
  return out;
}

bool notified(Person& p, const std::string& needle) {
  return p.get("/api/notifications").body.find(needle) != std::string::npos;
}
}  // namespace

TEST_CASE("recurrence: daylight saving, EXDATE, changed and cancelled dates, bounds", "[calendar][recurrence]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto trainer = s.person("trainer");
    auto mia = s.person("mia");
    const auto city = calendar_of(trainer, "city").at("id").as_int64();

    // Saturdays at 14:00 Berlin time, four times, the second one skipped; DST starts 2026-03-29.
    auto run = create_event(trainer, city, {{"title", "Lauftreff"}, {"starts", "2026-03-21T14:00"}, {"ends", "2026-03-21T15:00"},
                                            {"rrule", "FREQ=WEEKLY;COUNT=4"}, {"exdates", boost::json::array{"2026-03-28T14:00"}}});
    CHECK(run.at("occurrences").as_array().size() == 3);
    auto list = occurrences(*mia.http, kMarch, kMay);
    CHECK(starts(list) == std::vector<std::int64_t>{1774098000000, 1775304000000, 1775908800000});  // 13:00Z, then 12:00Z
    CHECK(list[0].at("recurring").as_bool());
    CHECK(list[0].at("ends_at").as_int64() - list[0].at("starts_at").as_int64() == 3600000);

    // A series needs the date answered; answers per date.
    CHECK(mia.send("PUT", epath(run, "/rsvp"), {{"status", "going"}}).error_code() == "invalid_occurrence");
    CHECK(mia.send("PUT", epath(run, "/rsvp"), {{"status", "going"}, {"occurrence", "20260328T140000"}}).status == 404);
    ok(mia.send("PUT", epath(run, "/rsvp"), {{"status", "going"}, {"occurrence", "20260404T140000"}}));

    // Moving one date (a later start that day) and cancelling another.
    CHECK(mia.send("PUT", epath(run, "/occurrences/20260411T140000"), {{"cancelled", true}}).error_code() == "not_organiser");
    ok(trainer.send("PUT", epath(run, "/occurrences/20260404T140000"),
                    {{"starts", "2026-04-04T17:00"}, {"ends", "2026-04-04T18:30"}, {"title", "Lauftreff am Abend"}}));
    list = occurrences(*mia.http, kMarch, kMay);
    REQUIRE(list.size() == 3);
    CHECK(list[1].at("starts_at").as_int64() == 1775314800000);  // 17:00 CEST = 15:00Z
    CHECK(list[1].at("changed").as_bool());
    CHECK(list[1].at("title").as_string() == "Lauftreff am Abend");
    ok(trainer.send("PUT", epath(run, "/occurrences/20260404T140000"), {{"cancelled", true}}));
    CHECK(notified(mia, "Fällt aus"));
    list = occurrences(*mia.http, kMarch, kMay);
    CHECK(list[1].at("cancelled").as_bool());
    CHECK(mia.send("PUT", epath(run, "/rsvp"), {{"status", "going"}, {"occurrence", "20260404T140000"}}).error_code() == "cancelled");
    CHECK(trainer.send("PUT", epath(run, "/occurrences/20991231T140000"), {{"cancelled", true}}).status == 404);
    CHECK(trainer.send("PUT", epath(run, "/occurrences/20260411T140000"), {{"starts", "2026-04-11T14:00"}}).error_code() == "invalid_ends");
    // Restoring it.
    CHECK(trainer.send("DELETE", epath(run, "/occurrences/20260404T140000")).status == 204);
    CHECK(starts(occurrences(*mia.http, kMarch, kMay)).size() == 3);

    // Autumn: all-day dates stay whole local days across the clock change (25 hours that day).
    auto markt = create_event(trainer, city, {{"title", "Herbstmarkt"}, {"all_day", true}, {"starts", "2026-10-24"},
                                              {"ends", "2026-10-25"}, {"rrule", "FREQ=YEARLY;COUNT=2"}});
    const auto& first = markt.at("occurrences").as_array()[0];
    CHECK(first.at("starts_at").as_int64() == 1792792800000);  // 2026-10-24T00:00 CEST
    CHECK(first.at("ends_at").as_int64() - first.at("starts_at").as_int64() == 49LL * 3600000);

    // A rule that never ends is bounded; so is one with a million occurrences.
    auto daily = create_event(trainer, city, {{"title", "Täglich"}, {"starts", "2026-01-01T08:00"}, {"ends", "2026-01-01T09:00"},
                                              {"rrule", "FREQ=DAILY"}});
    CHECK(daily.at("occurrences_truncated").as_bool());
    auto huge = create_event(trainer, city, {{"title", "Sehr oft"}, {"starts", "2026-01-01T08:00"}, {"ends", "2026-01-01T09:00"},
                                             {"rrule", "FREQ=DAILY;COUNT=1000000"}});
    CHECK(huge.at("occurrences_truncated").as_bool());
    CHECK(occurrences(*mia.http, kMarch, kMarch + 31LL * 86400000, "&category=other").size() >= 62);
  });
}
