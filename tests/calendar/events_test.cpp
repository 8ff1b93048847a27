// Events through the real server on SQLite and PostgreSQL: who may add them to which calendar
// (city, neighbourhood, group by role), reading and listing by the core's read rules (a private
// group's event never reaches outsiders), the stream card, changing and deleting, and bad input
// that is refused with a clear error and changes nothing.
#include "calendar_fixture.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {

std::int64_t group_container(Person& owner, const std::string& name, const std::string& visibility) {
  auto g = ok(owner.send("POST", "/api/p/groups/groups", {{"name", name}, {"visibility", visibility}, {"category", "verein"}}), 201);
  return g.at("container_id").as_int64();
}

std::string group_slug(Person& owner, std::int64_t container) {
  auto mine = ok(owner.get("/api/p/groups/groups/mine"));
  for (const auto& g : mine.at("groups").as_array())
    if (g.at("container_id").as_int64() == container) return std::string(g.at("slug").as_string());
  FAIL("group not found");
  return "";
}

}  // namespace

TEST_CASE("events: who may add them where, and who reads them", "[calendar][events]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto admin = s.person("admin", "admin");
    auto anna = s.person("anna");
    auto ben = s.person("ben");
    auto sara = s.person("sara", "staff");
    const auto altstadt = make_neighbourhood(admin, "altstadt", 13.0, 52.0, 0.1);
    const auto hafen = make_neighbourhood(admin, "hafen", 13.2, 52.0, 0.1);
    ok(anna.send("PATCH", "/api/me", {{"neighbourhood_id", altstadt}}));
    ok(ben.send("PATCH", "/api/me", {{"neighbourhood_id", hafen}}));

    const auto city = calendar_of(anna, "city");
    const auto alt = calendar_of(anna, "neighbourhood");
    CHECK(city.at("may_post").as_bool());
    CHECK(alt.at("may_post").as_bool());
    const auto city_id = city.at("id").as_int64(), alt_id = alt.at("id").as_int64();

    // A resident's event in their neighbourhood, with a place inside its outline.
    auto fest = create_event(anna, alt_id, {{"title", "Hoffest"}, {"description", "**Kuchen** und Musik"},
                                            {"address", "Marktplatz 1"}, {"lat", 52.05}, {"lon", 13.05},
                                            {"category", "neighbourhood"}, {"step_free", true}, {"capacity", 50}});
    CHECK(fest.at("time_zone").as_string() == "Europe/Berlin");
    CHECK(fest.at("neighbourhood_id").as_int64() == altstadt);
    CHECK(fest.at("organiser").at("display_name").as_string() == "anna");
    CHECK(fest.at("organiser").as_object().size() == 2);  // id and name, never an e-mail
    REQUIRE(fest.at("occurrences").as_array().size() == 1);
    // 14:00 in Berlin in June (CEST) is 12:00 UTC.
    CHECK(fest.at("occurrences").as_array()[0].at("starts_at").as_int64() == 1780747200000);

    // The core item carries the card (date and place without a request per card) and the Markdown.
    auto item = ok(anna.get("/api/content/" + std::to_string(fest.at("content_id").as_int64())));
    CHECK(item.at("kind").as_string() == "calendar.event");
    CHECK(item.at("card").at("place").as_string() == "Marktplatz 1");
    CHECK(item.at("card").at("starts_at").as_int64() == 1780747200000);
    CHECK(item.at("body_html").as_string().find("<strong>Kuchen</strong>") != std::string::npos);

    // Ben lives elsewhere: he may not add to Altstadt, and a place outside it is refused.
    CHECK(ben.send("POST", "/api/p/calendar/events", {{"container_id", alt_id}, {"title", "X"}, {"starts", "2026-06-06T10:00"},
                                                      {"ends", "2026-06-06T11:00"}}).error_code() == "not_allowed");
    auto outside = anna.send("POST", "/api/p/calendar/events", {{"container_id", alt_id}, {"title", "X"}, {"starts", "2026-06-06T10:00"},
                                                                {"ends", "2026-06-06T11:00"}, {"lat", 52.05}, {"lon", 13.25}});
    CHECK(outside.status == 400);
    CHECK(outside.error_code() == "place_outside_neighbourhood");
    // Not signed in: nothing.
    auto anon = s.anonymous();
    CHECK(anon.request("POST", "/api/p/calendar/events", "{}", {{"Content-Type", "application/json"}}).status >= 401);

    // A city event by staff, listed for everyone signed in; the June list of Altstadt has the Hoffest only.
    create_event(sara, city_id, {{"title", "Bürgersprechstunde"}, {"starts", "2026-06-10T09:00"}, {"ends", "2026-06-10T12:00"},
                                 {"category", "council"}});
    CHECK(occurrences(*ben.http, kJune, kJuly).size() == 1);  // Hafen's Ben: the city's only
    CHECK(occurrences(*anna.http, kJune, kJuly).size() == 2);
    auto alt_list = occurrences(*anna.http, kJune, kJuly, "&neighbourhood=" + std::to_string(altstadt));
    REQUIRE(alt_list.size() == 1);
    CHECK(alt_list[0].at("title").as_string() == "Hoffest");
    CHECK(occurrences(*anna.http, kJune, kJuly, "&category=council").size() == 1);
    CHECK(occurrences(*anna.http, kJune, kJuly, "&near=1").size() == 1);
    CHECK(ben.get(epath(fest)).status == 404);  // Altstadt's calendar is for its residents

    // A private group: owners and moderators add events; members read them; outsiders never.
    const auto chor = group_container(anna, "Chor", "private");
    const auto slug = group_slug(anna, chor);
    auto probe = create_event(anna, chor, {{"title", "Chorprobe"}, {"starts", "2026-06-08T19:00"}, {"ends", "2026-06-08T21:00"}});
    CHECK(ben.get(epath(probe)).status == 404);
    CHECK(occurrences(*ben.http, kJune, kJuly, "&container=" + std::to_string(chor)).empty());
    CHECK(ben.get(epath(probe, "/event.ics")).status == 404);
    CHECK(anon.get("/api/p/calendar/calendars/" + std::to_string(chor) + "/calendar.ics").status == 404);
    CHECK(anon.get(epath(probe)).status == 404);
    ok(ben.send("POST", "/api/p/groups/groups/" + slug + "/join"), 202);
    ok(anna.send("POST", "/api/p/groups/groups/" + slug + "/requests/" + std::to_string(ben.id) + "/approve"));
    CHECK(ok(ben.get(epath(probe))).at("title").as_string() == "Chorprobe");
    CHECK(ben.send("POST", "/api/p/calendar/events", {{"container_id", chor}, {"title", "X"}, {"starts", "2026-06-06T10:00"},
                                                      {"ends", "2026-06-06T11:00"}}).error_code() == "not_allowed");

    // Changing: the organiser, not others.
    CHECK(ben.send("PATCH", epath(probe), {{"title", "Y"}}).error_code() == "not_organiser");
    auto changed = ok(anna.send("PATCH", epath(probe), {{"title", "Chorprobe (Aula)"}, {"starts", "2026-06-08T18:30"}}));
    CHECK(changed.at("title").as_string() == "Chorprobe (Aula)");
    CHECK(changed.at("occurrences").as_array()[0].at("starts_at").as_int64() == 1780936200000);
    // Deleting: gone from the item, the list and the core.
    CHECK(ben.send("DELETE", epath(probe)).status == 403);
    CHECK(anna.send("DELETE", epath(probe)).status == 204);
    CHECK(ben.get(epath(probe)).status == 404);
    CHECK(anna.get("/api/content/" + std::to_string(probe.at("content_id").as_int64())).status == 404);
  });
}

TEST_CASE("events: bad input is refused in words and changes nothing", "[calendar][events][errors]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto anna = s.person("anna");
    const auto city = calendar_of(anna, "city").at("id").as_int64();
    auto refuse = [&](boost::json::object body, const std::string& code) {
      body["container_id"] = city;
      if (!body.contains("title")) body["title"] = "Test";
      if (!body.contains("starts")) body["starts"] = "2026-06-06T14:00";
      if (!body.contains("ends")) body["ends"] = "2026-06-06T15:00";
      auto r = anna.send("POST", "/api/p/calendar/events", body);
      INFO(code << ": " << r.body);
      CHECK(r.status == 400);
      CHECK(r.error_code() == code);
      CHECK(r.json().at("error").at("message").as_string().size() > 10);
    };
    refuse({{"title", ""}}, "invalid_title");
    refuse({{"ends", "2026-06-06T13:00"}}, "end_before_start");
    refuse({{"starts", "2026-02-30T10:00"}}, "invalid_starts");
    refuse({{"starts", "morgen"}}, "invalid_starts");
    refuse({{"time_zone", "Mars/Olympus"}}, "invalid_time_zone");
    refuse({{"rrule", "FREQ=SOMETIMES"}}, "invalid_rrule");
    refuse({{"rrule", "FREQ=MINUTELY;COUNT=5"}}, "invalid_rrule");
    refuse({{"rrule", "FREQ=WEEKLY;UNTIL=20200101T000000Z"}}, "no_occurrence");
    refuse({{"capacity", 0}}, "invalid_capacity");
    refuse({{"category", "party"}}, "invalid_category");
    refuse({{"online_url", "javascript:alert(1)"}}, "invalid_online_url");
    refuse({{"lat", 52.0}}, "invalid_coordinates");
    refuse({{"colour", "red"}}, "invalid_colour");
    CHECK(anna.send("POST", "/api/p/calendar/events", {{"title", "X"}}).error_code() == "invalid_container_id");
    CHECK(anna.send("POST", "/api/p/calendar/events", {{"container_id", 999999}, {"title", "X"}}).status == 404);
    CHECK(occurrences(*anna.http, 1700000000000, 1700000000000 + 90LL * 86400000).empty());
    CHECK(occurrences(*anna.http, kJune, kJuly).empty());  // nothing half-stored
    CHECK(anna.get("/api/p/calendar/occurrences?from=1&to=10000000000").error_code() == "invalid_range");
    CHECK(anna.get("/api/p/calendar/events/abc").status == 404);
  });
}
