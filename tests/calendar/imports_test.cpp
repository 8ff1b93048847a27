// Imports of external iCal feeds through the real server on SQLite and PostgreSQL, against a
// local stand-in serving recorded .ics files: who may set one up, time zones (IANA, UTC, an
// Outlook VTIMEZONE), all-day, a series with EXDATE and changed and cancelled dates
// (RECURRENCE-ID), an RRULE yielding millions (bounded), malformed VEVENTs skipped with their
// reason; updated in place by UID and never duplicated, gone events removed with notice; bad
// sources (HTML, 50 MB, malformed, not a calendar, HTTP 500) change nothing and leave a clear
// state; the durable schedule polls by itself; removal, export.
#include <chrono>
#include <thread>

#include "calendar_fixture.hpp"
#include "ics_origin.hpp"
#include "sql_access.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {

const std::string kApi = "/api/p/calendar";

// 2026-06-13T08:00Z (10:00 in Berlin) and the other starts the feed gives, in UTC ms.
constexpr std::int64_t kFlohmarkt = 1781337600000, kLauftreffMoved = 1781024400000, kRat = 1781107200000,
                       kSprechstunde = 1781161200000, kLauftreffFirst = 1780416000000;

std::string server_toml() {
  return "[plugins.calendar]\nresidents_may_publish = false\nimport_check_seconds = 1\n"
         "http_allow = [\"127.0.0.1\"]\n";
}

boost::json::array june(Person& p, std::int64_t city) {
  return occurrences(*p.http, kJune, kJuly, "&container=" + std::to_string(city));
}

std::vector<boost::json::object> titled(const boost::json::array& occ, const std::string& title) {
  std::vector<boost::json::object> out;
  for (const auto& o : occ)
    if (o.at("title").as_string() == title) out.push_back(o.as_object());
  return out;
}

bool has_start(const boost::json::array& occ, const std::string& title, std::int64_t at) {
  for (const auto& o : titled(occ, title))
    if (o.at("starts_at").as_int64() == at) return true;
  return false;
}

std::int64_t event_of(const boost::json::array& occ, const std::string& title) {
  const auto found = titled(occ, title);
  REQUIRE(!found.empty());
  return found.front().at("event_id").as_int64();
}

std::string reasons(const boost::json::value& imp) { return boost::json::serialize(imp.at("skipped_reasons")); }

}  // namespace

TEST_CASE("imports: an external iCal feed, updated in place by UID, never duplicated", "[calendar][imports]") {
  for_each_dialect([](const DbTarget& target) {
    IcsOrigin origin;
    CalendarServer s(target.url, server_toml());
    auto stella = s.person("stella", "staff");
    auto rita = s.person("rita");
    const auto city = calendar_of(stella, "city").at("id").as_int64();
    const auto imports = kApi + "/calendars/" + std::to_string(city) + "/imports";

    // Only who may add events to the calendar sets up an import; bad input changes nothing.
    CHECK(rita.send("POST", imports, {{"url", origin.feed()}}).error_code() == "not_allowed");
    CHECK(rita.get(imports).status == 403);
    CHECK(stella.send("POST", imports, {{"url", "ftp://127.0.0.1/feed.ics"}}).error_code() == "invalid_url");
    CHECK(stella.send("POST", imports, {{"url", origin.feed()}, {"interval_minutes", 1}}).error_code() ==
          "invalid_interval_minutes");
    CHECK(stella.send("POST", imports, {{"url", origin.feed()}, {"colour", "red"}}).error_code() == "invalid_colour");
    origin.mode("html");
    const auto html = stella.send("POST", imports, {{"url", origin.feed()}});
    CHECK(html.status == 422);
    CHECK(html.error_code() == "import_failed");
    CHECK(html.body.find("HTML") != std::string::npos);
    CHECK(ok(stella.get(imports)).at("imports").as_array().empty());
    // A host outside http_allow: refused with what the administrators must do.
    const auto denied = stella.send("POST", imports, {{"url", "https://kalender.example.org/feed.ics"}});
    CHECK(denied.error_code() == "import_failed");
    CHECK(denied.body.find("http_allow") != std::string::npos);

    origin.mode("city_v1");
    const auto webcal = "webcal://" + origin.feed().substr(7);  // subscribed as webcal://, fetched as http(s)
    CHECK(stella.send("POST", imports, {{"url", webcal}}).error_code() == "import_failed");  // https on a plain port
    auto imp = ok(stella.send("POST", imports, {{"url", origin.feed()}}), 201);
    const auto id = std::to_string(imp.at("id").as_int64());
    CHECK(imp.at("events").as_int64() == 6);
    CHECK(imp.at("added").as_int64() == 6);
    CHECK(imp.at("skipped").as_int64() == 4);  // bad DTSTART, no UID, every second, an unknown zone
    CHECK(reasons(imp).find("kaputt@stadt.example") != std::string::npos);
    CHECK(reasons(imp).find("without UID") != std::string::npos);
    CHECK(reasons(imp).find("Mond/Krater") != std::string::npos);
    CHECK(imp.at("last_error").as_string() == "");
    CHECK(!imp.at("last_success_at").is_null());
    CHECK(stella.send("POST", imports, {{"url", origin.feed()}}).error_code() == "already_imported");
    CHECK_THAT(origin.agent(), Catch::EndsWith(" quartier-calendar/1.0 ical-import"));

    // Time zones: an IANA TZID, UTC, an Outlook zone by its VTIMEZONE; a series with an EXDATE,
    // a moved and retitled date, a cancelled one; all-day over two days.
    auto occ = june(rita, city);
    CHECK(has_start(occ, "Flohmarkt am Rathaus", kFlohmarkt));
    CHECK(has_start(occ, "Ratssitzung", kRat));
    CHECK(has_start(occ, "Sprechstunde", kSprechstunde));
    CHECK(has_start(occ, "Lauftreff (später)", kLauftreffMoved));
    CHECK(has_start(occ, "Lauftreff", kLauftreffFirst));
    const auto runs = titled(occ, "Lauftreff");
    CHECK(runs.size() == 3);  // 2nd, 23rd (cancelled), 30th; the 9th retitled, the 16th excluded
    int cancelled = 0;
    for (const auto& r : runs) cancelled += r.at("cancelled").as_bool() ? 1 : 0;
    CHECK(cancelled == 1);
    const auto fest = titled(occ, "Stadtfest");
    REQUIRE(fest.size() == 1);
    CHECK(fest[0].at("all_day").as_bool());
    CHECK(fest[0].at("ends_at").as_int64() - fest[0].at("starts_at").as_int64() == 2 * 24 * 3600 * 1000LL);
    // Five million dates asked for, the stored ones bounded.
    const auto gym = ok(rita.get(kApi + "/events/" + std::to_string(event_of(occ, "Morgengymnastik"))));
    CHECK(gym.at("occurrences_truncated").as_bool());
    CHECK(gym.at("rrule").as_string().find("COUNT=5000000") != std::string::npos);
    const auto flohmarkt = event_of(occ, "Flohmarkt am Rathaus");
    const auto floh = ok(rita.get(kApi + "/events/" + std::to_string(flohmarkt)));
    CHECK(floh.at("address").as_string() == "Rathausplatz 1, 12345 Teststadt");
    CHECK(floh.at("import_id").as_int64() == imp.at("id").as_int64());

    // Rita answers; who may add events to the calendar looks after an imported event (its
    // attendees, a message to them), but it changes only at its source.
    const auto fest_id = std::to_string(fest[0].at("event_id").as_int64());
    ok(rita.send("PUT", kApi + "/events/" + fest_id + "/rsvp", {{"status", "going"}}));
    CHECK(ok(stella.get(kApi + "/events/" + fest_id + "/attendees")).at("attendees").as_array().size() == 1);
    CHECK(rita.get(kApi + "/events/" + fest_id + "/attendees").error_code() == "not_organiser");
    CHECK(stella.send("POST", kApi + "/events/" + fest_id + "/message", {{"text", "Bitte Sonnencreme mitbringen."}}).status == 204);
    CHECK(stella.send("PATCH", kApi + "/events/" + std::to_string(flohmarkt), {{"title", "x"}}).error_code() == "imported");
    CHECK(stella.send("DELETE", kApi + "/events/" + std::to_string(flohmarkt)).error_code() == "imported");

    // The same file again: nothing written, nothing duplicated.
    const SqlAccess db(target.url);
    const auto stamp = db.scalar("SELECT MAX(updated_at) FROM calendar_events");
    auto again = ok(stella.send("POST", kApi + "/imports/" + id + "/sync"));
    CHECK(again.at("unchanged").as_int64() == 6);
    CHECK(again.at("added").as_int64() + again.at("updated").as_int64() + again.at("removed").as_int64() == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM calendar_events") == 6);
    CHECK(db.scalar("SELECT MAX(updated_at) FROM calendar_events") == stamp);

    // The source changes: one retitled in place, one gone (who answered is told), one new.
    origin.mode("city_v2");
    auto v2 = ok(stella.send("POST", kApi + "/imports/" + id + "/sync"));
    CHECK(v2.at("updated").as_int64() == 1);
    CHECK(v2.at("removed").as_int64() == 1);
    CHECK(v2.at("added").as_int64() == 1);
    CHECK(v2.at("unchanged").as_int64() == 4);
    occ = june(rita, city);
    CHECK(event_of(occ, "Flohmarkt am Rathaus (verlegt)") == flohmarkt);
    CHECK(titled(occ, "Flohmarkt am Rathaus").empty());
    CHECK(titled(occ, "Stadtfest").empty());
    CHECK(rita.get(kApi + "/events/" + fest_id).status == 404);
    CHECK(rita.get("/api/notifications").body.find("Abgesagt: „Stadtfest“") != std::string::npos);
    CHECK(titled(occ, "Chorprobe").size() == 1);
    CHECK(db.scalar("SELECT COUNT(*) FROM calendar_events") == 6);

    // The export names the imports a person set up; removing one removes its events.
    CHECK(ok(stella.get("/api/me/export")).at("data").at("calendar").at("imports_set_up").as_array().size() == 1);
    CHECK(rita.send("DELETE", kApi + "/imports/" + id).status == 403);
    CHECK(stella.send("DELETE", kApi + "/imports/" + id).status == 204);
    CHECK(june(rita, city).empty());
    CHECK(db.scalar("SELECT COUNT(*) FROM calendar_events") == 0);
    CHECK(stella.get(kApi + "/imports/" + id).status == 404);
  });
}

TEST_CASE("imports: a bad source changes nothing and says why, the schedule polls by itself", "[calendar][imports]") {
  for_each_dialect([](const DbTarget& target) {
    IcsOrigin origin;
    CalendarServer s(target.url, server_toml());
    auto stella = s.person("stella", "staff");
    const auto city = calendar_of(stella, "city").at("id").as_int64();
    auto imp = ok(stella.send("POST", kApi + "/calendars/" + std::to_string(city) + "/imports", {{"url", origin.feed()}}), 201);
    const auto id = std::to_string(imp.at("id").as_int64());
    const auto good_at = imp.at("last_success_at").as_int64();
    const SqlAccess db(target.url);
    const auto count = [&] { return db.scalar("SELECT COUNT(*) FROM calendar_events"); };
    REQUIRE(count() == 6);

    const std::vector<std::pair<std::string, std::string>> bad{
        {"html", "HTML"}, {"big", "larger than 10 MB"}, {"truncated", "END:VCALENDAR"},
        {"not_calendar", "BEGIN:VCALENDAR"}, {"error500", "HTTP status 500"}};
    for (const auto& [mode, why] : bad) {
      INFO(mode);
      origin.mode(mode);
      auto st = ok(stella.send("POST", kApi + "/imports/" + id + "/sync"));
      CHECK(st.at("last_error").as_string().find(why) != std::string::npos);
      CHECK(st.at("last_success_at").as_int64() == good_at);
      CHECK(st.at("events").as_int64() == 6);
      CHECK(count() == 6);
      CHECK(db.scalar("SELECT COUNT(*) FROM calendar_events WHERE title = 'Flohmarkt am Rathaus'") == 1);
    }

    // The durable schedule (every second here) polls an import once its interval has passed.
    origin.mode("city_v2");
    db.exec("UPDATE calendar_imports SET last_attempt_at = 0");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (db.scalar("SELECT COUNT(*) FROM calendar_events WHERE title = 'Chorprobe'") == 0 &&
           std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto st = ok(stella.get(kApi + "/imports/" + id));
    CHECK(st.at("last_error").as_string() == "");
    CHECK(st.at("last_success_at").as_int64() > good_at);
    CHECK(db.scalar("SELECT COUNT(*) FROM calendar_events WHERE title = 'Chorprobe'") == 1);
    CHECK(count() == 6);

    // The person who set it up leaves: the import and its events are the calendar's and stay.
    const auto stella_id = stella.id;
    REQUIRE(stella.send("DELETE", "/api/me", {{"password", stella.password}}).status < 300);
    CHECK(db.scalar("SELECT created_by FROM calendar_imports") == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM calendar_imports WHERE created_by = :a", stella_id) == 0);
    CHECK(count() == 6);
    auto rita = s.person("rita");
    CHECK(titled(june(rita, city), "Chorprobe").size() == 1);
  });
}

TEST_CASE("imports: a group's owners import into its calendar, members read, the import goes with the group",
          "[calendar][imports]") {
  for_each_dialect([](const DbTarget& target) {
    IcsOrigin origin;
    CalendarServer s(target.url, server_toml());
    auto olga = s.person("olga");
    auto mia = s.person("mia");
    auto g = ok(olga.send("POST", "/api/p/groups/groups", {{"name", "Laufverein"}, {"visibility", "private"}, {"category", "verein"}}), 201);
    const auto group = g.at("container_id").as_int64();
    const auto imports = kApi + "/calendars/" + std::to_string(group) + "/imports";
    // An outsider does not even learn of the calendar; the owner imports.
    CHECK(mia.send("POST", imports, {{"url", origin.feed()}}).status == 404);
    auto imp = ok(olga.send("POST", imports, {{"url", origin.feed()}}), 201);
    CHECK(imp.at("events").as_int64() == 6);
    CHECK(june(olga, group).size() > 0);
    CHECK(june(mia, group).empty());  // a private group's events stay inside it
    HttpClient anonymous = s.anonymous();
    CHECK(occurrences(anonymous, kJune, kJuly, "&container=" + std::to_string(group)).empty());

    const auto slug = std::string(g.at("slug").as_string());
    CHECK(olga.send("DELETE", "/api/p/groups/groups/" + slug, {{"confirm", slug}}).status == 204);
    // The core publishes content.deleted and container.deleted after its commit, on its event thread.
    const SqlAccess db(target.url);
    const auto gone = [&] {
      return db.scalar("SELECT COUNT(*) FROM calendar_imports") + db.scalar("SELECT COUNT(*) FROM calendar_events") == 0;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!gone() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(db.scalar("SELECT COUNT(*) FROM calendar_imports") == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM calendar_events") == 0);
  });
}

TEST_CASE("imports: into a department's calendar, set up by its staff, the events the department's", "[calendar][imports][departments]") {
  for_each_dialect([](const DbTarget& target) {
    IcsOrigin origin;
    CalendarServer s(target.url, server_toml());
    auto admin = s.person("admin", "admin");
    auto clara = s.person("clara", "staff", "Bürgeramt");
    auto otto = s.person("otto", "staff", "Ordnungsamt");
    auto rita = s.person("rita");
    const auto dep = ok(admin.send("POST", kApi + "/departments", {{"name", "Bürgeramt"}}), 201).at("id").as_int64();
    const auto imports = kApi + "/departments/" + std::to_string(dep) + "/imports";
    const auto city = calendar_of(clara, "city").at("id").as_int64();

    // Only the department's staff and admins; a clear error that stores nothing for everyone else.
    for (auto* p : {&otto, &rita}) {
      auto r = p->send("POST", imports, {{"url", origin.feed()}});
      CHECK(r.status == 403);
      CHECK(r.error_code() == "not_department");
      CHECK(r.json().at("error").at("message").as_string().find("Bürgeramt") != std::string::npos);
      CHECK(p->get(imports).status == 403);
    }
    CHECK(clara.send("POST", kApi + "/departments/999999/imports", {{"url", origin.feed()}}).error_code() ==
          "department_not_found");
    origin.mode("html");
    CHECK(clara.send("POST", imports, {{"url", origin.feed()}}).error_code() == "import_failed");
    CHECK(ok(clara.get(imports)).at("imports").as_array().empty());
    origin.mode("city_v1");

    auto imp = ok(clara.send("POST", imports, {{"url", origin.feed()}}), 201);
    CHECK(imp.at("department_id").as_int64() == dep);
    CHECK(imp.at("container_id").as_int64() == city);
    CHECK(imp.at("events").as_int64() == 6);
    const auto ipath = kApi + "/imports/" + std::to_string(imp.at("id").as_int64());
    CHECK(ok(admin.get(imports)).at("imports").as_array().size() == 1);
    CHECK(ok(clara.get(kApi + "/calendars/" + std::to_string(city) + "/imports")).at("imports").as_array().empty());

    // Its events are the department's: in its filter and feed, the card names it, nobody organises them.
    auto occ = occurrences(*rita.http, kJune, kJuly, "&department=" + std::to_string(dep));
    REQUIRE(!occ.empty());
    for (const auto& o : occ) CHECK(o.at("department_id").as_int64() == dep);
    const auto floh = ok(rita.get(kApi + "/events/" + std::to_string(event_of(occ, "Flohmarkt am Rathaus"))));
    CHECK(floh.at("department").at("name").as_string() == "Bürgeramt");
    CHECK(floh.at("organiser").at("id").as_int64() == 0);
    CHECK(floh.at("import_id").as_int64() == imp.at("id").as_int64());
    auto item = ok(rita.get("/api/content/" + std::to_string(floh.at("content_id").as_int64())));
    CHECK(item.at("card").at("department").as_string() == "Bürgeramt");
    auto feed = s.anonymous().get(kApi + "/departments/" + std::to_string(dep) + "/calendar.ics");
    CHECK(feed.body.find("Flohmarkt am Rathaus") != std::string::npos);

    // The department's staff look after it; others may not; the department cannot go while it imports.
    CHECK(otto.send("POST", ipath + "/sync").status == 403);
    CHECK(otto.send("DELETE", ipath).status == 403);
    CHECK(ok(clara.send("POST", ipath + "/sync")).at("unchanged").as_int64() == 6);
    auto refused = admin.send("DELETE", kApi + "/departments/" + std::to_string(dep));
    CHECK(refused.status == 409);
    CHECK(refused.error_code() == "department_not_empty");
    CHECK(refused.json().at("error").at("message").as_string().find("1 Kalender") != std::string::npos);
    CHECK(clara.send("DELETE", ipath).status == 204);
    CHECK(occurrences(*rita.http, kJune, kJuly, "&department=" + std::to_string(dep)).empty());
    CHECK(admin.send("DELETE", kApi + "/departments/" + std::to_string(dep)).status == 204);
  });
}
