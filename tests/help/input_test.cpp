// Bad input gets a clear error and changes nothing: no category or text, an unknown category,
// a date in the past, a neighbourhood that does not exist, a place outside the city, an unknown
// field. A place inside the city picks its neighbourhood.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::help;

namespace {
std::string refused(Person& p, boost::json::object body) {
  auto r = p.send("POST", "/api/p/help/requests", body);
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.json().at("error").at("message").as_string().size() > 10);  // words, not only a code
  return r.error_code();
}
}  // namespace

TEST_CASE("bad requests are refused with a clear error and change nothing", "[help][input]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url);
    auto alice = s.person("alice", s.nord);
    auto homeless = s.person("otto");  // no neighbourhood chosen
    const auto due = in_days(2);
    CHECK(refused(alice, {{"text", "Hilfe"}, {"when", "once"}, {"due_at", due}}) == "invalid_category");
    CHECK(refused(alice, {{"category", "juggling"}, {"text", "Hilfe"}, {"when", "once"}, {"due_at", due}}) == "invalid_category");
    CHECK(refused(alice, {{"category", "shopping"}, {"text", "   "}, {"when", "once"}, {"due_at", due}}) == "invalid_text");
    CHECK(refused(alice, {{"category", "shopping"}, {"text", "Hilfe"}, {"when", "sometime"}}) == "invalid_when");
    CHECK(refused(alice, {{"category", "shopping"}, {"text", "Hilfe"}, {"when", "once"}}) == "invalid_due_at");
    CHECK(refused(alice, {{"category", "shopping"}, {"text", "Hilfe"}, {"when", "by_date"}, {"due_at", now_ms() - 3600000}}) ==
          "invalid_due_at");
    CHECK(refused(alice, {{"category", "shopping"}, {"text", "Hilfe"}, {"when", "once"}, {"due_at", due}, {"neighbourhood_id", 987654}}) ==
          "invalid_neighbourhood_id");
    CHECK(refused(alice, {{"category", "shopping"}, {"text", "Hilfe"}, {"when", "once"}, {"due_at", due}, {"lat", 52.52}, {"lon", 13.40}}) ==
          "outside_city");
    CHECK(refused(alice, {{"category", "shopping"}, {"text", "Hilfe"}, {"when", "once"}, {"due_at", due}, {"urgency", "asap"}}) ==
          "invalid_urgency");
    CHECK(refused(alice, {{"category", "shopping"}, {"text", "Hilfe"}, {"when", "once"}, {"due_at", due}, {"phone", "0761"}}) ==
          "unknown_field");
    CHECK(refused(homeless, {{"category", "shopping"}, {"text", "Hilfe"}, {"when", "regularly"}}) == "invalid_neighbourhood_id");
    CHECK(alice.get("/api/p/help/requests/mine").json().at("asked").as_array().empty());
    CHECK(alice.get("/api/p/help/requests").json().at("requests").as_array().empty());

    // A place inside Mitte: the request lands there, even though alice lives in Nord.
    auto r = ask(alice, "garden", {{"lat", 48.01}, {"lon", 7.83}, {"when", "regularly"}});
    CHECK(r.at("neighbourhood_id").as_int64() == s.mitte);
    CHECK(r.at("due_at").is_null());
    CHECK(alice.get("/api/p/help/requests/999999").status == 404);
    CHECK(alice.get("/api/p/help/requests?status=closed").error_code() == "invalid_status");
  });
}
