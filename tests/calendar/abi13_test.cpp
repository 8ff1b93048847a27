// ABI 1.3 (calendar), through the real server and the plain-C fixture abi13_calendar on SQLite
// and PostgreSQL: can_write_container answers with the core's own write rule (the city for
// anyone signed in, a neighbourhood for its residents and staff, a profile for its owner, a
// plugin's container for its active members; never anonymous) and refuses unknown ids.
#include <filesystem>

#include "calendar_fixture.hpp"

using namespace qt::test;
using namespace qt::test::cal;

namespace {

ServerSetup fixture_setup(const std::string& url) {
  ServerSetup s;
  s.database_url = url;
  s.plugin_dirs = {QT_CAL_FIXTURE_DIR, QT_CAL_PLUGIN_DIR};
  s.plugins = {"abi13_calendar", "groups", "calendar"};
  return s;
}

}  // namespace

TEST_CASE("ABI 1.3 calendar: the core's write rule from C", "[calendar][abi13]") {
  for_each_dialect([](const DbTarget& target) {
    SmtpSink smtp;
    TestServer server(fixture_setup(target.url));
    auto person = [&](const std::string& name, const std::string& role) {
      auto r = run_quartier({"-c", server.config_path().string(), "user", "add", "--email", name + "@teststadt.test", "--name", name,
                             "--role", role});
      REQUIRE(r.exit_code == 0);
      std::smatch m;
      REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
      Person p;
      p.http = std::make_unique<HttpClient>(server.port());
      auto login = p.http->send_json("POST", "/api/auth/login", {{"email", name + "@teststadt.test"}, {"password", std::string(m[1])}});
      REQUIRE(login.status == 200);
      p.http->csrf_token = std::string(login.json().at("csrf_token").as_string());
      p.id = p.http->get("/api/me").json().at("user").at("id").as_int64();
      return p;
    };
    auto admin = person("admin", "admin");
    auto anna = person("anna", "resident");
    auto ben = person("ben", "resident");
    auto sara = person("sara", "staff");
    const auto altstadt = make_neighbourhood(admin, "altstadt");
    ok(anna.send("PATCH", "/api/me", {{"neighbourhood_id", altstadt}}));
    const auto city = calendar_of(anna, "city").at("id").as_int64();
    const auto alt = calendar_of(anna, "neighbourhood").at("id").as_int64();
    auto g = ok(anna.send("POST", "/api/p/groups/groups", {{"name", "Chor"}, {"visibility", "public"}, {"category", "verein"}}), 201);
    const auto chor = g.at("container_id").as_int64();

    auto anon = HttpClient(server.port());
    auto may = [&](const Person& who, std::int64_t container) {
      auto r = anon.get("/api/p/abi13_calendar/can-write?user=" + std::to_string(who.id) + "&container=" + std::to_string(container));
      INFO(r.body);
      REQUIRE(r.status == 200);
      return r.json().at("may").as_bool();
    };
    CHECK(may(anna, city));
    CHECK(may(ben, city));
    CHECK(may(anna, alt));
    CHECK_FALSE(may(ben, alt));  // not his neighbourhood
    CHECK(may(sara, alt));       // staff
    CHECK(may(anna, chor));
    CHECK_FALSE(may(ben, chor));  // not a member
    auto zero = anon.get("/api/p/abi13_calendar/can-write?user=0&container=" + std::to_string(city));
    CHECK(zero.json().at("may").as_bool() == false);  // anonymous
    CHECK(anon.get("/api/p/abi13_calendar/can-write?user=" + std::to_string(anna.id) + "&container=999999").status == 404);
    CHECK(anon.get("/api/p/abi13_calendar/can-write?user=999999&container=" + std::to_string(city)).status == 404);
  });
}
