// Reminders through the real server on SQLite and PostgreSQL: the durable schedule (every
// second here) sends an hour's reminder to those who chose one, in their language, once only
// however often it runs; those who chose none get none.
#include <chrono>
#include <ctime>
#include <thread>

#include "calendar_fixture.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {

// A UTC wall time `minutes` from now, as the API takes it ("YYYY-MM-DDTHH:MM").
std::string utc_in(int minutes) {
  const std::time_t t = std::time(nullptr) + minutes * 60;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm);
  return buf;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Polls the person's notifications until `needle` appears `want` times (or 30 s passed).
std::string wait_for(Person& p, const std::string& needle, std::size_t want) {
  std::string body;
  for (int i = 0; i < 150; ++i) {
    body = p.get("/api/notifications").body;
    if (count(body, needle) >= want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return body;
}

}  // namespace

TEST_CASE("reminders: an hour before, in the person's language, never twice", "[calendar][reminders]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url, "[plugins.calendar]\nreminder_interval_seconds = 1\n");
    auto anna = s.person("anna");
    auto ben = s.person("ben");
    auto cem = s.person("cem");
    auto dora = s.person("dora");
    ok(dora.send("PATCH", "/api/me", {{"language", "en"}}));
    const auto city = calendar_of(anna, "city").at("id").as_int64();
    auto soon = create_event(anna, city, {{"title", "Sitzung A"}, {"time_zone", "UTC"}, {"starts", utc_in(30)}, {"ends", utc_in(90)}});
    CHECK(ben.send("PUT", epath(soon, "/rsvp"), {{"status", "going"}, {"remind", "always"}}).error_code() == "invalid_remind");
    ok(ben.send("PUT", epath(soon, "/rsvp"), {{"status", "going"}, {"remind", "hour"}}));
    ok(cem.send("PUT", epath(soon, "/rsvp"), {{"status", "going"}}));
    ok(dora.send("PUT", epath(soon, "/rsvp"), {{"status", "maybe"}, {"remind", "hour"}}));

    auto got = wait_for(ben, "Erinnerung: in einer Stunde „Sitzung A“", 1);
    CHECK(count(got, "Sitzung A") == 1);
    CHECK(count(wait_for(dora, "Reminder: in an hour “Sitzung A”", 1), "Sitzung A") == 1);

    // A second event: its reminder arrives after the schedule ran many more times, and the
    // first one still went out once.
    auto later = create_event(anna, city, {{"title", "Sitzung B"}, {"time_zone", "UTC"}, {"starts", utc_in(50)}, {"ends", utc_in(80)}});
    ok(ben.send("PUT", epath(later, "/rsvp"), {{"status", "going"}, {"remind", "hour"}}));
    got = wait_for(ben, "Sitzung B", 1);
    CHECK(count(got, "Sitzung B") == 1);
    CHECK(count(got, "Sitzung A") == 1);
    CHECK(count(cem.get("/api/notifications").body, "Erinnerung") == 0);
  });
}
