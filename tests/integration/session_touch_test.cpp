// The gate queues session touches (last_seen_at) and a job writes them every few seconds and
// once at shutdown, instead of a write on the request path (issue 8).
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <boost/json.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "test_server.hpp"

using namespace qt::test;

namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Moves every session's last_seen_at an hour back (still well inside the idle timeout).
void age_sessions(const std::filesystem::path& db) {
  soci::session s(soci::sqlite3, "db=\"" + db.string() + "\"");
  s << "PRAGMA busy_timeout=5000";
  s << "UPDATE sessions SET last_seen_at = last_seen_at - 3600000";
}

long long newest_seen(const std::filesystem::path& db) {
  soci::session s(soci::sqlite3, "db=\"" + db.string() + "\"");
  s << "PRAGMA busy_timeout=5000";
  long long seen = 0;
  s << "SELECT MAX(last_seen_at) FROM sessions", soci::into(seen);
  return seen;
}

}  // namespace

TEST_CASE("session touches are written by the background job and at shutdown", "[server][sessions]") {
  TempDir dir;
  const auto db = dir / "q.db";
  const auto cfg = dir.write("q.toml", "[database]\nurl = \"sqlite:" + db.string() + "\"\n");
  REQUIRE(run_quartier({"demo-data", "--config", cfg.string()}).exit_code == 0);

  ServerSetup setup;
  setup.database_url = "sqlite:" + db.string();
  TestServer server(setup);
  auto c = server.client();
  auto login = c.send_json("POST", "/api/auth/login",
                           boost::json::object{{"email", "anna@quartier.test"}, {"password", "Demo-Anna-Quartier-1"}});
  REQUIRE(login.status == 200);

  // A request on a session last seen an hour ago queues a touch; the job writes it within seconds.
  age_sessions(db);
  const long long asked = now_ms();
  REQUIRE(c.get("/api/me").status == 200);
  long long seen = 0;
  for (int i = 0; i < 100 && seen < asked - 1000; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    seen = newest_seen(db);
  }
  CHECK(seen >= asked - 1000);

  // Queued touches are written when the server stops, even if the job has not run yet.
  age_sessions(db);
  const long long asked_again = now_ms();
  REQUIRE(c.get("/api/me").status == 200);
  CHECK(server.stop() == 0);
  CHECK(newest_seen(db) >= asked_again - 1000);
}
