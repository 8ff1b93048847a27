// Declared plugin settings (ABI 1.2) and the tools that run what the server would refuse: the
// server refuses to start on a section that does not fit, `check-config` says the same, defaults
// reach config_get, the admin API lists each setting (secret values hidden); `plugins check`
// reports a misnamed file, a descriptor that differs after init and a failing init by its name.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "temp_dir.hpp"
#include "test_server.hpp"

using qt::test::ServerSetup;
using qt::test::TestServer;

namespace {

const std::filesystem::path kFixtures = QT_TEST_PLUGIN_DIR;
const std::filesystem::path kBundled = QUARTIER_PLUGIN_BUILD_DIR;

std::filesystem::path config_with(const qt::test::TempDir& dir, const std::string& url, const std::string& enabled,
                                  const std::string& sections) {
  return dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:0\"\ndevelopment = true\n[database]\nurl = \"" + url + "\"\n[plugins]\ndir = \"" +
                                 kFixtures.string() + "\"\nenabled = [" + enabled + "]\n" + sections);
}

// Signs in a new admin on `http`.
void sign_in_admin(const TestServer& server, qt::test::HttpClient& http) {
  auto add = qt::test::run_quartier({"--config", server.config_path().string(), "user", "add", "--email",
                                     "admin@example.org", "--name", "Ada", "--role", "admin"});
  REQUIRE(add.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(add.output, m, std::regex("password: (\\S+)")));
  auto login = http.send_json("POST", "/api/auth/login", {{"email", "admin@example.org"}, {"password", m[1].str()}});
  REQUIRE(login.status == 200);
  http.csrf_token = std::string(login.json().at("csrf_token").as_string());
}

const boost::json::object& setting(const boost::json::array& list, std::string_view key) {
  for (const auto& s : list)
    if (s.at("key").as_string() == key) return s.as_object();
  FAIL("no setting " << key);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a section that does not fit the declared settings stops the server and check-config alike",
          "[plugins][server][abi12][settings]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    qt::test::TempDir dir;
    auto config = config_with(dir, target.url, "\"abi12_c\"",
                              "[plugins.abi12_c]\nlmit = 3\nlimit = \"drei\"\nverbose = 1\nhosts = [\"a\", 2]\n");
    for (const auto& args : std::vector<std::vector<std::string>>{{"serve", "--config", config.string()},
                                                                   {"check-config", "--config", config.string()}}) {
      auto r = qt::test::run_quartier(args);
      INFO(args[0] << ": " << r.output);
      CHECK(r.exit_code == 4);
      CHECK_THAT(r.output, Catch::Contains("[plugins.abi12_c] unknown key 'lmit'") &&
                               Catch::Contains("declares only greeting, limit, verbose, hosts, api_key, jobs_tick_ms") &&
                               Catch::Contains("key 'limit' must be an integer (int), but it is a string") &&
                               Catch::Contains("key 'verbose' must be true or false (bool), but it is an integer") &&
                               Catch::Contains("key 'hosts' must be a list of strings (list)"));
    }
    // A required key that is missing: named with its type and what it is for.
    auto needs = config_with(dir, target.url, "\"needs_token\"", "");
    for (const char* cmd : {"serve", "check-config"}) {
      auto r = qt::test::run_quartier({cmd, "--config", needs.string()});
      INFO(r.output);
      CHECK(r.exit_code == 4);
      CHECK_THAT(r.output, Catch::Contains("[plugins.needs_token] required key 'token' (a string) is missing: "
                                           "The service's access token."));
    }
    // Fixed, both pass; the check leaves no database behind.
    auto good = config_with(dir, target.url, "\"abi12_c\", \"needs_token\"",
                            "[plugins.abi12_c]\nlimit = 3\nhosts = [\"a.example\"]\n[plugins.needs_token]\ntoken = \"s3cret\"\n");
    auto ok = qt::test::run_quartier({"check-config", "--config", good.string()});
    INFO(ok.output);
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.output, Catch::Contains("OK:"));
  });
}

TEST_CASE("declared defaults reach config_get and the admin API lists settings with secrets hidden",
          "[plugins][server][abi12][settings]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    ServerSetup setup;
    setup.database_url = target.url;
    setup.plugin_dir = kFixtures.string();
    setup.plugins = {"abi12_c", "needs_token"};
    setup.extra_toml = "[plugins.abi12_c]\nlimit = 3\napi_key = \"geheim\"\n[plugins.needs_token]\ntoken = \"s3cret\"\n";
    TestServer server(setup);
    auto http = server.client();
    auto seen = http.get("/api/p/abi12_c/chelpers/settings").json();
    CHECK(seen.at("greeting").as_string() == "Hallo");  // default
    CHECK(seen.at("limit").as_string() == "3");         // from the file (numbers as JSON text)
    CHECK(seen.at("verbose").as_string() == "false");
    CHECK(seen.at("hosts").as_string() == "[]");
    CHECK(seen.at("api_key").as_string() == "geheim");  // the plugin sees its secret
    CHECK(seen.at("json").at("greeting").as_string() == "Hallo");

    CHECK(http.get("/api/admin/plugins/settings").status == 401);
    auto admin = server.client();
    sign_in_admin(server, admin);
    auto listing = admin.get("/api/admin/plugins/settings");
    REQUIRE(listing.status == 200);
    CHECK_THAT(listing.body, !Catch::Contains("geheim") && !Catch::Contains("s3cret"));
    auto doc = listing.json();
    const auto& plugins = doc.at("plugins").as_array();
    REQUIRE(plugins.size() == 2);
    CHECK(plugins[0].at("name").as_string() == "abi12_c");
    const auto& list = plugins[0].at("settings").as_array();
    CHECK(list.size() == 6);
    CHECK(setting(list, "limit").at("value").as_int64() == 3);
    CHECK(setting(list, "limit").at("default").as_int64() == 10);
    CHECK(setting(list, "limit").at("type").as_string() == "int");
    CHECK(setting(list, "greeting").at("value").as_string() == "Hallo");
    CHECK(setting(list, "greeting").at("description").at("de").as_string() == "Gruß der Testroute.");
    CHECK(setting(list, "api_key").at("secret").as_bool());
    CHECK(setting(list, "api_key").at("value").as_string() == "(hidden)");
    const auto& token = setting(plugins[1].at("settings").as_array(), "token");
    CHECK(token.at("required").as_bool());
    CHECK(token.at("value").as_string() == "(hidden)");
  });
}

TEST_CASE("plugins check runs what the server would refuse and names a failing init's error",
          "[plugins][cli][abi12]") {
  qt::test::TempDir dir;
  auto check = [](const std::filesystem::path& file) { return qt::test::run_quartier({"plugins", "check", file.string()}); };

  auto ok = check(kBundled / "hello_c.so");
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.output, Catch::StartsWith("accepted:"));

  std::filesystem::copy_file(kBundled / "hello_c.so", dir / "notes.so");
  auto renamed = check(dir / "notes.so");
  CHECK(renamed.exit_code == 4);
  CHECK_THAT(renamed.output, Catch::Contains("calls itself 'hello_c'") && Catch::Contains("name mismatch"));

  auto no_init = check(kFixtures / "no_init.so");
  CHECK(no_init.exit_code == 4);
  CHECK_THAT(no_init.output, Catch::Contains("missing entry symbol quartier_plugin_init"));

  auto mismatch = check(kFixtures / "desc_mismatch.so");
  CHECK(mismatch.exit_code == 4);
  CHECK_THAT(mismatch.output, Catch::Contains("version '9.9.9' differs from the version block's '0.0.1'"));

  auto fails = check(kFixtures / "init_fails.so");
  CHECK(fails.exit_code == 4);
  CHECK_THAT(fails.output, Catch::Contains("quartier_plugin_init() failed with QT_ERR_INVALID (-1)"));

  auto needs = check(kFixtures / "needs_token.so");  // no configuration gives the required key
  CHECK(needs.exit_code == 4);
  CHECK_THAT(needs.output, Catch::Contains("required key 'token'"));

  // The server says the same at start.
  auto config = config_with(dir, "sqlite:" + (dir / "q.db").string(), "\"init_fails\"", "");
  auto serve = qt::test::run_quartier({"serve", "--config", config.string()});
  CHECK(serve.exit_code == 4);
  CHECK_THAT(serve.output, Catch::Contains("failed with QT_ERR_INVALID (-1)"));
}
