#include "pg_test_db.hpp"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <catch2/catch.hpp>
#include <libpq-fe.h>
#include <unistd.h>

#include "temp_dir.hpp"

namespace qt::test {

namespace {

struct Conn {
  PGconn* c;
  explicit Conn(const std::string& url) : c(PQconnectdb(url.c_str())) {
    if (PQstatus(c) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(c);
      PQfinish(c);
      throw std::runtime_error("cannot connect to the test PostgreSQL (" + url + "): " + msg);
    }
  }
  ~Conn() { PQfinish(c); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  void exec(const std::string& sql, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    PGresult* r = PQexecParams(c, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                               nullptr, 0);
    const auto st = PQresultStatus(r);
    std::string err = PQresultErrorMessage(r);
    PQclear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + err);
  }
};

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string unique_name() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return "qt_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 1000000);
}

// The admin URL with its database replaced by name (URL form) or appended (keyword form).
std::string url_for(const std::string& admin, const std::string& name) {
  if (admin.rfind("postgresql://", 0) == 0 || admin.rfind("postgres://", 0) == 0) {
    auto parsed = boost::urls::parse_uri(admin);
    if (!parsed) throw std::runtime_error("QUARTIER_TEST_PG_URL is not a valid URL");
    boost::urls::url u(*parsed);
    u.set_path("/" + name);
    return std::string(u.buffer());
  }
  return admin + " dbname=" + name;
}

}  // namespace

std::string PgTestDb::admin_url() { return env("QUARTIER_TEST_PG_URL"); }
bool PgTestDb::available() { return !admin_url().empty(); }
bool PgTestDb::required() { return env("QUARTIER_TEST_REQUIRE_PG") == "1"; }

PgTestDb::PgTestDb() : name_(unique_name()) {
  if (!available()) throw std::runtime_error("QUARTIER_TEST_PG_URL is not set");
  Conn admin(admin_url());
  admin.exec("CREATE DATABASE " + name_);  // name is ours: [a-z0-9_] only
  url_ = url_for(admin_url(), name_);
}

PgTestDb::~PgTestDb() {
  try {
    Conn admin(admin_url());
    admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
               {name_});
    admin.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception& e) {
    WARN("could not drop test database " << name_ << ": " << e.what());
  }
}

bool pg_or_skip() {
  if (PgTestDb::available()) return true;
  if (PgTestDb::required())
    FAIL("QUARTIER_TEST_REQUIRE_PG=1 but QUARTIER_TEST_PG_URL is not set: start PostgreSQL with "
         "scripts/lib/postgres.sh (pg_start) or run scripts/test");
  WARN("PostgreSQL part skipped: QUARTIER_TEST_PG_URL is not set (scripts/test sets it)");
  return false;
}

void for_each_dialect(const std::function<void(const DbTarget&)>& body) {
  {
    TempDir dir;
    DbTarget t{db::Dialect::sqlite, "sqlite:" + (dir / "db/quartier.db").string(), dir.path()};
    INFO("dialect: sqlite (" << t.url << ")");
    body(t);
  }
  if (!pg_or_skip()) return;
  TempDir dir;
  PgTestDb pg;
  DbTarget t{db::Dialect::postgresql, pg.url(), dir.path()};
  INFO("dialect: postgresql (" << t.url << ")");
  body(t);
}

}  // namespace qt::test
