// Who reads what: the risk-group mark reaches the asker and the matched helpers only (not the
// neighbours, not staff, not the stream card); a neighbourhood's list is for its people; staff
// see open, unanswered requests per neighbourhood and as CSV, residents do not.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::help;

TEST_CASE("the risk-group mark never leaves the match, and lists belong to their neighbourhood", "[help][access]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url);
    auto alice = s.person("alice", s.nord);
    auto hans = s.person("hans", s.nord);
    auto nora = s.person("nora", s.nord);     // a neighbour, no offer
    auto fritz = s.person("fritz", s.fern);   // lives elsewhere
    auto clara = s.person("clara", 0, "staff");
    offer(hans, "care", s.nord);
    auto r = ask(alice, "care", {{"text", "Spaziergang, ich gehöre zur Risikogruppe"}, {"risk_group", true}});
    CHECK(r.at("risk_group").as_bool());

    auto as_helper = hans.get(rpath(r));
    REQUIRE(as_helper.status == 200);
    CHECK(as_helper.json().at("risk_group").as_bool());
    CHECK(hans.get("/api/p/help/requests/matched").json().at("requests").as_array().at(0).at("risk_group").as_bool());
    for (Person* p : {&nora, &clara}) {
      auto d = p->get(rpath(r));
      INFO(d.body);
      REQUIRE(d.status == 200);
      CHECK_FALSE(d.json().as_object().contains("risk_group"));
    }
    auto list = nora.get("/api/p/help/requests");
    REQUIRE(list.status == 200);
    REQUIRE(list.json().at("requests").as_array().size() == 1);
    CHECK(list.json().at("requests").as_array().at(0).at("risk_group").is_null());
    auto item = nora.get("/api/content/" + std::to_string(r.at("content_id").as_int64()));
    REQUIRE(item.status == 200);
    CHECK_FALSE(item.json().at("card").as_object().contains("risk_group"));

    // Someone from another neighbourhood, not matched: neither the request nor the list.
    CHECK(fritz.get(rpath(r)).status == 404);
    CHECK(fritz.send("POST", rpath(r, "/respond")).status == 404);
    CHECK(fritz.get("/api/p/help/requests?neighbourhood_id=" + std::to_string(s.nord)).error_code() == "not_your_neighbourhood");
    CHECK(fritz.get("/api/p/help/requests").json().at("requests").as_array().empty());  // his own, Fern

    // Staff: open and unanswered per neighbourhood, and the CSV; residents may not.
    auto overview = clara.get("/api/p/help/staff/open");
    INFO(overview.body);
    REQUIRE(overview.status == 200);
    const auto areas = overview.json().at("neighbourhoods").as_array();
    REQUIRE(areas.size() == 1);
    CHECK(areas.at(0).at("neighbourhood_id").as_int64() == s.nord);
    CHECK(areas.at(0).at("unanswered").as_int64() == 1);
    auto csv = clara.get("/api/p/help/staff/open.csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("Spaziergang") != std::string::npos);
    CHECK(csv.body.find("Risiko") != std::string::npos);  // her own words stay; the mark itself is no column
    CHECK(csv.body.find("risk") == std::string::npos);
    CHECK(nora.get("/api/p/help/staff/open").status == 403);
    CHECK(nora.get("/api/p/help/staff/open.csv").status == 403);

    // Once answered it no longer counts as unanswered.
    REQUIRE(hans.send("POST", rpath(r, "/respond")).status == 201);
    CHECK(clara.get("/api/p/help/staff/open").json().at("neighbourhoods").as_array().empty());
  });
}
