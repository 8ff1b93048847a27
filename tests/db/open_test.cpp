// Opening databases: connection settings, URL handling, and the messages an operator sees.
#include <catch2/catch.hpp>

#include "pg_test_db.hpp"
#include "platform/db/database.hpp"
#include "platform/db/url.hpp"
#include "temp_dir.hpp"

using qt::db::Database;
using qt::db::DbError;
using qt::db::Dialect;

namespace {

long long scalar(soci::session& s, const std::string& sql) {
  long long v = -1;
  s << sql, soci::into(v);
  return v;
}

std::string open_error(const qt::db::Options& o) {
  try {
    Database::open(o);
  } catch (const DbError& e) {
    return e.what();
  }
  FAIL("expected DbError for " << o.url);
  return {};
}

}  // namespace

TEST_CASE("SQLite connections use WAL, foreign keys and the configured synchronous level", "[db][sqlite]") {
  qt::test::TempDir dir;
  qt::db::Options o;
  o.url = "sqlite:" + (dir / "nested/folder/q.db").string();  // parent folders are created
  o.synchronous = GENERATE(as<std::string>{}, "OFF", "normal", "FULL", "EXTRA");
  const long long expected = o.synchronous == "OFF" ? 0 : o.synchronous == "normal" ? 1 : o.synchronous == "FULL" ? 2 : 3;
  auto db = Database::open(o);
  REQUIRE(db->dialect() == Dialect::sqlite);
  REQUIRE(std::filesystem::exists(dir / "nested/folder/q.db"));
  for (int writer = 0; writer < 2; ++writer) {
    auto lease = writer ? db->write() : db->read();
    std::string mode;
    *lease << "PRAGMA journal_mode", soci::into(mode);
    CHECK(mode == "wal");
    CHECK(scalar(*lease, "PRAGMA foreign_keys") == 1);
    CHECK(scalar(*lease, "PRAGMA synchronous") == expected);
    CHECK(scalar(*lease, "PRAGMA busy_timeout") == 5000);
  }
}

TEST_CASE("SQLite connections map as much of the file as sqlite_mmap_mb says, none when 0", "[db][sqlite]") {
  qt::test::TempDir dir;
  qt::db::Options o;
  o.url = "sqlite:" + (dir / "q.db").string();
  o.sqlite_mmap_mb = GENERATE(0, 8);
  auto db = Database::open(o);
  for (int writer = 0; writer < 2; ++writer) {
    auto lease = writer ? db->write() : db->read();
    CHECK(scalar(*lease, "PRAGMA mmap_size") == static_cast<long long>(o.sqlite_mmap_mb) * 1024 * 1024);
  }
  o.sqlite_mmap_mb = -1;
  CHECK_THAT(open_error(o), Catch::Contains("sqlite_mmap_mb") && Catch::Contains("0 turns the memory map off"));
}

TEST_CASE("SQLite relative paths resolve against the working directory", "[db][sqlite]") {
  qt::test::TempDir dir;
  const auto old = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  {
    qt::db::Options o;
    o.url = "sqlite:data/quartier.db";
    auto db = Database::open(o);
    CHECK(db->url_for_display() == "sqlite:data/quartier.db");
  }
  std::filesystem::current_path(old);
  CHECK(std::filesystem::exists(dir / "data/quartier.db"));
}

TEST_CASE("Foreign keys are enforced and pings succeed on both databases", "[db]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = Database::open(t.options());
    CHECK(db->dialect() == t.dialect);
    CHECK(db->ping());
    auto w = db->write();
    db->exec_script(*w,
                    "CREATE TABLE parent (id BIGINT PRIMARY KEY);"
                    "CREATE TABLE child (parent_id BIGINT NOT NULL REFERENCES parent(id));");
    long long id = 1;
    *w << "INSERT INTO parent (id) VALUES (:id)", soci::use(id);
    *w << "INSERT INTO child (parent_id) VALUES (:id)", soci::use(id);
    long long missing = 42;
    CHECK_THROWS(*w << "INSERT INTO child (parent_id) VALUES (:id)", soci::use(missing));
  });
}

TEST_CASE("Display URLs never show a password", "[db]") {
  using qt::db::mask_password;
  CHECK(mask_password("postgresql://quartier:s3cret@db.example:5432/q") == "postgresql://quartier:***@db.example:5432/q");
  CHECK(mask_password("postgres://u:p%40ss@h/db?sslmode=require&password=x") == "postgres://u:***@h/db?sslmode=require&password=***");
  CHECK(mask_password("postgresql://u@h/db") == "postgresql://u@h/db");
  CHECK(mask_password("postgresql://h/db?password=abc") == "postgresql://h/db?password=***");
  CHECK(mask_password("sqlite:data/q.db") == "sqlite:data/q.db");
}

TEST_CASE("Unknown URL schemes are refused with the accepted forms", "[db]") {
  qt::db::Options o;
  o.url = "mysql://root:pw@localhost/q";
  const auto msg = open_error(o);
  CHECK_THAT(msg, Catch::Contains("sqlite:") && Catch::Contains("postgresql://") && Catch::Contains("***"));
  CHECK_THAT(msg, !Catch::Contains("pw@"));
  o.url = "sqlite:";
  CHECK_THAT(open_error(o), Catch::Contains("names no file"));
}

TEST_CASE("An unreachable PostgreSQL is reported with what to check, password masked", "[db][postgresql]") {
  qt::db::Options o;
  o.url = "postgresql://quartier:topsecret@127.0.0.1:1/quartier";
  const auto msg = open_error(o);
  CHECK_THAT(msg, Catch::Contains("Cannot connect to PostgreSQL at postgresql://quartier:***@127.0.0.1:1/quartier"));
  CHECK_THAT(msg, Catch::Contains("Is PostgreSQL running and is the URL right"));
  CHECK_THAT(msg, Catch::Contains("refused"));
  CHECK_THAT(msg, !Catch::Contains("topsecret"));
}

TEST_CASE("A missing PostgreSQL database is reported with the driver's reason", "[db][postgresql]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  qt::db::Options o;
  o.url = pg.url() + "_missing";
  const auto msg = open_error(o);
  CHECK_THAT(msg, Catch::Contains("does not exist") && Catch::Contains("Is PostgreSQL running"));
}

TEST_CASE("SQLite open failures say which folder or file to check", "[db][sqlite]") {
  qt::test::TempDir dir;
  qt::db::Options o;
  SECTION("parent is a file") {
    dir.write("blocker", "x");
    o.url = "sqlite:" + (dir / "blocker/sub/q.db").string();
    const auto msg = open_error(o);
    CHECK_THAT(msg, Catch::Contains("Cannot create the folder") && Catch::Contains("blocker"));
  }
  SECTION("file is not a database") {
    dir.write("junk.db", std::string(4096, 'j'));
    o.url = "sqlite:" + (dir / "junk.db").string();
    const auto msg = open_error(o);
    CHECK_THAT(msg, Catch::Contains("junk.db") && Catch::Contains("not a database") &&
                        Catch::Contains("writable"));
  }
  SECTION("bad synchronous value") {
    o.url = "sqlite:" + (dir / "q.db").string();
    o.synchronous = "SOMETIMES";
    CHECK_THAT(open_error(o), Catch::Contains("OFF, NORMAL, FULL, EXTRA"));
  }
}

TEST_CASE("Paths with spaces work", "[db][sqlite]") {
  qt::test::TempDir dir;
  qt::db::Options o;
  o.url = "sqlite:" + (dir / "with space/q db.sqlite").string();
  auto db = Database::open(o);
  CHECK(db->ping());
  CHECK(std::filesystem::exists(dir / "with space/q db.sqlite"));
}

TEST_CASE("exec_script reports the failing statement and its line", "[db]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = Database::open(t.options());
    auto w = db->write();
    try {
      db->exec_script(*w, "CREATE TABLE ok1 (x BIGINT);\n-- a comment\nCREATE TABLE ok2 (y BIGINT);\n\nSELEC broken;\n");
      FAIL("expected a syntax error");
    } catch (const DbError& e) {
      CHECK_THAT(e.what(), Catch::Contains("line 5") && Catch::Contains("SELEC broken") && Catch::Contains("syntax"));
    }
    // Comments and blank tails are fine.
    db->exec_script(*w, "-- only a comment\n");
    db->exec_script(*w, "CREATE TABLE ok3 (z BIGINT); -- trailing\n  \n");
  });
}
