// Nodes on one PostgreSQL: a node that starts with a setting that differs from a running node's
// warns at start and names the key and both values (secrets never shown); alike nodes stay quiet.
#include <catch2/catch.hpp>

#include "pg_test_db.hpp"
#include "test_server.hpp"

using namespace qt::test;

namespace {

ServerSetup node(const std::string& url, const std::string& auth, const std::string& smtp_password) {
  ServerSetup s;
  s.database_url = url;
  s.extra_toml = "[auth]\n" + auth + "\n[mail]\nsmtp_password = \"" + smtp_password + "\"\n";
  return s;
}

}  // namespace

TEST_CASE("a node whose configuration differs from another node's on the same PostgreSQL warns, naming the key",
          "[integration][postgresql][cluster]") {
  QT_REQUIRE_PG();
  PgTestDb pg;
  TestServer a(node(pg.url(), "login_attempts_per_ip_5min = 25", "Geheim-A"));
  CHECK(a.log().find("configuration differs") == std::string::npos);  // alone: nothing to compare

  TestServer same(node(pg.url(), "login_attempts_per_ip_5min = 25", "Geheim-A"));
  CHECK(same.log().find("configuration differs") == std::string::npos);

  TestServer b(node(pg.url(), "login_attempts_per_ip_5min = 10", "Geheim-B"));
  const auto log = b.log();
  INFO(log);
  CHECK(log.find("configuration differs") != std::string::npos);
  CHECK(log.find("\"key\":\"auth.login_attempts_per_ip_5min\",\"here\":\"10\",\"there\":\"25\"") != std::string::npos);
  CHECK(log.find("\"key\":\"mail.smtp_password\",\"here\":\"(not shown)\"") != std::string::npos);
  CHECK(log.find("Geheim") == std::string::npos);

  // A node that stopped is no longer compared.
  CHECK(a.stop() == 0);
  CHECK(same.stop() == 0);
  CHECK(b.stop() == 0);
  TestServer c(node(pg.url(), "login_attempts_per_ip_5min = 10", "Geheim-B"));
  CHECK(c.log().find("configuration differs") == std::string::npos);
}
