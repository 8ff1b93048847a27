// The neighbourhood's open list, written without a JSON tree: text with quotes, backslashes, line
// breaks and umlauts comes back exactly; pages follow the id (next_before), the category filter
// and an explicitly named own neighbourhood work; someone else's and an unknown neighbourhood are
// refused. Through the real server on SQLite and PostgreSQL.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::help;

namespace {
std::vector<std::int64_t> ids(const boost::json::value& list) {
  std::vector<std::int64_t> out;
  for (const auto& x : list.at("requests").as_array()) out.push_back(x.at("id").as_int64());
  return out;
}
}  // namespace

TEST_CASE("the open list escapes text, pages by id and filters by category", "[help][list]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url);
    auto alice = s.person("alice", s.nord);
    auto bea = s.person("bea", s.nord, "resident", "en");
    auto fritz = s.person("fritz", s.fern);
    const std::string tricky = "Er sagte \"bitte\" \\ danach:\nZeile zwei\tmit Tab – Grüße 👋";
    auto first = ask(alice, "garden", {{"text", tricky}});
    auto second = ask(alice, "shopping");
    auto third = ask(bea, "garden");

    auto all = bea.get("/api/p/help/requests");
    INFO(all.body);
    REQUIRE(all.status == 200);
    const auto body = all.json();
    CHECK(ids(body) == std::vector<std::int64_t>{third.at("id").as_int64(), second.at("id").as_int64(), first.at("id").as_int64()});
    CHECK(body.at("neighbourhood_id").as_int64() == s.nord);
    CHECK(body.at("next_before").is_null());
    const auto& oldest = body.at("requests").as_array().at(2);
    CHECK(str(oldest.at("text")) == tricky);
    CHECK(str(oldest.at("category_name")) == "Garden");  // bea reads English
    CHECK_FALSE(oldest.at("mine").as_bool());
    CHECK(str(oldest.at("asker").at("display_name")) == "alice");
    CHECK(oldest.at("risk_group").is_null());
    CHECK(body.at("requests").as_array().at(0).at("mine").as_bool());

    // Two at a time: the first page names where the next begins.
    auto page = bea.get("/api/p/help/requests?limit=2").json();
    CHECK(ids(page).size() == 2);
    REQUIRE(page.at("next_before").is_int64());
    auto rest = bea.get("/api/p/help/requests?limit=2&before=" + std::to_string(page.at("next_before").as_int64())).json();
    CHECK(ids(rest) == std::vector<std::int64_t>{first.at("id").as_int64()});
    CHECK(rest.at("next_before").is_null());

    // The category filter, and the own neighbourhood named explicitly.
    auto gardens = bea.get("/api/p/help/requests?category=garden&neighbourhood_id=" + std::to_string(s.nord));
    INFO(gardens.body);
    REQUIRE(gardens.status == 200);
    CHECK(ids(gardens.json()) == std::vector<std::int64_t>{third.at("id").as_int64(), first.at("id").as_int64()});

    // Refusals: someone else's neighbourhood, one that does not exist, bad parameters.
    CHECK(fritz.get("/api/p/help/requests?neighbourhood_id=" + std::to_string(s.nord)).error_code() == "not_your_neighbourhood");
    CHECK(fritz.get("/api/p/help/requests?neighbourhood_id=987654").error_code() == "invalid_neighbourhood_id");
    CHECK(bea.get("/api/p/help/requests?category=juggling").error_code() == "invalid_category");
    CHECK(bea.get("/api/p/help/requests?limit=0").status == 400);
    CHECK(bea.get("/api/p/help/requests?status=lost").error_code() == "invalid_status");
  });
}
