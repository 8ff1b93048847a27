// Department calendars through the real server on SQLite and PostgreSQL: admins open one per
// department; that department's staff (their account names it) add, change and cancel its
// events, which are items of the city calendar (everyone reads them, in the views, the stream
// card and the public feed); staff of another department and residents are refused with a
// clear 403 that changes nothing; the events stay with the department when the person who
// wrote one is erased, and are in that person's export.
#include "calendar_fixture.hpp"
#include "ics_check.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {

const std::string kApi = "/api/p/calendar";

boost::json::object department_of(Person& p, const std::string& name) {
  const auto list = ok(p.get(kApi + "/calendars"));
  for (const auto& d : list.at("departments").as_array())
    if (d.at("name").as_string() == name) return d.as_object();
  FAIL("no department calendar " << name);
  return {};
}

HttpResponse post_event(Person& p, boost::json::object body) {
  if (!body.contains("title")) body["title"] = "Sprechstunde";
  if (!body.contains("starts")) body["starts"] = "2026-06-10T09:00";
  if (!body.contains("ends")) body["ends"] = "2026-06-10T12:00";
  return p.send("POST", kApi + "/events", body);
}

}  // namespace

TEST_CASE("departments: its staff write the department's calendar, everyone reads it in the city's", "[calendar][departments]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url, "[plugins.calendar]\nresidents_may_publish = false\n");
    auto admin = s.person("admin", "admin");
    auto clara = s.person("clara", "staff", "Bürgeramt");
    auto carl = s.person("carl", "staff", "Bürgeramt");
    auto otto = s.person("otto", "staff", "Ordnungsamt");
    auto rita = s.person("rita");

    // Admins open department calendars; others are told who does; names are unique.
    CHECK(clara.send("POST", kApi + "/departments", {{"name", "Bürgeramt"}}).error_code() == "admins_only");
    CHECK(rita.send("POST", kApi + "/departments", {{"name", "Bürgeramt"}}).error_code() == "admins_only");
    CHECK(admin.send("POST", kApi + "/departments", {{"name", "  "}}).error_code() == "invalid_name");
    const auto dep = ok(admin.send("POST", kApi + "/departments", {{"name", "Bürgeramt"}}), 201).at("id").as_int64();
    CHECK(admin.send("POST", kApi + "/departments", {{"name", "Bürgeramt"}}).error_code() == "department_exists");
    ok(admin.send("POST", kApi + "/departments", {{"name", "Ordnungsamt"}}), 201);
    auto anon = s.anonymous();
    CHECK(ok(anon.get(kApi + "/departments")).at("departments").as_array().size() == 2);

    // Who may write which: the department's own staff only (and admins).
    CHECK(department_of(clara, "Bürgeramt").at("may_post").as_bool());
    CHECK_FALSE(department_of(clara, "Ordnungsamt").at("may_post").as_bool());
    CHECK_FALSE(department_of(otto, "Bürgeramt").at("may_post").as_bool());
    CHECK_FALSE(department_of(rita, "Bürgeramt").at("may_post").as_bool());
    CHECK(department_of(admin, "Bürgeramt").at("may_post").as_bool());

    const auto city = calendar_of(clara, "city").at("id").as_int64();
    auto made = ok(post_event(clara, {{"department_id", dep}, {"title", "Bürgersprechstunde"}, {"address", "Rathaus, Zimmer 4"},
                                      {"rrule", "FREQ=WEEKLY;COUNT=3"}}), 201);
    CHECK(made.at("container_id").as_int64() == city);
    CHECK(made.at("department").at("name").as_string() == "Bürgeramt");
    CHECK(made.at("organiser").at("id").as_int64() == clara.id);
    const auto path = kApi + "/events/" + std::to_string(made.at("id").as_int64());

    // Refused with a clear error naming the department, and nothing stored.
    for (auto* p : {&otto, &rita}) {
      auto r = post_event(*p, {{"department_id", dep}, {"title", "Fremd"}});
      CHECK(r.status == 403);
      CHECK(r.error_code() == "not_department");
      CHECK(r.json().at("error").at("message").as_string().find("Bürgeramt") != std::string::npos);
    }
    CHECK(post_event(clara, {{"department_id", 999999}}).error_code() == "department_not_found");
    make_neighbourhood(admin, "altstadt");
    const auto hood_cal = calendar_of(clara, "neighbourhood").at("id").as_int64();
    CHECK(post_event(clara, {{"department_id", dep}, {"container_id", hood_cal}}).error_code() == "invalid_container_id");
    CHECK(post_event(clara, {{"department_id", "eins"}}).error_code() == "invalid_department_id");
    // Residents may not write the city calendar here; a staff member's own city event is not the department's.
    CHECK(post_event(rita, {{"container_id", city}}).error_code() == "not_allowed");
    auto own = ok(post_event(clara, {{"container_id", city}, {"title", "Claras Lesung"}}), 201);
    CHECK(own.at("department").is_null());

    // Everyone reads it: the city's views, the department filter, the stream card, the public feed.
    auto june = occurrences(*rita.http, kJune, kJuly);
    CHECK(june.size() == 4);  // three dates of the department's series and Clara's own event
    auto only = occurrences(*rita.http, kJune, kJuly, "&department=" + std::to_string(dep));
    REQUIRE(only.size() == 3);
    for (const auto& o : only) CHECK(o.at("department_id").as_int64() == dep);
    CHECK(occurrences(anon, kJune, kJuly, "&department=" + std::to_string(dep)).size() == 3);
    auto item = ok(rita.get("/api/content/" + std::to_string(made.at("content_id").as_int64())));
    CHECK(item.at("kind").as_string() == "calendar.event");
    CHECK(item.at("card").at("department").as_string() == "Bürgeramt");
    CHECK(item.at("card").at("place").as_string() == "Rathaus, Zimmer 4");
    auto feed = anon.get(kApi + "/calendars/" + std::to_string(city) + "/calendar.ics");
    CHECK(feed.status == 200);
    CHECK(feed.body.find("Bürgersprechstunde") != std::string::npos);
    // The department's own feed: its events only, for anyone.
    auto own_feed = parsed(s.server, anon.get(kApi + "/departments/" + std::to_string(dep) + "/calendar.ics"));
    REQUIRE(own_feed.at("events").as_array().size() == 1);
    CHECK(own_feed.at("name").as_string() == "Bürgeramt");
    CHECK(by_summary(own_feed, "Bürgersprechstunde").at("rrule").as_string() == "FREQ=WEEKLY;COUNT=3");
    CHECK(anon.get(kApi + "/departments/999999/calendar.ics").status == 404);

    // The department's staff look after its events; others may not change or cancel them.
    CHECK(ok(carl.send("PATCH", path, {{"title", "Bürgersprechstunde (Zimmer 5)"}})).at("title").as_string() ==
          "Bürgersprechstunde (Zimmer 5)");
    CHECK(otto.send("PATCH", path, {{"title", "X"}}).status == 403);
    CHECK(rita.send("PATCH", path, {{"title", "X"}}).status == 403);
    CHECK(otto.send("DELETE", path).status == 403);
    CHECK(carl.send("PATCH", path, {{"department_id", dep}}).error_code() == "invalid_department_id");
    CHECK(ok(rita.get(path)).at("title").as_string() == "Bürgersprechstunde (Zimmer 5)");
    CHECK_FALSE(ok(otto.get(path)).at("may_manage").as_bool());
    CHECK(ok(carl.get(path)).at("may_manage").as_bool());

    // The admin's export names the department calendars they opened.
    CHECK(ok(admin.get("/api/me/export")).at("data").at("calendar").at("department_calendars_created").as_array().size() == 2);
    // Export: Clara's events with the department named. Erasure: the department's event stays
    // (without her), her own event goes with her items.
    auto ex = ok(clara.get("/api/me/export")).at("data").at("calendar").at("events_organised").as_array();
    REQUIRE(ex.size() == 2);
    CHECK(ex[0].at("department").as_string() == "Bürgeramt");
    CHECK(ex[1].at("department").is_null());
    ok(rita.send("PUT", path + "/rsvp", {{"status", "going"}, {"occurrence", "20260610T090000"}}));
    auto del = clara.send("DELETE", "/api/me", {{"password", clara.password}});
    INFO(del.body);
    REQUIRE(del.status < 300);
    auto kept = ok(rita.get(path));
    CHECK(kept.at("organiser").at("id").as_int64() == 0);
    CHECK(kept.at("department").at("name").as_string() == "Bürgeramt");
    CHECK(kept.at("rsvps").as_array()[0].at("mine").at("status").as_string() == "going");
    CHECK(rita.get(kApi + "/events/" + std::to_string(own.at("id").as_int64())).status == 404);
    CHECK(carl.send("DELETE", path).status == 204);
    CHECK(rita.get(path).status == 404);
  });
}

TEST_CASE("departments: admins rename them (their events' cards follow) and delete only empty ones", "[calendar][departments]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto admin = s.person("admin", "admin");
    auto clara = s.person("clara", "staff", "Bürgerbüro");
    auto rita = s.person("rita");
    const auto dep = ok(admin.send("POST", kApi + "/departments", {{"name", "Bürgeramt"}}), 201).at("id").as_int64();
    const auto other = ok(admin.send("POST", kApi + "/departments", {{"name", "Ordnungsamt"}}), 201).at("id").as_int64();
    const auto dpath = kApi + "/departments/" + std::to_string(dep);
    auto made = ok(post_event(admin, {{"department_id", dep}, {"title", "Bürgersprechstunde"}}), 201);

    // Only admins; a clear error for an empty, a taken or an unknown one; nothing changes.
    CHECK(clara.send("PATCH", dpath, {{"name", "Bürgerbüro"}}).error_code() == "admins_only");
    CHECK(rita.send("DELETE", dpath).error_code() == "admins_only");
    CHECK(admin.send("PATCH", dpath, {{"name", " "}}).error_code() == "invalid_name");
    CHECK(admin.send("PATCH", dpath, {{"name", "Ordnungsamt"}}).error_code() == "department_exists");
    CHECK(admin.send("PATCH", dpath, {{"title", "X"}}).status == 400);
    CHECK(admin.send("PATCH", kApi + "/departments/999999", {{"name", "Neu"}}).error_code() == "department_not_found");
    CHECK(admin.send("DELETE", kApi + "/departments/999999").error_code() == "department_not_found");
    CHECK_FALSE(department_of(clara, "Bürgeramt").at("may_post").as_bool());

    // Renamed as the administration renamed it: its staff (accounts named so) write it now, and
    // the card of its event in the city's stream names it anew. Its own name again is no conflict.
    CHECK(ok(admin.send("PATCH", dpath, {{"name", "Bürgeramt"}})).at("name").as_string() == "Bürgeramt");
    auto renamed = ok(admin.send("PATCH", dpath, {{"name", "Bürgerbüro"}}));
    CHECK(renamed.at("id").as_int64() == dep);
    CHECK(renamed.at("name").as_string() == "Bürgerbüro");
    CHECK(department_of(clara, "Bürgerbüro").at("may_post").as_bool());
    auto item = ok(rita.get("/api/content/" + std::to_string(made.at("content_id").as_int64())));
    CHECK(item.at("card").at("department").as_string() == "Bürgerbüro");
    CHECK(ok(rita.get(kApi + "/events/" + std::to_string(made.at("id").as_int64()))).at("department").at("name").as_string() ==
          "Bürgerbüro");

    // Deleting one that holds events is refused, saying how many; nothing goes.
    ok(post_event(clara, {{"department_id", dep}, {"title", "Ausweis-Tag"}}), 201);
    auto refused = admin.send("DELETE", dpath);
    CHECK(refused.status == 409);
    CHECK(refused.error_code() == "department_not_empty");
    const auto message = std::string(refused.json().at("error").at("message").as_string());
    CHECK(message.find("2 Termine") != std::string::npos);
    CHECK(message.find("2 events") != std::string::npos);
    CHECK(ok(rita.get(kApi + "/departments")).at("departments").as_array().size() == 2);
    // Once its events are cancelled it can go; the empty one goes at once.
    for (const auto& o : occurrences(*rita.http, kJune, kJuly, "&department=" + std::to_string(dep)))
      CHECK(admin.send("DELETE", kApi + "/events/" + std::to_string(o.at("event_id").as_int64())).status == 204);
    CHECK(admin.send("DELETE", dpath).status == 204);
    CHECK(admin.send("DELETE", kApi + "/departments/" + std::to_string(other)).status == 204);
    CHECK(ok(rita.get(kApi + "/departments")).at("departments").as_array().empty());
    CHECK(post_event(clara, {{"department_id", dep}}).error_code() == "department_not_found");
  });
}
