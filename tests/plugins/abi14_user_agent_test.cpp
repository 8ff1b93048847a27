// ABI 1.4: a plugin's own product tokens after the core's User-Agent (qt_http_request.
// user_agent_product), through the real server and the plain-C fixture abi12_c on SQLite and
// PostgreSQL, against the loopback origin that echoes the header it received; and the host's
// refusals of tokens that are not printable ASCII, too long or padded, with nothing sent.
#include "abi12_jobs_support.hpp"

#include "pg_test_db.hpp"
#include "quartier/plugin.h"

using namespace qt::test;
using namespace qt::test::jobs;

namespace {

HttpResponse fetch_with(HttpClient& http, const Origin& origin, const std::string& product) {
  return http.get("/api/p/abi12_c/jobs/fetch-blocking?url=" + enc(origin.url("/echo")) + "&product=" + enc(product));
}

std::string received_agent(const HttpResponse& r) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return std::string(boost::json::parse(std::string(r.json().at("body").as_string())).at("user_agent").as_string());
}

}  // namespace

TEST_CASE("http_fetch appends the plugin's product token to the core's User-Agent", "[plugins][abi14]") {
  STATIC_REQUIRE(QT_ABI_MINOR >= 4);
  Origin origin;
  for_each_dialect([&](const DbTarget& target) {
    auto setup = fixture_setup(target.url, "http_allow = [\"127.0.0.1\"]");
    setup.server_toml = {"public_url = \"https://city.example\""};
    TestServer server(setup);
    auto http = server.client();

    const auto with = received_agent(fetch_with(http, origin, "quartier-fixture/1.4 abi-test (C)"));
    CHECK_THAT(with, Catch::StartsWith("Quartier/") &&
                         Catch::EndsWith(" (+https://city.example) quartier-fixture/1.4 abi-test (C)"));
    // Without one the header is the core's alone.
    CHECK_THAT(received_agent(fetch_with(http, origin, "")), Catch::EndsWith(" (+https://city.example)"));

    // Refused before anything is sent: a line break, a non-ASCII character, padding, too long.
    const std::string too_long(QT_USER_AGENT_PRODUCT_MAX + 1, 'x');
    const int sent = origin.count();
    for (const std::string& bad : {std::string("bridge/1.0\r\nX-Evil: 1"), std::string("Brücke/1.0"), std::string(" bridge/1.0"),
                                  std::string("bridge/1.0 "), too_long}) {
      auto r = fetch_with(http, origin, bad);
      INFO(bad << " -> " << r.status << " " << r.body);
      CHECK(r.status == 502);
      CHECK(r.error_code() == "status_-1");  // QT_ERR_INVALID, as the fixture reports it
      CHECK_THAT(r.body, Catch::Contains("user_agent_product must be at most 128 bytes of printable ASCII"));
    }
    CHECK(origin.count() == sent + 1);  // only the count itself: nothing refused reached the origin
    CHECK_THAT(fetch_with(http, origin, too_long).body, Catch::Contains("got 129 bytes"));
    CHECK_THAT(fetch_with(http, origin, "Brücke/1.0").body, Catch::Contains("non-ASCII"));
    // Exactly the cap is fine.
    CHECK_THAT(received_agent(fetch_with(http, origin, std::string(QT_USER_AGENT_PRODUCT_MAX, 'y'))),
               Catch::EndsWith(" " + std::string(QT_USER_AGENT_PRODUCT_MAX, 'y')));
  });
}
