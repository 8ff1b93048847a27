// Privacy through the real server on SQLite and PostgreSQL: a person's events and answers are
// in their export; with the account their answers, feeds and events go (their seat passes to
// the waiting list, the next one moves up).
#include "calendar_fixture.hpp"

using namespace qt::test;
using namespace qt::test::cal;

TEST_CASE("privacy: export and erasure", "[calendar][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    CalendarServer s(target.url);
    auto ines = s.person("ines");
    auto jan = s.person("jan");
    auto kim = s.person("kim");
    auto g = ok(jan.send("POST", "/api/p/groups/groups", {{"name", "Gartenverein"}, {"visibility", "public"}, {"category", "verein"}}), 201);
    const auto garden = g.at("container_id").as_int64();
    const auto slug = std::string(g.at("slug").as_string());
    ok(ines.send("POST", "/api/p/groups/groups/" + slug + "/join"));
    ok(jan.send("PUT", "/api/p/groups/groups/" + slug + "/members/" + std::to_string(ines.id), {{"role", "moderator"}}));
    auto work = create_event(ines, garden, {{"title", "Arbeitseinsatz"}, {"capacity", 1}, {"contact", "Tel. 0123"}});
    auto city = calendar_of(jan, "city").at("id").as_int64();
    auto tour = create_event(jan, city, {{"title", "Radtour"}, {"capacity", 1}});
    ok(ines.send("PUT", epath(tour, "/rsvp"), {{"status", "going"}}));
    ok(kim.send("PUT", epath(tour, "/rsvp"), {{"status", "going"}}));  // waiting behind Ines
    ok(ines.send("POST", "/api/p/calendar/feeds", {{"scope", "mine"}}), 201);

    auto ex = ok(ines.get("/api/me/export"));
    INFO(boost::json::serialize(ex));
    const auto& mine = ex.at("data").at("calendar");
    REQUIRE(mine.at("events_organised").as_array().size() == 1);
    CHECK(mine.at("events_organised").as_array()[0].at("title").as_string() == "Arbeitseinsatz");
    REQUIRE(mine.at("rsvps").as_array().size() == 1);
    CHECK(mine.at("rsvps").as_array()[0].at("title").as_string() == "Radtour");
    CHECK(mine.at("feed_subscriptions").as_int64() == 1);
    CHECK(ok(jan.get("/api/me/export")).at("data").at("calendar").at("rsvps").as_array().empty());

    auto del = ines.send("DELETE", "/api/me", {{"password", ines.password}});
    INFO(del.body);
    REQUIRE(del.status < 300);
    // Kim moved up into Ines's seat.
    auto t = ok(kim.get(epath(tour)));
    CHECK(t.at("rsvps").as_array()[0].at("mine").at("status").as_string() == "going");
    CHECK(t.at("rsvps").as_array()[0].at("going").as_int64() == 1);
    // Her own event went with her items (the core deletes every item an erased person wrote).
    CHECK(jan.get(epath(work)).status == 404);
  });
}
