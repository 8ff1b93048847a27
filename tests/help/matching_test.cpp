// A new request notifies the helpers who offer its category in its neighbourhood, in their own
// language; when none offers it there, the helpers of the bordering neighbourhoods (decided from
// the outlines), never those further away; nobody gets more than the day's cap.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::help;

TEST_CASE("a request notifies the matching helpers nearby in their language, capped per day", "[help][matching]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url, "daily_notifications = 2");
    auto alice = s.person("alice", s.nord);
    auto hans = s.person("hans", s.nord);
    auto emma = s.person("emma", s.nord, "resident", "en");
    auto tom = s.person("tom", s.nord);
    auto mia = s.person("mia", s.mitte);
    auto fritz = s.person("fritz", s.fern);
    offer(hans, "shopping", s.nord);
    offer(emma, "shopping", s.nord, "once");
    offer(tom, "garden", s.nord);
    offer(tom, "shopping", s.nord, "regularly");  // only for regular help
    offer(mia, "shopping", s.mitte);
    offer(mia, "repairs", s.mitte);
    offer(fritz, "repairs", s.fern);
    offer(alice, "shopping", s.nord);  // her own offer never matches her own request

    // Shopping in Nord: the two helpers of Nord who help once; not tom, not Mitte, not alice.
    auto r1 = ask(alice, "shopping", {{"text", "Wocheneinkauf, ich bin in Quarantäne"}});
    CHECK(r1.at("helpers_notified").as_int64() == 2);
    CHECK(titles(hans, "help.match") == std::vector<std::string>{"Hilfe gesucht in Nord: Einkaufen"});
    CHECK(titles(emma, "help.match") == std::vector<std::string>{"Help wanted in Nord: Shopping"});
    CHECK(titles(tom, "help.match").empty());
    CHECK(titles(mia, "help.match").empty());
    CHECK(titles(alice, "help.match").empty());

    // Regular shopping reaches tom (regularly) and hans (any), not emma (once only).
    auto r2 = ask(alice, "shopping", {{"when", "regularly"}});
    CHECK(r2.at("helpers_notified").as_int64() == 2);
    CHECK(titles(tom, "help.match").size() == 1);
    CHECK(titles(emma, "help.match").size() == 1);

    // Repairs: nobody in Nord, so the bordering Mitte (mia), never the far-away Fern (fritz).
    auto r3 = ask(alice, "repairs", {{"text", "Fahrradschlauch flicken"}});
    CHECK(r3.at("helpers_notified").as_int64() == 1);
    CHECK(titles(mia, "help.match") == std::vector<std::string>{"Hilfe gesucht in Nord: Reparaturen"});
    CHECK(titles(fritz, "help.match").empty());

    // Nobody anywhere near offers tutoring: stored, nobody told.
    CHECK(ask(alice, "tutoring").at("helpers_notified").as_int64() == 0);

    // hans has had 2 notices today (the cap): a third shopping request reaches emma only.
    auto r4 = ask(alice, "shopping");
    CHECK(r4.at("helpers_notified").as_int64() == 1);
    CHECK(titles(hans, "help.match").size() == 2);
    CHECK(titles(emma, "help.match").size() == 2);

    // The matched helpers find them in their list, the others do not.
    auto m = hans.get("/api/p/help/requests/matched");
    REQUIRE(m.status == 200);
    CHECK(m.json().at("requests").as_array().size() == 2);
    CHECK(mia.get("/api/p/help/requests/matched").json().at("requests").as_array().size() == 1);
    CHECK(fritz.get("/api/p/help/requests/matched").json().at("requests").as_array().empty());
  });
}

TEST_CASE("offers are one per category and neighbourhood, listed nearby and removed by their helper only", "[help][offers]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url);
    auto hans = s.person("hans", s.nord);
    auto nora = s.person("nora", s.nord);
    auto fritz = s.person("fritz", s.fern);
    auto first = offer(hans, "garden", s.nord);
    auto again = hans.send("POST", "/api/p/help/offers", {{"category", "garden"}, {"when", "regularly"}, {"text", "Hecke schneiden"}});
    INFO(again.body);
    REQUIRE(again.status == 200);  // his own neighbourhood by default: the same offer, updated
    CHECK(again.json().at("id").as_int64() == first.at("id").as_int64());
    CHECK(str(again.json().at("when")) == "regularly");
    offer(hans, "garden", s.mitte);  // a chosen neighbourhood is another offer
    CHECK(hans.get("/api/p/help/offers/mine").json().at("offers").as_array().size() == 2);

    auto near = nora.get("/api/p/help/offers");
    REQUIRE(near.status == 200);
    CHECK(near.json().at("offers").as_array().size() == 1);
    CHECK(fritz.get("/api/p/help/offers?neighbourhood_id=" + std::to_string(s.nord)).error_code() == "not_your_neighbourhood");

    // Bad input: nothing stored.
    CHECK(hans.send("POST", "/api/p/help/offers", {{"category", "juggling"}, {"when", "any"}}).error_code() == "invalid_category");
    CHECK(hans.send("POST", "/api/p/help/offers", {{"category", "garden"}, {"when", "by_date"}}).error_code() == "invalid_when");
    CHECK(hans.send("POST", "/api/p/help/offers", {{"category", "garden"}, {"when", "any"}, {"neighbourhood_id", 987654}})
              .error_code() == "invalid_neighbourhood_id");
    CHECK(hans.get("/api/p/help/offers/mine").json().at("offers").as_array().size() == 2);

    const auto id = std::to_string(first.at("id").as_int64());
    CHECK(nora.send("DELETE", "/api/p/help/offers/" + id).status == 404);
    CHECK(hans.send("DELETE", "/api/p/help/offers/" + id).status == 204);
    CHECK(hans.get("/api/p/help/offers/mine").json().at("offers").as_array().size() == 1);
  });
}
