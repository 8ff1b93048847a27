// The real server binary with plugins: hello_c over HTTP on SQLite and PostgreSQL, the C++
// boundary, refusals that stop startup, the older-descriptor plugin, and a disabled plugin that
// is never opened.
#include <catch2/catch.hpp>

#include <dirent.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "quartier/plugin.h"
#include "temp_dir.hpp"
#include "test_server.hpp"

using qt::test::ServerSetup;
using qt::test::TestServer;

namespace {

const std::filesystem::path kBundled = QUARTIER_PLUGIN_BUILD_DIR;
const std::filesystem::path kFixtures = QT_TEST_PLUGIN_DIR;

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// /proc/<pid>/maps of the server started with this config file.
std::string server_maps(const std::filesystem::path& config) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    auto cmdline = slurp(entry.path() / "cmdline");
    if (cmdline.find(config.string()) != std::string::npos && cmdline.find("serve") != std::string::npos)
      return slurp(entry.path() / "maps");
  }
  FAIL("server process not found");
  return {};
}

std::filesystem::path write_config(const qt::test::TempDir& dir, const std::filesystem::path& plugin_dir,
                                   const std::string& enabled) {
  return dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:0\"\ndevelopment = true\n[database]\nurl = \"sqlite:" + (dir / "q.db").string() +
                                 "\"\n[plugins]\ndir = \"" + plugin_dir.string() + "\"\nenabled = [" + enabled + "]\n");
}

}  // namespace

TEST_CASE("the server loads the C plugin and an HTTP client uses it", "[plugins][server]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    ServerSetup setup;
    setup.database_url = target.url;
    setup.plugins = {"hello_c"};
    setup.extra_toml = "[plugins.hello_c]\ngreeting = \"Moin\"\n";
    TestServer server(setup);
    auto http = server.client();

    auto meta = http.get("/api/meta");
    REQUIRE(meta.status == 200);
    auto m = meta.json().as_object();
    CHECK(m.at("municipality").at("name").as_string() == "Teststadt");
    REQUIRE(m.at("plugins").as_array().size() == 1);
    auto p = m.at("plugins").as_array()[0].as_object();
    CHECK(p.at("name").as_string() == "hello_c");
    CHECK(p.at("version").as_string() == "1.0.0");
    CHECK(p.at("ui").as_string() == "/plugins/hello_c/ui.js");
    CHECK(m.at("default_language").as_string() == "de");

    auto hello = http.get("/api/p/hello_c/hello");
    REQUIRE(hello.status == 200);
    CHECK(hello.json().at("hello").as_string() == "Moin");
    CHECK(hello.json().at("dialect").as_string() == (target.dialect == qt::db::Dialect::sqlite ? "sqlite" : "postgresql"));

    auto created = http.request("POST", "/api/p/hello_c/notes", "Straßenfest am Samstag", {{"Content-Type", "text/plain"}});
    REQUIRE(created.status == 201);
    auto id = created.json().at("id").as_int64();
    auto one = http.get("/api/p/hello_c/notes/" + std::to_string(id));
    REQUIRE(one.status == 200);
    CHECK(one.json().at("text").as_string() == "Straßenfest am Samstag");
    CHECK(http.get("/api/p/hello_c/notes").json().at("notes").as_array().size() == 1);
    CHECK(http.get("/api/p/hello_c/notes/12345").error_code() == "not_found");
    CHECK(http.get("/api/p/hello_c/mine").status == 401);  // QT_ACCESS_USER: the core's gate answers

    auto ui = http.get("/plugins/hello_c/ui.js");
    CHECK(ui.status == 200);
    CHECK_THAT(ui.header("content-type").value_or(""), Catch::Contains("javascript"));
    CHECK_THAT(ui.body, Catch::Contains("export function register(shell)"));
    // Fetched on every page load: revalidated by a weak ETag, and gzipped for clients that take it.
    const auto tag = ui.header("etag");
    REQUIRE(tag);
    CHECK(tag->rfind("W/\"", 0) == 0);
    auto unchanged = http.get("/plugins/hello_c/ui.js", {{"If-None-Match", *tag}});
    CHECK(unchanged.status == 304);
    CHECK(unchanged.body.empty());
    auto packed = http.get("/plugins/hello_c/ui.js", {{"Accept-Encoding", "gzip, br"}});
    CHECK(packed.status == 200);
    CHECK(packed.header("content-encoding") == std::optional<std::string>("gzip"));
    CHECK(packed.header("vary") == std::optional<std::string>("Accept-Encoding"));
    CHECK(packed.body.size() < ui.body.size());
    CHECK(packed.body.rfind("\x1f\x8b", 0) == 0);
    CHECK(http.get("/plugins/hello_c/..%2Fhello_c.so").status == 404);
    CHECK(http.get("/plugins/hello_c/missing.js").status == 404);
    CHECK(http.get("/plugins/other/ui.js").status == 404);

    // The data survives a restart (it is in the database, not in the plugin).
    CHECK(server.stop() == 0);
    TestServer again(setup);
    CHECK(again.client().get("/api/p/hello_c/notes").json().at("notes").as_array().size() == 1);
  });
}

TEST_CASE("a C++ handler that throws answers 500 and the server keeps serving", "[plugins][server]") {
  ServerSetup setup;
  setup.plugin_dir = kFixtures.string();
  setup.plugins = {"throws_cpp"};
  TestServer server(setup);
  auto http = server.client();
  auto ok = http.get("/api/p/throws_cpp/ok");
  REQUIRE(ok.status == 200);
  CHECK(ok.json().at("hits").as_int64() == 1);

  auto boom = http.get("/api/p/throws_cpp/boom");
  CHECK(boom.status == 500);
  CHECK(boom.error_code() == "plugin_error");
  CHECK_THAT(boom.body, !Catch::Contains("fixture failed"));  // the reason goes to the log only
  CHECK(http.get("/api/p/throws_cpp/teapot").status == 418);
  CHECK(http.get("/api/p/throws_cpp/teapot").error_code() == "teapot");
  CHECK(http.get("/api/p/throws_cpp/db-error").status == 500);
  for (int i = 0; i < 20; ++i) CHECK(http.get("/api/p/throws_cpp/boom").status == 500);

  auto again = http.get("/api/p/throws_cpp/ok");
  REQUIRE(again.status == 200);
  CHECK(again.json().at("hits").as_int64() == 2);
  CHECK(http.get("/healthz").status == 200);

  auto headers = http.get("/api/p/throws_cpp/headers",
                          {{"X-Custom", "Wert"}, {"Cookie", "qt_session=secret"}, {"X-CSRF-Token", "secret"}});
  REQUIRE(headers.status == 200);
  auto h = headers.json();
  CHECK(h.at("custom").as_string() == "Wert");
  CHECK(h.at("cookie").as_bool() == false);
  CHECK(h.at("csrf").as_bool() == false);
  CHECK(h.at("set_cookie_refused").as_bool() == true);
  CHECK(headers.header("x-plugin").value_or("") == "throws_cpp");
  CHECK_FALSE(headers.header("set-cookie"));
  const auto log = server.log();
  CHECK_THAT(log, Catch::Contains("boom: the fixture failed on purpose") && Catch::Contains("plugin handler failed") &&
                      Catch::Contains("no_such_table_anywhere"));
  CHECK(server.stop() == 0);
}

TEST_CASE("the server refuses a plugin built for a higher ABI major and does not start", "[plugins][server]") {
  qt::test::TempDir dir, markers;
  auto config = write_config(dir, kFixtures, "\"abi_future\"");
  auto r = qt::test::run_quartier({"serve", "--config", config.string()}, {{"QT_TEST_MARKER_DIR", markers.path().string()}});
  CHECK(r.exit_code == 4);
  CHECK_THAT(r.output, Catch::Contains((kFixtures / "abi_future.so").string()) &&
                           Catch::Contains("built for plugin ABI " + std::to_string(QT_ABI_MAJOR + 1) + ".") &&
                           Catch::Contains("this Quartier provides ABI " + std::to_string(QT_ABI_MAJOR) + "."));
  CHECK_FALSE(std::filesystem::exists(markers / "abi_future.init"));

  auto check = qt::test::run_quartier({"plugins", "check", (kFixtures / "abi_future.so").string()});
  CHECK(check.exit_code == 4);
  CHECK_THAT(check.output, Catch::StartsWith("refused:") && Catch::Contains("abi_future.so"));
  auto good = qt::test::run_quartier({"plugins", "check", (kBundled / "hello_c.so").string()});
  CHECK(good.exit_code == 0);
  CHECK_THAT(good.output, Catch::Contains("accepted") && Catch::Contains("'hello_c' 1.0.0"));

  // Other refusals stop startup the same way.
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"no_init", "missing entry symbol"}, {"needs_dep", "missing dependency"},
           {"bad_migration", "failed migration"}, {"misnamed", "name mismatch"}}) {
    qt::test::TempDir d;
    auto c = write_config(d, kFixtures, "\"" + name + "\"");
    auto rr = qt::test::run_quartier({"serve", "--config", c.string()});
    INFO(name << ": " << rr.output);
    CHECK(rr.exit_code == 4);
    CHECK_THAT(rr.output, Catch::Contains(name + ".so") && Catch::Contains(text));
  }
}

TEST_CASE("a plugin written against an older, smaller descriptor loads and works in the server", "[plugins][server]") {
  ServerSetup setup;
  setup.plugin_dir = kFixtures.string();
  setup.plugins = {"old_minor"};
  TestServer server(setup);
  auto r = server.client().get("/api/p/old_minor/ping");
  CHECK(r.status == 200);
  CHECK(r.body == "{\"pong\":\"old_minor\"}");
  auto meta = server.client().get("/api/meta").json();
  CHECK(meta.at("plugins").as_array()[0].at("ui").is_null());
}

TEST_CASE("a plugin built for ABI 1.5 loads and works on this newer host", "[plugins][server][abi16]") {
  STATIC_REQUIRE(QT_ABI_MINOR > 5);  // the fixture is built as 1.5: what every plugin of the round before is
  ServerSetup setup;
  setup.plugin_dir = kFixtures.string();
  setup.plugins = {"abi15_plugin"};
  TestServer server(setup);
  auto r = server.client().get("/api/p/abi15_plugin/ping");
  CHECK(r.status == 200);
  CHECK(r.body == "{\"pong\":\"abi15_plugin\"}");
}

TEST_CASE("the server never opens a disabled plugin's library", "[plugins][server]") {
  qt::test::TempDir plugins, markers;
  std::filesystem::copy_file(kBundled / "hello_c.so", plugins / "hello_c.so");
  std::filesystem::copy_file(kFixtures / "marker.so", plugins / "marker.so");
  ServerSetup setup;
  setup.plugin_dir = plugins.path().string();
  setup.plugins = {"hello_c"};
  setup.env = {{"QT_TEST_MARKER_DIR", markers.path().string()}};
  TestServer server(setup);
  CHECK(server.client().get("/api/p/hello_c/hello").status == 200);
  auto maps = server_maps(server.config_path());
  CHECK_THAT(maps, Catch::Contains((plugins / "hello_c.so").string()));
  CHECK_THAT(maps, !Catch::Contains("marker.so"));
  CHECK_FALSE(std::filesystem::exists(markers / "marker.loaded"));

  // `plugins list` shows it (that command does open it, to read its version block).
  auto list = qt::test::run_quartier({"--config", server.config_path().string(), "plugins", "list"});
  CHECK(list.exit_code == 0);
  CHECK_THAT(list.output, Catch::Contains("marker") && Catch::Contains("accepted (not enabled)"));
}

TEST_CASE("plugins receive each other's events and run background jobs in the server", "[plugins][server][events]") {
  qt::test::TempDir plugins;
  std::filesystem::copy_file(kBundled / "hello_c.so", plugins / "hello_c.so");
  std::filesystem::copy_file(kFixtures / "throws_cpp.so", plugins / "throws_cpp.so");
  ServerSetup setup;
  setup.plugin_dir = plugins.path().string();
  setup.plugins = {"hello_c", "throws_cpp"};
  TestServer server(setup);
  auto http = server.client();
  auto created = http.request("POST", "/api/p/hello_c/notes", "Ereignis", {{"Content-Type", "text/plain"}});
  REQUIRE(created.status == 201);
  auto events = http.get("/api/p/throws_cpp/events").json().at("events").as_array();
  REQUIRE(events.size() == 1);
  CHECK(events[0].at("topic").as_string() == "hello_c.note_created");
  CHECK(events[0].at("payload").as_string() == created.body);

  REQUIRE(http.request("POST", "/api/p/throws_cpp/later").status == 202);
  bool job_ran = false;
  for (int i = 0; i < 100 && !job_ran; ++i) {
    auto doc = http.get("/api/p/throws_cpp/events").json();
    for (const auto& e : doc.at("events").as_array())
      if (e.at("topic").as_string() == "job") job_ran = true;
    if (!job_ran) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(job_ran);
}

TEST_CASE("plugins list reports found, enabled, version, ABI and state", "[plugins][cli]") {
  qt::test::TempDir plugins, dir;
  std::filesystem::copy_file(kBundled / "hello_c.so", plugins / "hello_c.so");
  std::filesystem::copy_file(kFixtures / "abi_newer_minor.so", plugins / "abi_newer_minor.so");
  auto config = write_config(dir, plugins.path(), "\"hello_c\", \"ghost\"");
  auto list = qt::test::run_quartier({"--config", config.string(), "plugins", "list"});
  INFO(list.output);
  CHECK(list.exit_code == 4);  // an enabled plugin is missing
  CHECK_THAT(list.output, Catch::Contains("plugin folder: " + plugins.path().string()));
  const std::string abi = std::to_string(QT_ABI_MAJOR) + "\\." + std::to_string(QT_ABI_MINOR);
  const std::string newer = std::to_string(QT_ABI_MAJOR) + "\\." + std::to_string(QT_ABI_MINOR + 1);
  CHECK_THAT(list.output, Catch::Matches("(.|\n)*hello_c +yes +1\\.0\\.0 +" + abi + " +accepted\n(.|\n)*"));
  CHECK_THAT(list.output, Catch::Matches("(.|\n)*ghost +yes +- +- +missing: (.|\n)*"));
  CHECK_THAT(list.output, Catch::Matches("(.|\n)*abi_newer_minor +no +0\\.0\\.1 +" + newer + " +refused: (.|\n)*"));

  auto ok_config = write_config(dir, plugins.path(), "\"hello_c\"");
  CHECK(qt::test::run_quartier({"--config", ok_config.string(), "plugins", "list"}).exit_code == 0);
  auto missing = qt::test::run_quartier({"plugins", "check", (plugins / "nothing.so").string()});
  CHECK(missing.exit_code == 4);
}
