// The plugin host in-process on a real database (SQLite and PostgreSQL): loading, refusals,
// dependency order, routes through the core router, privacy hooks in the caller's transaction.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "pg_test_db.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/events/bus.hpp"
#include "platform/http/router.hpp"
#include "plugin_host/host.hpp"
#include "temp_dir.hpp"

using qt::plugin_host::Host;
using qt::plugin_host::HostServices;
using qt::plugin_host::PluginError;

namespace {

const std::filesystem::path kBundled = QUARTIER_PLUGIN_BUILD_DIR;
const std::filesystem::path kFixtures = QT_TEST_PLUGIN_DIR;

struct Rig {
  qt::config::Config config;
  std::unique_ptr<qt::db::Database> db;
  qt::http::Router router;
  qt::events::Bus bus;
  std::unique_ptr<Host> host;

  Rig(const qt::test::DbTarget& target, std::filesystem::path dir, std::vector<std::string> enabled) {
    config.plugins.dir = dir.string();
    config.plugins.enabled = std::move(enabled);
    config.plugins.sections["hello_c"] = boost::json::object{{"greeting", "Servus"}};
    db = qt::db::Database::open(target.options());
    host = std::make_unique<Host>(HostServices{config, *db, router, bus});
  }
  ~Rig() {
    if (host) host->stop(std::chrono::seconds(5));
  }

  qt::http::Response call(const std::string& method, const std::string& target, std::string body = {},
                          std::int64_t user = 0) {
    qt::http::Request req;
    req.method = method;
    req.target = target;
    auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
    req.body = std::move(body);
    req.user_id = user;
    req.role = user ? qt::Role::resident : qt::Role::none;
    req.request_id = "test";
    auto m = router.match(method, req.path);
    REQUIRE(m.kind == qt::http::Match::Kind::found);
    req.path_params = m.params;
    req.route_pattern = m.route->pattern;
    try {
      return m.route->handler(req);
    } catch (const qt::http::HttpError& e) {
      return e.to_response();
    }
  }
};

std::string refusal(const qt::test::DbTarget& target, const std::filesystem::path& dir, std::vector<std::string> enabled) {
  Rig rig(target, dir, std::move(enabled));
  try {
    rig.host->load();
  } catch (const PluginError& e) {
    return e.what();
  }
  FAIL("expected the host to refuse");
  return {};
}

bool mapped(const std::string& needle) {
  std::ifstream maps("/proc/self/maps");
  std::stringstream all;
  all << maps.rdbuf();
  return all.str().find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("hello_c loads, migrates, serves its routes and keeps its data through host statements", "[plugins][host]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    Rig rig(target, kBundled, {"hello_c"});
    rig.host->load();
    rig.host->start();
    REQUIRE(rig.host->plugins().size() == 1);
    const auto* p = rig.host->plugins().front();
    CHECK(p->version.version == "1.0.0");
    CHECK(Host::ui_url(*p) == "/plugins/hello_c/ui.js");

    auto hello = rig.call("GET", "/api/p/hello_c/hello");
    CHECK(hello.status == 200);
    auto doc = boost::json::parse(hello.body).as_object();
    CHECK(doc.at("hello").as_string() == "Servus");
    CHECK(doc.at("dialect").as_string() == qt::db::dialect_name(rig.db->dialect()));

    CHECK(rig.call("POST", "/api/p/hello_c/notes", "Erste Notiz", 7).status == 201);
    CHECK(rig.call("POST", "/api/p/hello_c/notes", "Zweite \"Notiz\"\n", 7).status == 201);
    CHECK(rig.call("POST", "/api/p/hello_c/notes", "", 7).status == 400);
    auto list = boost::json::parse(rig.call("GET", "/api/p/hello_c/notes?author=7").body);
    auto& notes = list.at("notes").as_array();
    REQUIRE(notes.size() == 2);
    CHECK(notes[1].at("text").as_string() == "Zweite \"Notiz\"\n");
    CHECK(notes[1].at("author_id").as_int64() == 7);
    auto one = rig.call("GET", "/api/p/hello_c/notes/" + std::to_string(notes[0].at("id").as_int64()));
    CHECK(one.status == 200);
    CHECK(rig.call("GET", "/api/p/hello_c/notes/999").status == 404);
    CHECK(rig.call("DELETE", "/api/p/hello_c/notes/999").status == 404);
    CHECK(rig.call("DELETE", "/api/p/hello_c/notes/1").status == 204);
    CHECK(boost::json::parse(rig.call("GET", "/api/p/hello_c/notes").body).at("notes").as_array().size() == 1);

    // Routes carry the plugin as owner and their access level for the gate.
    auto m = rig.router.match("GET", "/api/p/hello_c/mine");
    REQUIRE(m.kind == qt::http::Match::Kind::found);
    CHECK(m.route->options.owner == "hello_c");
    CHECK(m.route->options.access == qt::http::Access::user);

    // After stop, routes answer 503 instead of calling into the plugin.
    rig.host->stop(std::chrono::seconds(5));
    CHECK(rig.call("GET", "/api/p/hello_c/hello").status == 503);
  });
}

TEST_CASE("a person's plugin rows are erased in the caller's transaction and exported", "[plugins][host][privacy]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    Rig rig(target, kBundled, {"hello_c"});
    rig.host->load();
    rig.host->start();
    auto& p = *rig.host->find("hello_c");
    rig.call("POST", "/api/p/hello_c/notes", "of seven 1", 7);
    rig.call("POST", "/api/p/hello_c/notes", "of seven 2", 7);
    rig.call("POST", "/api/p/hello_c/notes", "of eight", 8);

    auto exported = rig.host->export_user(p, 7);
    CHECK(exported.at("notes").as_array().size() == 2);
    CHECK(exported.at("notes").as_array()[0].at("text").as_string() == "of seven 1");

    auto notes_of = [&](soci::session& s, long long user) {
      long long n = -1;
      s << "SELECT COUNT(*) FROM hello_c_notes WHERE author_id = :u", soci::use(user), soci::into(n);
      return n;
    };
    {
      // The deletion fails later (here: rolled back by the caller): the plugin's erase goes with it.
      auto lease = rig.db->write();
      soci::transaction tx(*lease);
      rig.host->erase_user(p, 7, *lease);
      CHECK(notes_of(*lease, 7) == 0);  // visible inside the transaction
      tx.rollback();
    }
    {
      auto lease = rig.db->read();
      CHECK(notes_of(*lease, 7) == 2);
    }
    {
      auto lease = rig.db->write();
      soci::transaction tx(*lease);
      rig.host->erase_user(p, 7, *lease);
      tx.commit();
    }
    auto lease = rig.db->read();
    CHECK(notes_of(*lease, 7) == 0);
    CHECK(notes_of(*lease, 8) == 1);
  });
}

TEST_CASE("the host refuses plugins with a precise message naming the file", "[plugins][host][refusal]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    qt::test::TempDir markers;
    setenv("QT_TEST_MARKER_DIR", markers.path().c_str(), 1);

    auto future = refusal(target, kFixtures, {"abi_future"});
    CHECK_THAT(future, Catch::Contains((kFixtures / "abi_future.so").string()) &&
                           Catch::Contains("ABI " + std::to_string(QT_ABI_MAJOR + 1) + ".") &&
                           Catch::Contains("provides ABI " + std::to_string(QT_ABI_MAJOR) + "." + std::to_string(QT_ABI_MINOR)));
    CHECK_FALSE(std::filesystem::exists(markers / "abi_future.init"));  // never called into

    auto minor = refusal(target, kFixtures, {"abi_newer_minor"});
    CHECK_THAT(minor, Catch::Contains("abi_newer_minor.so") && Catch::Contains("newer than this Quartier"));
    CHECK_FALSE(std::filesystem::exists(markers / "abi_newer_minor.init"));

    CHECK_THAT(refusal(target, kFixtures, {"no_init"}),
               Catch::Contains("no_init.so") && Catch::Contains("missing entry symbol quartier_plugin_init"));
    CHECK_THAT(refusal(target, kFixtures, {"misnamed"}),
               Catch::Contains("misnamed.so") && Catch::Contains("name mismatch") && Catch::Contains("somebody_else"));
    CHECK_FALSE(std::filesystem::exists(markers / "misnamed.init"));
    CHECK_THAT(refusal(target, kFixtures, {"needs_dep"}),
               Catch::Contains("needs_dep.so") && Catch::Contains("missing dependency") && Catch::Contains("not_there"));
    CHECK_THAT(refusal(target, kFixtures, {"bad_migration"}),
               Catch::Contains("bad_migration.so") && Catch::Contains("failed migration") &&
                   Catch::Contains("0001_broken.sql"));
    // The SQL sandbox: a migration may create and change only the plugin's own tables.
    CHECK_THAT(refusal(target, kFixtures, {"foreign_migration"}),
               Catch::Contains("foreign_migration.so") && Catch::Contains("0001_foreign.sql") &&
                   Catch::Contains("schema_migrations") && Catch::Contains("foreign_migration_*"));
    CHECK_THAT(refusal(target, kBundled, {"hello_c", "hello_c"}),
               Catch::Contains("listed twice") && Catch::Contains("duplicate"));
    CHECK_THAT(refusal(target, kBundled, {"ghost"}),
               Catch::Contains((kBundled / "ghost.so").string()) && Catch::Contains("not in the plugin folder"));
    CHECK_THAT(refusal(target, kBundled, {"../lib"}), Catch::Contains("not a plugin name"));
    unsetenv("QT_TEST_MARKER_DIR");
  });
}

TEST_CASE("a plugin written against a smaller descriptor loads, members beyond its size ignored",
          "[plugins][host][abi]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& target) {
    qt::test::TempDir markers;
    setenv("QT_TEST_MARKER_DIR", markers.path().c_str(), 1);
    Rig rig(target, kFixtures, {"old_minor"});
    rig.host->load();
    rig.host->start();  // would fail if the host read the start() written beyond the old size
    CHECK_FALSE(std::filesystem::exists(markers / "old_minor.start_called"));
    const auto* p = rig.host->find("old_minor");
    REQUIRE(p);
    CHECK(p->description == "written with a smaller descriptor");
    CHECK(p->desc.size < sizeof(qt_plugin_descriptor));
    CHECK(p->ui_module.empty());
    auto r = rig.call("GET", "/api/p/old_minor/ping");
    CHECK(r.status == 200);
    CHECK(r.body == "{\"pong\":\"old_minor\"}");
    unsetenv("QT_TEST_MARKER_DIR");
  });
}

TEST_CASE("a disabled plugin's library is never opened", "[plugins][host]") {
  qt::test::TempDir markers, dir;
  setenv("QT_TEST_MARKER_DIR", markers.path().c_str(), 1);
  std::filesystem::copy_file(kBundled / "hello_c.so", dir / "hello_c.so");
  std::filesystem::copy_file(kFixtures / "marker.so", dir / "marker.so");
  qt::test::DbTarget target{qt::db::Dialect::sqlite, "sqlite:" + (dir / "q.db").string(), dir.path()};
  {
    Rig rig(target, dir.path(), {"hello_c"});
    rig.host->load();
    rig.host->start();
    CHECK(rig.call("GET", "/api/p/hello_c/hello").status == 200);
    CHECK_FALSE(std::filesystem::exists(markers / "marker.loaded"));
    CHECK_FALSE(mapped((dir / "marker.so").string()));
    CHECK(mapped((dir / "hello_c.so").string()));
  }
  {
    // The control: enabled, the same library is opened (its constructor runs).
    Rig rig(target, dir.path(), {"marker"});
    rig.host->load();
    CHECK(std::filesystem::exists(markers / "marker.loaded"));
    CHECK(mapped((dir / "marker.so").string()));
  }
  unsetenv("QT_TEST_MARKER_DIR");
}

TEST_CASE("plugins start in dependency order and stop in reverse, cycles are refused", "[plugins][host]") {
  qt::test::DbTarget target{qt::db::Dialect::sqlite, "", {}};
  qt::test::TempDir dir;
  target.url = "sqlite:" + (dir / "q.db").string();
  {
    Rig rig(target, kFixtures, {"depends_on_old", "old_minor"});
    rig.host->load();
    REQUIRE(rig.host->plugins().size() == 2);
    CHECK(rig.host->plugins()[0]->name == "old_minor");
    CHECK(rig.host->plugins()[1]->name == "depends_on_old");
    rig.host->start();
    CHECK(rig.call("GET", "/api/p/depends_on_old/ping").status == 200);
  }
  CHECK_THAT(refusal(target, kFixtures, {"cycle_a", "cycle_b"}), Catch::Contains("cycle"));
}
