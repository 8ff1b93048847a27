// The command line as an operator uses it: check-config, migrate, backup, version, and serve
// refusing what it cannot run.
#include <catch2/catch.hpp>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "test_server.hpp"

using namespace qt::test;

TEST_CASE("version and help", "[cli]") {
  auto v = run_quartier({"version"});
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.output, Catch::StartsWith("quartier "));
  auto h = run_quartier({"--help"});
  CHECK(h.exit_code == 0);
  for (const auto* cmd : {"serve", "migrate", "check-config", "backup", "version"})
    CHECK_THAT(h.output, Catch::Contains(cmd));
  auto b = run_quartier({"backup", "--help"});
  CHECK(b.exit_code == 0);
  CHECK_THAT(b.output, Catch::Contains("FILE"));
  auto none = run_quartier({});
  CHECK(none.exit_code != 0);
}

TEST_CASE("check-config accepts the documented example and names every problem", "[cli][config]") {
  // The example leaves public_url empty: a real server must set it (mail links), a trial says development.
  auto unset = run_quartier({"check-config", "--config", QUARTIER_SOURCE_DIR "/schemas/quartier.example.toml"});
  INFO(unset.output);
  CHECK(unset.exit_code == 2);
  CHECK_THAT(unset.output, Catch::Contains("[server] public_url is empty") && Catch::Contains("development = true"));
  auto ok = run_quartier({"check-config", "--config", QUARTIER_SOURCE_DIR "/schemas/quartier.example.toml"},
                         {{"QUARTIER_SERVER_PUBLIC_URL", "https://quartier.musterstadt.de"}});
  INFO(ok.output);
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.output, Catch::Contains("OK"));
  auto trial = run_quartier({"check-config", "--config", QUARTIER_SOURCE_DIR "/schemas/quartier.example.toml"},
                            {{"QUARTIER_SERVER_DEVELOPMENT", "true"}});
  CHECK(trial.exit_code == 0);

  TempDir dir;
  const auto bad = dir.write("bad.toml", "[server]\nlisten = \"127.0.0.1:8080\"\nthreads = -2\nlisen = \"x\"\n");
  auto r = run_quartier({"check-config", "--config", bad.string()});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("bad.toml:3"));
  CHECK_THAT(r.output, Catch::Contains("threads"));
  CHECK_THAT(r.output, Catch::Contains("bad.toml:4"));
  CHECK_THAT(r.output, Catch::Contains("listen"));  // the suggestion for the typo

  // serve refuses the same file before opening anything.
  auto s = run_quartier({"serve", "--config", bad.string()});
  CHECK(s.exit_code == 2);

  // Environment overrides are validated too.
  auto e = run_quartier({"check-config", "--config", QUARTIER_SOURCE_DIR "/schemas/quartier.example.toml"},
                        {{"QUARTIER_SERVER_THREADS", "many"}});
  CHECK(e.exit_code == 2);
  CHECK_THAT(e.output, Catch::Contains("QUARTIER_SERVER_THREADS"));
}

TEST_CASE("migrate applies, reports status, and is idempotent", "[cli][db]") {
  TempDir dir;
  const auto cfg = dir.write("q.toml", "[database]\nurl = \"sqlite:" + (dir / "q.db").string() + "\"\n");
  auto st = run_quartier({"migrate", "--status", "--config", cfg.string()});
  INFO(st.output);
  CHECK(st.exit_code == 0);
  CHECK_THAT(st.output, Catch::Contains("pending: 0010_people"));
  auto m = run_quartier({"migrate", "--config", cfg.string()});
  CHECK(m.exit_code == 0);
  CHECK_THAT(m.output, Catch::Contains("applied"));
  auto again = run_quartier({"migrate", "--config", cfg.string()});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.output, Catch::Contains("nothing to do"));
}

TEST_CASE("serve refuses a database migrated by a newer Quartier", "[cli][db]") {
  TempDir dir;
  const auto db = (dir / "q.db").string();
  const auto cfg = dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:0\"\ndevelopment = true\n[database]\nurl = \"sqlite:" + db + "\"\n");
  REQUIRE(run_quartier({"migrate", "--config", cfg.string()}).exit_code == 0);
  {
    soci::session s(soci::sqlite3, db);
    s << "INSERT INTO schema_migrations(scope, version, name, checksum, applied_at) "
         "VALUES('core', 9999, '9999_future.sql', 'x', 0)";
  }
  auto r = run_quartier({"serve", "--config", cfg.string()});
  INFO(r.output);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("9999"));
  CHECK_THAT(r.output, Catch::Contains("newer Quartier"));
}

TEST_CASE("backup writes a consistent, openable SQLite snapshot", "[cli][db]") {
  TempDir dir;
  const auto db = (dir / "q.db").string();
  const auto cfg = dir.write("q.toml", "[database]\nurl = \"sqlite:" + db + "\"\n");
  REQUIRE(run_quartier({"migrate", "--config", cfg.string()}).exit_code == 0);
  {
    soci::session s(soci::sqlite3, db);
    s << "INSERT INTO neighbourhoods(slug, name, created_at) VALUES('altstadt', 'Altstadt', 1)";
  }
  const auto target = (dir / "backup.db").string();
  auto r = run_quartier({"backup", target, "--config", cfg.string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  {
    soci::session copy(soci::sqlite3, target);
    std::string name;
    copy << "SELECT name FROM neighbourhoods WHERE slug = 'altstadt'", soci::into(name);
    CHECK(name == "Altstadt");
  }
  auto twice = run_quartier({"backup", target, "--config", cfg.string()});
  CHECK(twice.exit_code != 0);
  CHECK_THAT(twice.output, Catch::Contains("exist"));
}

TEST_CASE("serve says clearly when the port is taken", "[cli]") {
  TestServer first;
  TempDir dir;
  const auto cfg = dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:" + std::to_string(first.port()) +
                                           "\"\ndevelopment = true\n[database]\nurl = \"sqlite:" + (dir / "q.db").string() + "\"\n");
  auto r = run_quartier({"serve", "--config", cfg.string()});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("cannot listen on 127.0.0.1:" + std::to_string(first.port())));
}

// scripts/run enables every bundled plugin and runs check-config first: all seven must pass it
// (check-config loads them as serve would, on a scratch database).
TEST_CASE("check-config accepts every bundled plugin enabled at once", "[cli][config][plugins]") {
  TempDir dir;
  const auto cfg = dir.write("q.toml", "[server]\ndevelopment = true\n[database]\nurl = \"sqlite:" +
                                           (dir / "q.db").string() + "\"\n[plugins]\ndir = \"" +
                                           std::string(QUARTIER_PLUGIN_BUILD_DIR) +
                                           "\"\nenabled = [\"groups\", \"files\", \"calendar\", \"help\", "
                                           "\"participation\", \"market\", \"video\"]\n[media]\ndir = \"" +
                                           (dir / "media").string() + "\"\n");
  auto r = run_quartier({"check-config", "--config", cfg.string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("plugins enabled: groups, files, calendar, help, participation, market, video"));
}
