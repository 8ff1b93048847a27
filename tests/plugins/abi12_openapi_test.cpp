// The API contract (ABI 1.2 area "openapi") through the real server: GET /api/openapi.json
// serves the core's description merged with the fragment each enabled plugin ships as
// <plugin dir>/<name>/openapi.yaml (groups, and the plain-C fixture abi12_c), on SQLite and
// PostgreSQL; a fragment that does not parse or collides stops the start with a message naming
// the plugin, the file and what is wrong.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "temp_dir.hpp"
#include "test_server.hpp"

using qt::test::ServerSetup;
using qt::test::TestServer;

namespace {

namespace fs = std::filesystem;
const fs::path kBundled = QUARTIER_PLUGIN_BUILD_DIR;
const fs::path kFixtures = QT_TEST_PLUGIN_DIR;

// A plugin folder holding the given plugins (library and folder: ui/, openapi.yaml) from dir.
void add_plugin(const qt::test::TempDir& plugins, const fs::path& from, const std::string& name) {
  fs::copy_file(from / (name + ".so"), plugins / (name + ".so"));
  if (fs::exists(from / name)) fs::copy(from / name, plugins / name, fs::copy_options::recursive);
}

// Every operation of the description, as "METHOD path".
std::vector<std::pair<std::string, const boost::json::object*>> operations(const boost::json::object& doc) {
  std::vector<std::pair<std::string, const boost::json::object*>> out;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object())
      if (method != "parameters" && op.is_object()) out.emplace_back(std::string(method) + " " + std::string(path), &op.as_object());
  return out;
}

// Starts `serve` on a plugin folder whose abi12_c carries `fragment` as `file`; returns the run.
qt::test::RunResult serve_with_fragment(const std::string& file, const std::string& fragment,
                                        const std::string& enabled = "\"abi12_c\"") {
  qt::test::TempDir plugins, dir;
  add_plugin(plugins, kFixtures, "abi12_c");
  add_plugin(plugins, kBundled, "groups");
  fs::remove(plugins / "abi12_c" / "openapi.yaml");
  plugins.write("abi12_c/" + file, fragment);
  auto config = dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:0\"\ndevelopment = true\n[database]\nurl = \"sqlite:" +
                                        (dir / "q.db").string() + "\"\n[plugins]\ndir = \"" + plugins.path().string() +
                                        "\"\nenabled = [" + enabled + "]\n");
  return qt::test::run_quartier({"serve", "--config", config.string()});
}

}  // namespace

TEST_CASE("openapi: the server serves the core's description merged with each plugin's fragment", "[plugins][server][openapi]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    qt::test::TempDir plugins;
    add_plugin(plugins, kBundled, "groups");
    add_plugin(plugins, kFixtures, "abi12_c");
    ServerSetup setup;
    setup.database_url = target.url;
    setup.plugin_dir = plugins.path().string();
    setup.plugins = {"groups", "abi12_c"};
    TestServer server(setup);
    auto http = server.client();

    auto res = http.get("/api/openapi.json");
    REQUIRE(res.status == 200);
    CHECK_THAT(res.header("content-type").value_or(""), Catch::StartsWith("application/json"));
    auto doc = res.json().as_object();
    CHECK(doc.at("openapi").as_string() == "3.1.0");
    const auto& paths = doc.at("paths").as_object();
    CHECK(paths.contains("/api/me"));                               // the core
    CHECK(paths.contains("/api/openapi.json"));                     // describes itself
    CHECK(paths.contains("/api/p/groups/groups/{slug}/members"));   // groups' fragment
    CHECK(paths.contains("/api/p/abi12_c/openapi/echo/{word}"));    // the C fixture's fragment
    const auto& schemas = doc.at("components").at("schemas").as_object();
    CHECK(schemas.contains("User"));
    CHECK(schemas.contains("GroupsGroup"));
    CHECK(doc.at("components").at("responses").as_object().contains("Abi12cError"));
    std::vector<std::string> ids;
    for (const auto& [name, op] : operations(doc)) {
      INFO(name);
      REQUIRE(op->contains("operationId"));
      ids.emplace_back(op->at("operationId").as_string());
    }
    CHECK(ids.size() > 100);
    std::sort(ids.begin(), ids.end());
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
    CHECK(http.get("/api/openapi.json").body == res.body);  // built once, served the same

    // The described route answers as described.
    auto echo = http.get("/api/p/abi12_c/openapi/echo/Quartier");
    REQUIRE(echo.status == 200);
    CHECK(echo.json() == boost::json::parse(R"({"word":"Quartier","length":8})"));
    auto bad = http.get("/api/p/abi12_c/openapi/echo/no%20spaces");
    CHECK(bad.status == 400);
    CHECK(bad.error_code() == "invalid_word");
  });
}

TEST_CASE("openapi: without plugins the description is the core's, and a JSON fragment works too", "[plugins][server][openapi]") {
  TestServer bare;
  auto doc = bare.client().get("/api/openapi.json").json().as_object();
  for (const auto& kv : doc.at("paths").as_object()) CHECK_FALSE(std::string(kv.key()).starts_with("/api/p/"));

  auto run = serve_with_fragment("openapi.json", R"({"openapi": "3.1.0", "paths": {"/api/p/abi12_c/x": {}}, "extra": [}})");
  CHECK(run.exit_code == 4);
  CHECK_THAT(run.output, Catch::Contains("abi12_c/openapi.json") && Catch::Contains("does not parse"));

  qt::test::TempDir plugins;
  add_plugin(plugins, kFixtures, "abi12_c");
  fs::remove(plugins / "abi12_c" / "openapi.yaml");
  plugins.write("abi12_c/openapi.json", R"({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
    "paths": {"/api/p/abi12_c/openapi/echo/{word}": {"get": {"operationId": "abi12cJson", "responses": {"200": {"description": "ok"}}}}}})");
  ServerSetup setup;
  setup.plugin_dir = plugins.path().string();
  setup.plugins = {"abi12_c"};
  TestServer server(setup);
  auto served = server.client().get("/api/openapi.json").json();
  CHECK(served.at("paths").at("/api/p/abi12_c/openapi/echo/{word}").at("get").at("operationId").as_string() == "abi12cJson");
}

TEST_CASE("openapi: a fragment that does not parse or collides stops the start and names the plugin", "[plugins][server][openapi]") {
  const std::string head = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";
  const std::string op = "    get: {operationId: OPID, responses: {'200': {description: ok}}}\n";
  auto path = [&](const std::string& p, const std::string& id) {
    auto o = op;
    o.replace(o.find("OPID"), 4, id);
    return "paths:\n  " + p + ":\n" + o;
  };
  struct Case {
    std::string what, fragment, expect, enabled = "\"abi12_c\"";
  };
  const std::vector<Case> cases{
      {"YAML that does not parse", head + "paths:\n  /api/p/abi12_c/x: [unclosed\n", "it does not parse"},
      {"not OpenAPI 3.1", "swagger: '2.0'\n" + path("/api/p/abi12_c/x", "abi12cX"), "not an OpenAPI 3.1 document"},
      {"no paths", head, "no 'paths' object"},
      {"a path outside its prefix", head + path("/api/p/groups/steal", "abi12cSteal"), "'/api/p/groups/steal' is not under /api/p/abi12_c/"},
      {"a core path", head + path("/api/me", "abi12cMe"), "'/api/me' is not under /api/p/abi12_c/"},
      {"a core operationId", head + path("/api/p/abi12_c/x", "getMe"), "operationId 'getMe' of '/api/p/abi12_c/x' is already used by the core"},
      {"a duplicate operationId", head + "paths:\n  /api/p/abi12_c/a:\n" + op.substr(0, op.find("OPID")) + "twice" +
                                      op.substr(op.find("OPID") + 4) + "  /api/p/abi12_c/b:\n" +
                                      op.substr(0, op.find("OPID")) + "twice" + op.substr(op.find("OPID") + 4),
       "operationId 'twice'"},
      {"a different core component", head + path("/api/p/abi12_c/x", "abi12cX") + "components:\n  schemas:\n    User: {type: string}\n",
       "the component schemas/User differs from the one of the core"},
      {"another plugin's component", head + path("/api/p/abi12_c/x", "abi12cX") + "components:\n  schemas:\n    GroupsRole: {type: string}\n",
       "the component schemas/GroupsRole differs from the one of plugin 'groups'", "\"groups\", \"abi12_c\""},
  };
  for (const auto& c : cases) {
    auto run = serve_with_fragment("openapi.yaml", c.fragment, c.enabled);
    INFO(c.what << ":\n" << run.output);
    CHECK(run.exit_code == 4);
    CHECK_THAT(run.output, Catch::Contains("abi12_c/openapi.yaml: plugin 'abi12_c': its OpenAPI fragment is refused") &&
                               Catch::Contains(c.expect));
  }
}
