// PostgreSQL going away under a running server: requests in the gap get 503 with Retry-After
// (never 500), /readyz says 503, and the server reconnects by itself when PostgreSQL is back.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <thread>

#include <boost/json.hpp>
#include <libpq-fe.h>

#include "http_client.hpp"
#include "pg_test_db.hpp"
#include "test_server.hpp"

using namespace qt::test;
using namespace std::chrono_literals;

namespace {

void admin_exec(const std::string& sql) {
  PGconn* c = PQconnectdb(PgTestDb::admin_url().c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    const std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("admin connection: " + msg);
  }
  PGresult* r = PQexec(c, sql.c_str());
  const auto st = PQresultStatus(r);
  const std::string err = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + err);
}

// Makes the database unreachable for the server as a PostgreSQL restart does: its connections are
// cut and new ones refused, until the guard goes.
struct Outage {
  std::string db;
  explicit Outage(std::string name) : db(std::move(name)) {
    admin_exec("ALTER DATABASE \"" + db + "\" ALLOW_CONNECTIONS false");
    admin_exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db +
               "' AND pid <> pg_backend_pid()");
  }
  void end() {
    if (!db.empty()) admin_exec("ALTER DATABASE \"" + db + "\" ALLOW_CONNECTIONS true");
    db.clear();
  }
  ~Outage() {
    try {
      end();
    } catch (...) {
    }
  }
};

template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout = 20s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return pred();
}

}  // namespace

TEST_CASE("PostgreSQL unreachable: 503 with Retry-After, readyz 503, reconnects when it is back",
          "[server][postgresql][outage]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  ServerSetup setup;
  setup.database_url = pg.url();
  TestServer server(setup);
  auto made = run_quartier({"user", "add", "--email", "out@example.org", "--name", "Olga", "--config",
                            server.config_path().string()});
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  const auto at = made.output.find("password: ");
  REQUIRE(at != std::string::npos);
  const auto password = made.output.substr(at + 10, made.output.find('\n', at) - at - 10);
  auto c = server.client();
  REQUIRE(c.send_json("POST", "/api/auth/login", boost::json::object{{"email", "out@example.org"}, {"password", password}})
              .status == 200);
  REQUIRE(c.get("/api/me").status == 200);

  Outage outage(pg.name());
  // Every answer in the gap is 503 with Retry-After; none is a 500.
  int unavailable = 0;
  for (int i = 0; i < 20; ++i) {
    const auto r = c.get("/api/me");
    INFO(r.status << " " << r.body);
    REQUIRE(r.status != 500);
    if (r.status == 503) {
      ++unavailable;
      CHECK(r.error_code() == "database_unavailable");
      CHECK(r.header("retry-after") == std::optional<std::string>("5"));
    }
  }
  CHECK(unavailable == 20);
  const auto ready = HttpClient(server.port()).get("/readyz");
  CHECK(ready.status == 503);
  CHECK(ready.json().at("checks").at("database") == "unreachable");
  CHECK(HttpClient(server.port()).get("/healthz").status == 200);  // the process itself is fine
  CHECK(server.log().find("the database cannot be reached") != std::string::npos);

  outage.end();
  CHECK(wait_until([&] { return c.get("/api/me").status == 200; }));
  CHECK(wait_until([&] { return HttpClient(server.port()).get("/readyz").status == 200; }));
  CHECK(server.stop() == 0);
}
