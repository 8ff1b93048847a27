// "Open now" is computed in the municipality's time zone ([plugins.market] time_zone), with
// holidays and exceptions. The server runs in Pacific/Kiritimati (UTC+14), so a window around
// the local time there is ten to fourteen hours away from UTC: a server that ignored the zone
// would get every check below wrong. The test computes the local time with the date library.
#include <chrono>

#include <date/tz.h>

#include "market_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::market;

namespace {

struct Local {
  std::string today, tomorrow;
  int minute = 0;
};

Local local_now(const char* zone) {
  const auto z = date::locate_zone(zone);
  const auto local = z->to_local(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  const auto day = date::floor<date::days>(local);
  Local l;
  l.today = date::format("%F", date::year_month_day(day));
  l.tomorrow = date::format("%F", date::year_month_day(day + date::days(1)));
  l.minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  return l;
}

std::string hhmm(int m) {
  m = std::clamp(m, 0, 24 * 60);
  const auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return two(m / 60) + ":" + two(m % 60);
}

boost::json::object every_day(const std::string& from, const std::string& to) {
  boost::json::object weekly;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    weekly[d] = boost::json::array{{{"from", from}, {"to", to}}};
  return {{"weekly", std::move(weekly)}};
}

bool open_now(Person& p, const std::string& path) { return ok_json(p.get(path)).at("open_now").as_bool(); }

}  // namespace

TEST_CASE("open now: weekly hours, holidays and exceptions in the municipality's time zone", "[market][hours]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url, "time_zone = \"Pacific/Kiritimati\"\n");
    auto owner = s.person("laden", "resident", s.altstadt);
    auto l = local_now("Pacific/Kiritimati");
    if (l.minute < 40 || l.minute > 24 * 60 - 40) {
      WARN("local midnight is too close for a stable window; skipping the window checks this minute");
      return;
    }
    // A window of an hour around the local time: open.
    auto b = make_business(owner, "Eckladen", every_day(hhmm(l.minute - 30), hhmm(l.minute + 30)));
    const auto path = kApi + "/businesses/" + id(b.at("id").as_int64());
    CHECK(b.at("open_now").as_bool());
    // The same window shifted by two hours: closed.
    ok_json(owner.send("PATCH", path, {{"hours", every_day(hhmm(l.minute + 90), hhmm(l.minute + 150))}}));
    CHECK_FALSE(open_now(owner, path));
    // Open all day, but today is a holiday there: closed; a holiday tomorrow changes nothing today.
    auto hours = every_day("00:00", "24:00");
    hours["holidays"] = boost::json::array{l.today};
    ok_json(owner.send("PATCH", path, {{"hours", hours}}));
    CHECK_FALSE(open_now(owner, path));
    hours["holidays"] = boost::json::array{l.tomorrow};
    ok_json(owner.send("PATCH", path, {{"hours", hours}}));
    CHECK(open_now(owner, path));
    // An exception for today replaces the weekly hours: closed (no ranges), then open again.
    hours["exceptions"] = boost::json::array{{{"date", l.today}, {"ranges", boost::json::array{}}}};
    ok_json(owner.send("PATCH", path, {{"hours", hours}}));
    CHECK_FALSE(open_now(owner, path));
    auto closed_week = every_day(hhmm(l.minute + 90), hhmm(l.minute + 150));
    closed_week["exceptions"] = boost::json::array{
        {{"date", l.today}, {"ranges", boost::json::array{{{"from", hhmm(l.minute - 30)}, {"to", hhmm(l.minute + 30)}}}}}};
    ok_json(owner.send("PATCH", path, {{"hours", closed_week}}));
    CHECK(open_now(owner, path));

    // The directory's filter: a second business that is closed now is left out.
    auto closed = make_business(owner, "Nachtladen", every_day(hhmm(l.minute + 90), hhmm(l.minute + 150)));
    auto open_list = ok_json(owner.get(kApi + "/businesses?open_now=1")).at("businesses").as_array();
    REQUIRE(open_list.size() == 1);
    CHECK(open_list.at(0).at("name").as_string() == "Eckladen");
    CHECK(ok_json(owner.get(kApi + "/businesses")).at("businesses").as_array().size() == 2);
    CHECK(closed.at("open_now").as_bool() == false);
  });
}

TEST_CASE("open now: an unknown time zone stops the server with the reason", "[market][hours]") {
  SmtpSink smtp;
  TempDir blobs;
  std::string failure;
  try {
    TestServer server(MarketServer::setup(smtp, blobs, "", "time_zone = \"Mars/Olympus\"\n"));
  } catch (const std::runtime_error& e) {
    failure = e.what();  // the server's log, which names the zone
  }
  INFO(failure);
  CHECK(failure.find("Mars/Olympus") != std::string::npos);
}
