#pragma once
// PostgreSQL for tests: a fresh database per test on the server named by QUARTIER_TEST_PG_URL
// (an admin URL whose role may CREATE DATABASE; scripts/test starts one with scripts/lib/postgres.sh).
// Without the variable PostgreSQL cases are skipped with a warning, unless QUARTIER_TEST_REQUIRE_PG=1
// (set by scripts/test and CI), where a missing server is a failure.
#include <filesystem>
#include <functional>
#include <string>

#include "platform/db/database.hpp"

namespace qt::test {

class PgTestDb {
 public:
  // Creates a uniquely named database; throws std::runtime_error if the server refuses.
  PgTestDb();
  // Terminates the database's connections, then drops it.
  ~PgTestDb();
  PgTestDb(const PgTestDb&) = delete;
  PgTestDb& operator=(const PgTestDb&) = delete;

  const std::string& url() const { return url_; }    // postgresql://.../<name>
  const std::string& name() const { return name_; }  // the database name

  static bool available();  // QUARTIER_TEST_PG_URL is set
  static bool required();   // QUARTIER_TEST_REQUIRE_PG=1
  static std::string admin_url();

 private:
  std::string name_;
  std::string url_;
};

// In a test case: returns true if PostgreSQL is there; otherwise WARNs and returns false, or FAILs
// when PostgreSQL is required. Use as `if (!qt::test::pg_or_skip()) return;` or QT_REQUIRE_PG().
bool pg_or_skip();
#define QT_REQUIRE_PG()              \
  do {                               \
    if (!::qt::test::pg_or_skip()) return; \
  } while (false)

// One database to test against: a fresh SQLite file in a temp folder, or a fresh PostgreSQL database.
struct DbTarget {
  db::Dialect dialect;
  std::string url;                  // for db::Options::url
  std::filesystem::path scratch;    // a private temp folder (backups, extra files), both dialects
  db::Options options() const {
    db::Options o;
    o.url = url;
    return o;
  }
};

// Runs body once on SQLite and once on PostgreSQL (skipped/failed as pg_or_skip() says), each on
// a fresh database, with the dialect in Catch's INFO so a failure says which one.
void for_each_dialect(const std::function<void(const DbTarget&)>& body);

}  // namespace qt::test
