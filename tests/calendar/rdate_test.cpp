// RDATE (RFC 5545 extra dates) through the real server on SQLite and PostgreSQL: extra dates of
// an event made here expand in the month/week list beside the RRULE's (each date once), EXDATE
// still removes one, RDATEs alone make a series; a period or a time zone in the API is refused
// in words and stores nothing; the iCal export carries them (read back with Python's
// icalendar); an imported feed's RDATEs in other zones, in UTC, as dates and as a PERIOD with
// its own end are taken, an RDATE that cannot be one skips its event with the reason.
#include "calendar_fixture.hpp"
#include "ics_check.hpp"
#include "ics_origin.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {

const std::string kApi = "/api/p/calendar";
constexpr std::int64_t kAugust = 1785542400000;  // 2026-08-01T00:00Z

std::vector<std::int64_t> starts(const boost::json::array& occ, const std::string& title) {
  std::vector<std::int64_t> out;
  for (const auto& o : occ)
    if (o.at("title").as_string() == title) out.push_back(o.at("starts_at").as_int64());
  return out;
}

boost::json::array as_array(std::initializer_list<const char*> v) {
  boost::json::array a;
  for (const auto* x : v) a.push_back(boost::json::value(x));
  return a;
}

}  // namespace

TEST_CASE("RDATE: extra dates expand beside the rule, EXDATE removes, export carries them", "[calendar][rdate]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto anna = s.person("anna");
    auto ben = s.person("ben");
    const auto city = calendar_of(anna, "city").at("id").as_int64();

    // Weekly on Tuesdays (2, 9, 16 June; the 16th excluded), plus a Saturday, a date the rule
    // has anyway (once only) and one in July.
    auto yoga = create_event(anna, city, {{"title", "Yoga"}, {"starts", "2026-06-02T18:00"}, {"ends", "2026-06-02T19:00"},
                                          {"rrule", "FREQ=WEEKLY;COUNT=3"}, {"exdates", as_array({"2026-06-16T18:00"})},
                                          {"rdates", as_array({"2026-06-20T10:00", "2026-06-09T18:00", "2026-07-04T18:00"})}});
    CHECK(yoga.at("recurring").as_bool());
    CHECK(yoga.at("rdates").as_array().size() == 3);
    CHECK(starts(occurrences(*ben.http, kJune, kJuly), "Yoga") ==
          std::vector<std::int64_t>{1780416000000, 1781020800000, 1781942400000});
    CHECK(starts(occurrences(*ben.http, kJuly, kAugust), "Yoga") == std::vector<std::int64_t>{1783180800000});
    // An extra date is a date of the series like the others: answered, cancelled by itself.
    ok(ben.send("PUT", epath(yoga, "/rsvp"), {{"status", "going"}, {"occurrence", "20260620T100000"}}));
    ok(anna.send("PUT", epath(yoga, "/occurrences/20260704T180000"), {{"cancelled", true}}));

    // RDATEs alone: DTSTART and the extra dates, EXDATE removes one of them.
    auto reading = create_event(anna, city, {{"title", "Lesung"}, {"starts", "2026-06-05T19:00"}, {"ends", "2026-06-05T20:30"},
                                             {"rdates", as_array({"2026-06-12T19:00", "2026-06-26T19:00"})},
                                             {"exdates", as_array({"2026-06-12T19:00"})}});
    CHECK(starts(occurrences(*ben.http, kJune, kJuly), "Lesung") == std::vector<std::int64_t>{1780678800000, 1782493200000});
    CHECK(ben.send("PUT", epath(reading, "/rsvp"), {{"status", "going"}}).error_code() == "invalid_occurrence");
    // Changing the extra dates expands again.
    ok(anna.send("PATCH", epath(reading), {{"rdates", as_array({"2026-06-26T19:00"})}, {"exdates", boost::json::array{}}}));
    CHECK(starts(occurrences(*ben.http, kJune, kJuly), "Lesung").size() == 2);
    create_event(anna, city, {{"title", "Markt"}, {"all_day", true}, {"starts", "2026-06-06"}, {"ends", "2026-06-06"},
                              {"rdates", as_array({"2026-06-27"})}});

    // The export, read by an independent parser: RDATEs in UTC (all-day as dates), the cancelled
    // extra date an EXDATE.
    auto one = parsed(s.server, ben.get(epath(yoga, "/event.ics")));
    const auto& master = by_summary(one, "Yoga");
    CHECK(master.at("rrule").as_string() == "FREQ=WEEKLY;COUNT=3");
    CHECK(master.at("rdates").as_array() ==
          as_array({"2026-06-09T16:00:00Z", "2026-06-20T08:00:00Z", "2026-07-04T16:00:00Z"}));
    CHECK(master.at("exdates").as_array() == as_array({"2026-06-16T16:00:00Z", "2026-07-04T16:00:00Z"}));
    auto feed = parsed(s.server, s.anonymous().get(kApi + "/calendars/" + std::to_string(city) + "/calendar.ics"));
    CHECK(by_summary(feed, "Lesung").at("rdates").as_array() == as_array({"2026-06-26T17:00:00Z"}));
    CHECK(by_summary(feed, "Lesung").at("rrule").as_string().empty());
    CHECK(by_summary(feed, "Markt").at("rdates").as_array() == as_array({"2026-06-27"}));
  });
}

TEST_CASE("RDATE: a period, a zone or a malformed date is refused in words and stores nothing", "[calendar][rdate][errors]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto anna = s.person("anna");
    const auto city = calendar_of(anna, "city").at("id").as_int64();
    auto refuse = [&](boost::json::value rdates, bool all_day, const std::string& says) {
      boost::json::object body{{"container_id", city}, {"title", "Test"}, {"rdates", rdates}, {"all_day", all_day},
                               {"starts", all_day ? "2026-06-06" : "2026-06-06T14:00"}, {"ends", all_day ? "2026-06-06" : "2026-06-06T15:00"}};
      auto r = anna.send("POST", kApi + "/events", body);
      INFO(r.body);
      CHECK(r.status == 400);
      CHECK(r.error_code() == "invalid_rdates");
      CHECK(r.json().at("error").at("message").as_string().find(says) != std::string::npos);
    };
    refuse(as_array({"2026-06-20T10:00/2026-06-20T12:00"}), false, "PERIOD");
    refuse(as_array({"2026-06-20T10:00Z"}), false, "without Z");
    refuse(as_array({"2026-06-20T10:00+02:00"}), false, "without Z");
    refuse(as_array({"morgen"}), false, "YYYY-MM-DDTHH:MM");
    refuse(as_array({"2026-06-20T10:00"}), true, "YYYY-MM-DD");
    refuse(boost::json::value("2026-06-20T10:00"), false, "list");
    CHECK(occurrences(*anna.http, kJune, kJuly).empty());
  });
}

TEST_CASE("RDATE: an imported feed's extra dates in any zone, as dates and as a period", "[calendar][rdate][imports]") {
  for_each_dialect([](const DbTarget& target) {
    IcsOrigin origin;
    CalendarServer s(target.url, "[plugins.calendar]\nhttp_allow = [\"127.0.0.1\"]\n");
    auto stella = s.person("stella", "staff");
    const auto city = calendar_of(stella, "city").at("id").as_int64();
    origin.mode("rdates");
    auto imp = ok(stella.send("POST", kApi + "/calendars/" + std::to_string(city) + "/imports", {{"url", origin.feed()}}), 201);
    CHECK(imp.at("events").as_int64() == 2);
    CHECK(imp.at("skipped").as_int64() == 2);
    const auto why = boost::json::serialize(imp.at("skipped_reasons"));
    CHECK(why.find("gemischt@stadt.example: an RDATE without a time") != std::string::npos);
    CHECK(why.find("mars@stadt.example: unknown time zone 'Mars/Olympus'") != std::string::npos);

    // The rule's two Wednesdays; RDATEs in Berlin (the 27th excluded), in UTC, in New York (in
    // July) and a PERIOD of three hours instead of two.
    const auto june = occurrences(*stella.http, kJune, kJuly);
    CHECK(starts(june, "Chorprobe") ==
          std::vector<std::int64_t>{1780506000000, 1781110800000, 1781355600000, 1781960400000, 1782320400000});
    CHECK(starts(occurrences(*stella.http, kJuly, kAugust), "Chorprobe") == std::vector<std::int64_t>{1782921600000});
    for (const auto& o : june)
      if (o.at("starts_at").as_int64() == 1782320400000) CHECK(o.at("ends_at").as_int64() == 1782331200000);
    CHECK(starts(june, "Sondermarkt").size() == 3);

    // Unchanged on the next poll; exported again with the extra dates and the period's own end.
    auto again = ok(stella.send("POST", kApi + "/imports/" + std::to_string(imp.at("id").as_int64()) + "/sync"));
    CHECK(again.at("unchanged").as_int64() == 2);
    CHECK(again.at("updated").as_int64() == 0);
    std::int64_t chor = 0;
    for (const auto& o : june)
      if (o.at("title").as_string() == "Chorprobe") chor = o.at("event_id").as_int64();
    auto ics = parsed(s.server, stella.get(kApi + "/events/" + std::to_string(chor) + "/event.ics"));
    const auto& master = by_summary(ics, "Chorprobe");
    CHECK(master.at("rrule").as_string() == "FREQ=WEEKLY;COUNT=2");
    CHECK(master.at("rdates").as_array() == as_array({"2026-06-13T13:00:00Z", "2026-06-20T13:00:00Z", "2026-06-24T17:00:00Z",
                                                      "2026-06-27T13:00:00Z", "2026-07-01T16:00:00Z"}));
    CHECK(master.at("exdates").as_array() == as_array({"2026-06-27T13:00:00Z"}));
    bool period = false;
    for (const auto& e : ics.at("events").as_array())
      if (e.at("recurrence_id").as_string() == "2026-06-24T17:00:00Z")
        period = e.at("start").as_string() == "2026-06-24T17:00:00Z" && e.at("end").as_string() == "2026-06-24T20:00:00Z";
    CHECK(period);
  });
}
