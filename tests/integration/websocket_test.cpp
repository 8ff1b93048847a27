// WebSocket upgrades on the real server: the gate refuses anonymous clients, and the test
// client itself copes with refusals and silent servers.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "test_server.hpp"

using namespace qt::test;
using namespace std::chrono_literals;

TEST_CASE("an anonymous WebSocket upgrade is refused with 401, an unknown path with 404", "[server][websocket]") {
  TestServer server;
  try {
    WsClient ws(server.port(), "/api/live");
    FAIL("the upgrade should have been refused");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("401"));
  }
  try {
    WsClient ws(server.port(), "/api/nothing", {{"Cookie", "quartier_session=not-a-session"}, {"Origin", "http://127.0.0.1"}});
    FAIL("the upgrade should have been refused");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains("404"));
  }
  CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("a logged-in client gets hello, survives a quiet spell, and is answered pong", "[server][websocket]") {
  TestServer server;
  auto made = run_quartier({"user", "add", "--email", "ws@example.org", "--name", "Wanda", "--config",
                            server.config_path().string()});
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  const auto at = made.output.find("password: ");
  REQUIRE(at != std::string::npos);
  const auto password = made.output.substr(at + 10, made.output.find('\n', at) - at - 10);

  auto c = server.client();
  auto login = c.send_json("POST", "/api/auth/login",
                           boost::json::object{{"email", "ws@example.org"}, {"password", password}});
  INFO(login.body);
  REQUIRE(login.status == 200);
  std::string cookie;
  for (const auto& [k, v] : c.cookies()) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;

  WsClient ws(server.port(), "/api/live",
              {{"Cookie", cookie}, {"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
  const auto hello = ws.receive();
  REQUIRE(hello);
  CHECK_THAT(*hello, Catch::Contains("\"hello\""));
  CHECK_FALSE(ws.receive(200ms));  // nothing to say: a timeout, and the connection stays usable
  ws.send(R"({"type":"ping"})");
  const auto pong = ws.receive();
  REQUIRE(pong);
  CHECK_THAT(*pong, Catch::Contains("\"pong\""));
  // Shutdown closes live connections instead of waiting for them.
  CHECK(server.stop() == 0);
  CHECK_FALSE(ws.receive(2000ms));
}
