// ABI 1.3 (help): qt_user.residence_verified_at, read from plain C by the fixture abi13_help
// (tests/plugins/fixtures/abi13_help/trust.c) through user_get and user_list, and used by the help
// plugin: with [plugins.help] risk_group_trusted_helpers switched on, a risk-group request reaches
// and accepts only helpers with a confirmed residence (or staff). On SQLite and PostgreSQL.
#include "help_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::help;

namespace {
std::int64_t verified(Person& staff, const std::string& target) {
  auto r = staff.get(target);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.json().at("residence_verified_at").as_int64();
}
}  // namespace

TEST_CASE("ABI 1.3 help: a confirmed residence reaches C plugins and gates risk-group requests", "[help][abi13]") {
  for_each_dialect([](const DbTarget& target) {
    HelpServer s(target.url, "risk_group_trusted_helpers = true", true);
    auto amt = s.person("amt", 0, "admin");
    auto clara = s.person("clara", 0, "staff");
    auto alice = s.person("alice", s.nord);
    auto hans = s.person("hans", s.nord);
    auto vera = s.person("vera", s.nord);
    auto codes = amt.send("POST", "/api/admin/residence-codes", {{"neighbourhood_id", s.nord}, {"count", 1}});
    INFO(codes.body);
    REQUIRE(codes.status == 201);
    const auto code = str(codes.json().at("codes").as_array().at(0));
    REQUIRE(vera.send("POST", "/api/me/residence", {{"code", code}}).status == 200);

    // From C: user_get and user_list carry the time of the confirmation, 0 for none.
    const auto path = [](std::int64_t id) { return "/api/p/abi13_help/people/" + std::to_string(id); };
    CHECK(verified(clara, path(vera.id)) > 1700000000000);
    CHECK(verified(clara, path(hans.id)) == 0);
    CHECK(clara.get(path(987654)).status == 404);
    CHECK(hans.get(path(vera.id)).status == 403);
    auto area = clara.get("/api/p/abi13_help/neighbourhoods/" + std::to_string(s.nord));
    REQUIRE(area.status == 200);
    int seen = 0;
    const auto people = area.json();
    for (const auto& p : people.at("people").as_array()) {
      const auto id = p.at("id").as_int64();
      if (id == vera.id) {
        CHECK(p.at("residence_verified_at").as_int64() > 0);
        ++seen;
      }
      if (id == hans.id) {
        CHECK(p.at("residence_verified_at").as_int64() == 0);
        ++seen;
      }
    }
    CHECK(seen == 2);

    // The help plugin: a risk-group request reaches vera only, and only she may answer it.
    offer(hans, "shopping", s.nord);
    offer(vera, "shopping", s.nord);
    auto risky = ask(alice, "shopping", {{"risk_group", true}});
    CHECK(risky.at("helpers_notified").as_int64() == 1);
    CHECK(titles(hans, "help.match").empty());
    CHECK(titles(vera, "help.match").size() == 1);
    auto no = hans.send("POST", rpath(risky, "/respond"));
    CHECK(no.status == 403);
    CHECK(no.error_code() == "residence_not_confirmed");
    CHECK(alice.get(rpath(risky)).json().at("response_count").as_int64() == 0);
    CHECK(vera.send("POST", rpath(risky, "/respond")).status == 201);
    CHECK(clara.send("POST", rpath(risky, "/respond")).status == 201);  // staff count as trusted

    // Without the mark, everyone matching is told and may help.
    auto plain = ask(alice, "shopping");
    CHECK(plain.at("helpers_notified").as_int64() == 2);
    CHECK(hans.send("POST", rpath(plain, "/respond")).status == 201);
  });
}
