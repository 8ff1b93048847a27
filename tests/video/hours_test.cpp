// Consultation hours: a department room's weekly schedule in the municipality's time zone; within
// it residents and guests enter, outside it the socket closes saying when it opens next (hosts
// enter any time); bad schedules are refused and change nothing. On SQLite and PostgreSQL.
#include <chrono>
#include <string>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {

// Days since 1970-01-01 (UTC) and what they are: ISO weekday (1 = Monday) and "YYYY-MM-DD".
std::int64_t utc_day() {
  return std::chrono::duration_cast<std::chrono::hours>(std::chrono::system_clock::now().time_since_epoch()).count() / 24;
}
int iso_weekday(std::int64_t day) { return static_cast<int>((day + 3) % 7) + 1; }  // 1970-01-01 was a Thursday
std::string iso_date(std::int64_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

boost::json::object room_of(Person& p, const std::string& slug) {
  auto r = p.get("/api/p/video/rooms/" + slug);
  REQUIRE(r.status == 200);
  return r.json().as_object();
}

}  // namespace

TEST_CASE("video hours: a consultation hour is open within its weekly schedule only, and says when it opens next",
          "[video][hours]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url, {"groups", "video"}, "[plugins.video]\ntime_zone = \"UTC\"\n"));
    const auto port = server.port();
    auto clerk = person(server, "clerk", "staff");
    auto anna = person(server, "anna");
    auto anon = server.client();
    boost::json::array always;
    for (int d = 1; d <= 7; ++d) always.push_back({{"day", d}, {"from", "00:00"}, {"to", "24:00"}});
    auto room = create_room(clerk, {{"name", "Bürgeramt"}, {"kind", "department"}, {"hours", always}});
    const std::string slug = str(room.at("slug"));
    CHECK(room.at("open_now").as_bool());
    CHECK(str(room.at("time_zone")) == "UTC");
    CHECK(room.at("hours").as_array().size() == 7);
    CHECK(!room.contains("opens_next"));
    {
      WsClient g(port, signal_path(slug, guest_pass(anon, slug, "Gisela")), origin(port));
      frame_of(g, "welcome");
    }

    // Only tomorrow, 10:00 to 11:00: closed now, opening tomorrow at 10:00 UTC.
    const auto today = utc_day();
    auto patched = clerk.send("PATCH", "/api/p/video/rooms/" + slug,
                              {{"hours", boost::json::array{{{"day", iso_weekday(today + 1)}, {"from", "10:00"}, {"to", "11:00"}}}}});
    INFO(patched.body);
    REQUIRE(patched.status == 200);
    auto shown = room_of(anna, slug);
    CHECK(!shown.at("open_now").as_bool());
    if (utc_day() == today) {  // not across midnight while asking
      CHECK(str(shown.at("opens_next").at("local")) == iso_date(today + 1) + "T10:00");
      CHECK(shown.at("opens_next").at("at").as_int64() == ((today + 1) * 24 + 10) * 3600 * 1000);
      CHECK(shown.at("opens_next").at("day").as_int64() == iso_weekday(today + 1));
    }
    CHECK(!shown.at("can_enter").as_bool());

    // A guest and a resident are told when it opens; the host enters to prepare.
    WsClient g(port, signal_path(slug, guest_pass(anon, slug, "Gisela")), origin(port));
    auto err = frame_of(g, "error");
    CHECK(str(err.at("code")) == "outside_hours");
    CHECK(str(err.at("message")).find("Sie beginnt wieder") != std::string::npos);
    CHECK(str(err.at("message")).find("10:00") != std::string::npos);
    CHECK(wait_closed(g) == "4006 outside_hours");
    WsClient a(port, signal_path(slug), anna.ws_headers(port));
    CHECK(wait_closed(a) == "4006 outside_hours");
    WsClient host(port, signal_path(slug), clerk.ws_headers(port));
    CHECK(frame_of(host, "welcome").at("self").at("host").as_bool());

    // Bad schedules are refused with what is wrong, and change nothing.
    const std::vector<std::pair<boost::json::value, std::string>> bad = {
        {boost::json::value("Mo 9-12"), "Liste"},
        {boost::json::array{{{"day", 8}, {"from", "09:00"}, {"to", "10:00"}}}, "'day'"},
        {boost::json::array{{{"day", 1}, {"from", "25:00"}, {"to", "26:00"}}}, "00:00 und 24:00"},
        {boost::json::array{{{"day", 1}, {"from", "9:00"}, {"to", "10:00"}}}, "09:30"},
        {boost::json::array{{{"day", 1}, {"from", "12:00"}, {"to", "09:00"}}}, "vor 'to'"},
        {boost::json::array{5}, "kein Objekt"}};
    for (const auto& [hours, says] : bad) {
      auto r = clerk.send("PATCH", "/api/p/video/rooms/" + slug, {{"hours", hours}, {"name", "Anders"}});
      INFO(r.body);
      CHECK(r.status == 400);
      CHECK(r.json().at("error").at("code").as_string() == "invalid_hours");
      CHECK(r.body.find(says) != std::string::npos);
    }
    boost::json::array many;
    for (int i = 0; i < 22; ++i) many.push_back({{"day", 1}, {"from", "09:00"}, {"to", "10:00"}});
    CHECK(clerk.send("PATCH", "/api/p/video/rooms/" + slug, {{"hours", many}}).status == 400);
    shown = room_of(anna, slug);
    CHECK(str(shown.at("name")) == "Bürgeramt");
    CHECK(shown.at("hours").as_array().size() == 1);

    // Hours belong to consultation hours only; null opens the room at any time again.
    auto mine = anna.send("POST", "/api/p/video/rooms", {{"name", "Meiner"}, {"hours", always}});
    CHECK(mine.status == 400);
    CHECK(mine.json().at("error").at("code").as_string() == "invalid_hours");
    REQUIRE(clerk.send("PATCH", "/api/p/video/rooms/" + slug, {{"hours", nullptr}}).status == 200);
    shown = room_of(anna, slug);
    CHECK(!shown.contains("hours"));
    WsClient later(port, signal_path(slug), anna.ws_headers(port));
    frame_of(later, "welcome");
  });
}

TEST_CASE("video hours: the schedule follows the municipality's time zone with daylight saving", "[video][hours]") {
  TestServer server(video_setup("", {"video"}, "[plugins.video]\ntime_zone = \"Europe/Berlin\"\n"));
  auto clerk = person(server, "clerk", "staff");
  // The day after tomorrow (UTC) is in the future in Berlin too, whatever the hour now.
  const auto day = utc_day() + 2;
  auto room = create_room(clerk, {{"name", "Sprechstunde"}, {"kind", "department"},
                                  {"hours", boost::json::array{{{"day", iso_weekday(day)}, {"from", "09:00"}, {"to", "12:30"}}}}});
  CHECK(str(room.at("time_zone")) == "Europe/Berlin");
  CHECK(str(room.at("hours").as_array()[0].at("to")) == "12:30");
  CHECK(!room.at("open_now").as_bool());
  const auto& next = room.at("opens_next").as_object();
  if (utc_day() + 2 == day) {
    CHECK(str(next.at("local")) == iso_date(day) + "T09:00");
    // 09:00 in Berlin is 08:00 UTC in winter (CET) and 07:00 UTC in summer (CEST).
    const auto at = next.at("at").as_int64();
    CHECK((at == (day * 24 + 8) * 3600 * 1000 || at == (day * 24 + 7) * 3600 * 1000));
  }
}
