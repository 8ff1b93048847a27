// `quartier demo-data` gives scripts/run a town one can log in to and read.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "test_server.hpp"

using namespace qt::test;

TEST_CASE("demo-data creates people and content that the server shows, once", "[cli][demo]") {
  TempDir dir;
  const auto url = "sqlite:" + (dir / "q.db").string();
  const auto cfg = dir.write("q.toml", "[database]\nurl = \"" + url + "\"\n");
  auto first = run_quartier({"demo-data", "--config", cfg.string()});
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.output, Catch::Contains("admin@quartier.test"));
  CHECK_THAT(first.output, Catch::Contains("Demo content: 4 posts"));
  auto second = run_quartier({"demo-data", "--config", cfg.string()});
  CHECK(second.exit_code == 0);
  CHECK_THAT(second.output, Catch::Contains("nothing added"));

  ServerSetup setup;
  setup.database_url = url;
  TestServer server(setup);
  auto c = server.client();
  auto login = c.send_json("POST", "/api/auth/login",
                           boost::json::object{{"email", "anna@quartier.test"}, {"password", "Demo-Anna-Quartier-1"}});
  INFO(login.body);
  REQUIRE(login.status == 200);
  c.csrf_token = std::string(login.json().at("csrf_token").as_string());
  auto stream = c.get("/api/stream?scope=home");
  INFO(stream.body);
  REQUIRE(stream.status == 200);
  CHECK(stream.body.find("Willkommen bei Quartier") != std::string::npos);
  CHECK(stream.body.find("Frühjahrsputz") != std::string::npos);
}
