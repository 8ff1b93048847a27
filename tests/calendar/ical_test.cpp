// iCal through the real server on SQLite and PostgreSQL, generated with libical and read back
// with an independent parser (Python's icalendar, tests/calendar/check_ics.py): time zones,
// recurrence, cancelled and changed dates; public feeds for public calendars only, private
// feeds by a secret per-person token that is revoked at once.
#include "calendar_fixture.hpp"
#include "ics_check.hpp"

using namespace qt::test;
using namespace qt::test::cal;

TEST_CASE("iCal: files and feeds validate with an independent parser", "[calendar][ical]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto anna = s.person("anna");
    auto ben = s.person("ben");
    const auto city = calendar_of(anna, "city").at("id").as_int64();
    auto run = create_event(anna, city, {{"title", "Lauftreff"}, {"starts", "2026-03-21T14:00"}, {"ends", "2026-03-21T15:00"},
                                         {"rrule", "FREQ=WEEKLY;COUNT=4"}, {"exdates", boost::json::array{"2026-03-28T14:00"}},
                                         {"address", "Stadtpark"}});
    ok(anna.send("PUT", epath(run, "/occurrences/20260411T140000"), {{"cancelled", true}}));
    ok(anna.send("PUT", epath(run, "/occurrences/20260404T140000"),
                 {{"starts", "2026-04-04T17:00"}, {"ends", "2026-04-04T18:00"}, {"title", "Abendlauf"}}));
    create_event(anna, city, {{"title", "Herbstmarkt"}, {"all_day", true}, {"starts", "2026-10-24"}, {"ends", "2026-10-25"}});

    auto one = parsed(s.server, ben.get(epath(run, "/event.ics")));
    CHECK(one.at("zones").as_array().size() == 1);
    CHECK(one.at("zones").as_array()[0].as_string() == "Europe/Berlin");
    const auto& master = by_summary(one, "Lauftreff");
    CHECK(master.at("start").as_string() == "2026-03-21T13:00:00Z");
    CHECK(master.at("zone").as_string().find("Europe/Berlin") != std::string::npos);
    CHECK(master.at("rrule").as_string() == "FREQ=WEEKLY;COUNT=4");
    CHECK(master.at("location").as_string() == "Stadtpark");
    // The skipped and the cancelled date are EXDATEs (in UTC: after the clock change, 12:00Z).
    CHECK(master.at("exdates").as_array() == boost::json::array{"2026-03-28T13:00:00Z", "2026-04-11T12:00:00Z"});
    const auto& moved = by_summary(one, "Abendlauf");
    CHECK(moved.at("recurrence_id").as_string() == "2026-04-04T12:00:00Z");
    CHECK(moved.at("start").as_string() == "2026-04-04T15:00:00Z");
    CHECK(moved.at("uid").as_string() == master.at("uid").as_string());

    // The city's public feed, anonymously, with both events; the all-day one as dates.
    auto anon = s.anonymous();
    auto feed = parsed(s.server, anon.get("/api/p/calendar/calendars/" + std::to_string(city) + "/calendar.ics"));
    CHECK(feed.at("events").as_array().size() == 3);
    CHECK(by_summary(feed, "Herbstmarkt").at("start").as_string() == "2026-10-24");
    CHECK(by_summary(feed, "Herbstmarkt").at("end").as_string() == "2026-10-26");
    CHECK(anon.get("/api/p/calendar/calendars/999999/calendar.ics").status == 404);

    // A private group's feed by a secret token: only for members, revoked at once.
    auto g = ok(anna.send("POST", "/api/p/groups/groups", {{"name", "Chor"}, {"visibility", "private"}, {"category", "verein"}}), 201);
    const auto chor = g.at("container_id").as_int64();
    create_event(anna, chor, {{"title", "Chorprobe"}});
    CHECK(ben.send("POST", "/api/p/calendar/feeds", {{"scope", "container"}, {"container_id", chor}}).status == 404);
    CHECK(ben.send("POST", "/api/p/calendar/feeds", {{"scope", "everything"}}).error_code() == "invalid_scope");
    auto sub = ok(anna.send("POST", "/api/p/calendar/feeds", {{"scope", "container"}, {"container_id", chor}}), 201);
    const auto path = std::string(sub.at("path").as_string());
    CHECK(std::string(sub.at("webcal").as_string()).rfind("webcal://", 0) == 0);
    auto group_feed = parsed(s.server, anon.get(path));
    REQUIRE(group_feed.at("events").as_array().size() == 1);
    CHECK(group_feed.at("name").as_string() == "Chor");
    // Never in the public feeds.
    CHECK(anon.get("/api/p/calendar/calendars/" + std::to_string(chor) + "/calendar.ics").status == 404);
    CHECK(anon.get("/api/p/calendar/subscriptions/" + std::string(64, 'a') + "/calendar.ics").status == 404);
    auto mine = ok(anna.send("POST", "/api/p/calendar/feeds", {{"scope", "mine"}}), 201);
    CHECK(parsed(s.server, anon.get(std::string(mine.at("path").as_string()))).at("events").as_array().size() == 4);
    auto feeds = ok(anna.get("/api/p/calendar/feeds")).at("feeds").as_array();
    CHECK(feeds.size() == 2);
    CHECK(feeds[0].as_object().count("path") == 0);  // the secret is shown once
    CHECK(ben.send("DELETE", "/api/p/calendar/feeds/" + std::to_string(sub.at("id").as_int64())).status == 404);
    CHECK(anna.send("DELETE", "/api/p/calendar/feeds/" + std::to_string(sub.at("id").as_int64())).status == 204);
    CHECK(anon.get(path).status == 404);
  });
}
