// Beyond issue 27's six: a plugin's state-changing routes are covered by the core's CSRF and
// cross-site checks like the core's own (the plugin host mounts them with csrf on), through the
// real server with the groups plugin on SQLite and PostgreSQL. Without the token, with a wrong
// one, from a foreign Origin or marked cross-site: 403, and nothing changes.
#include "groups_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::groups;

TEST_CASE("a plugin route refuses a state change without the CSRF token or from another site", "[groups][csrf][holes]") {
  for_each_dialect([](const DbTarget& target) {
    GroupsServer s(target.url);
    auto alice = s.person("alice");
    const std::string own = "http://127.0.0.1:" + std::to_string(s.server.port());
    const std::string body = R"({"name":"Gekapert","visibility":"public","category":"verein"})";
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> attempts = {
        {"no token", {{"Content-Type", "application/json"}, {"Origin", own}}},
        {"wrong token", {{"Content-Type", "application/json"}, {"Origin", own}, {"X-CSRF-Token", "nicht-das-richtige-token-0000000000000"}}},
        {"foreign origin", {{"Content-Type", "application/json"}, {"Origin", "http://evil.test"}, {"X-CSRF-Token", alice.http->csrf_token}}},
        {"cross-site", {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", "cross-site"}, {"X-CSRF-Token", alice.http->csrf_token}}},
    };
    for (const auto& [what, headers] : attempts) {
      INFO(what);
      auto r = alice.http->request("POST", "/api/p/groups/groups", body, headers);
      INFO(r.body);
      CHECK(r.status == 403);
    }
    auto g = create_group(alice, "Lauftreff", "public");
    auto del = alice.http->request("DELETE", gpath(g), "{\"confirm\":\"" + slug(g) + "\"}",
                                   {{"Content-Type", "application/json"}, {"Origin", own}});
    INFO(del.body);
    CHECK(del.status == 403);
    auto mine = slugs(alice.get("/api/p/groups/groups/mine"));
    CHECK(mine.size() == 1);
    CHECK(has(mine, slug(g)));
  });
}
