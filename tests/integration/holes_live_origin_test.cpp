// Issue 27, cross-site WebSocket: a page on another site could open /api/live with the
// resident's cookie (browsers send it along with an upgrade) and read their live events. The
// gate refuses an upgrade whose Origin is not this server, or that the browser marks cross-site,
// even when the session is valid; the same session from our own origin is let in.
#include "holes_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::holes;

TEST_CASE("a signed-in WebSocket upgrade from a foreign origin is refused with 403", "[holes][websocket][origin]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer s("", target.url);
    const auto pw = s.add_user("wanda@teststadt.test", "Wanda");
    auto wanda = s.login("wanda@teststadt.test", pw);
    const auto cookie = cookie_header(wanda);
    const auto port = s.server.port();
    const std::string own = "http://127.0.0.1:" + std::to_string(port);

    // Control: the session is good, and our own origin is let in (101, then the hello frame).
    auto ok = upgrade(port, cookie, {{"Origin", own}});
    INFO(ok.status << " " << ok.body);
    REQUIRE(ok.status == 101);
    WsClient live(port, "/api/live", {{"Cookie", cookie}, {"Origin", own}});
    const auto hello = live.receive();
    REQUIRE(hello);
    CHECK_THAT(*hello, Catch::Contains("\"hello\""));

    // Another site, the same cookie: refused before anything is sent.
    const std::vector<std::string> foreign = {"http://evil.test", "https://127.0.0.1.evil.test", "null",
                                              "http://127.0.0.1:" + std::to_string(port + 1)};
    for (const auto& origin : foreign) {
      INFO("Origin: " << origin);
      auto r = upgrade(port, cookie, {{"Origin", origin}});
      INFO(r.body);
      CHECK(r.status == 403);
      CHECK(r.error_code() == "foreign_origin");
    }
    // A browser that marks the request cross-site (Sec-Fetch-Site) is refused even with our Origin.
    auto marked = upgrade(port, cookie, {{"Origin", own}, {"Sec-Fetch-Site", "cross-site"}});
    INFO(marked.body);
    CHECK(marked.status == 403);
    CHECK(marked.error_code() == "cross_site");

    // The same refusal through the WebSocket client a script would use.
    try {
      WsClient hijack(port, "/api/live", {{"Cookie", cookie}, {"Origin", "http://evil.test"}});
      FAIL("the cross-site upgrade should have been refused");
    } catch (const std::runtime_error& e) {
      CHECK_THAT(e.what(), Catch::Contains("403"));
    }
  });
}
