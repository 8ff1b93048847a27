// Backups: a consistent, openable copy of a live SQLite database; PostgreSQL points to pg_dump.
#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "pg_test_db.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "temp_dir.hpp"

using qt::db::Database;
using qt::db::DbError;
using qt::db::Dialect;

TEST_CASE("Backups copy committed data consistently and never overwrite", "[db][backup]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = Database::open(t.options());
    const std::string target = (t.scratch / "backups/one.db").string();
    if (t.dialect == Dialect::postgresql) {
      try {
        db->backup_to(target);
        FAIL("PostgreSQL backup should be refused");
      } catch (const DbError& e) {
        CHECK_THAT(e.what(), Catch::Contains("pg_dump --format=custom --file=" + target));
      }
      return;
    }
    qt::db::Migrator(*db).apply("core", qt::db::core_migrations(t.dialect));
    {
      auto w = db->write();
      w->once << "CREATE TABLE pairs (a BIGINT NOT NULL)";
    }
    // Writers keep committing pairs of rows while the backup runs: the copy must hold whole pairs.
    std::atomic<bool> stop{false};
    std::atomic<long long> committed{0};
    std::thread writer([&] {
      long long i = 0;
      while (!stop) {
        auto w = db->write();
        soci::transaction tx(*w);
        *w << "INSERT INTO pairs (a) VALUES (:a)", soci::use(i);
        *w << "INSERT INTO pairs (a) VALUES (:a)", soci::use(i);
        tx.commit();
        committed = ++i;
      }
    });
    // The backup starts once some pairs are committed (waiting on that, not on a time, so a busy
    // machine cannot leave the copy empty); the writer keeps going while it runs.
    while (committed < 10) std::this_thread::yield();
    db->backup_to(target);
    stop = true;
    writer.join();

    REQUIRE(std::filesystem::exists(target));
    CHECK_FALSE(std::filesystem::exists(target + "-wal"));
    for (const auto& entry : std::filesystem::directory_iterator(t.scratch / "backups"))
      CHECK(entry.path().filename() == "one.db");  // no partial file left
    {
      qt::db::Options o;
      o.url = "sqlite:" + target;
      auto copy = Database::open(o);
      auto r = copy->read();
      long long n = 0;
      *r << "SELECT COUNT(*) FROM pairs", soci::into(n);
      CHECK(n > 0);
      CHECK(n % 2 == 0);
      std::string integrity;
      *r << "PRAGMA integrity_check", soci::into(integrity);
      CHECK(integrity == "ok");
      CHECK(qt::db::Migrator(*copy).status("core", qt::db::core_migrations(Dialect::sqlite)).current());
    }
    const auto size_before = std::filesystem::file_size(target);
    try {
      db->backup_to(target);
      FAIL("an existing target must be refused");
    } catch (const DbError& e) {
      CHECK_THAT(e.what(), Catch::Contains("already exists") && Catch::Contains("one.db"));
    }
    CHECK(std::filesystem::file_size(target) == size_before);
  });
}

TEST_CASE("An in-memory SQLite database works and can be backed up", "[db][backup][sqlite]") {
  qt::test::TempDir dir;
  qt::db::Options o;
  o.url = "sqlite::memory:";
  auto db = Database::open(o);
  {
    auto w = db->write();
    w->once << "CREATE TABLE t (v TEXT)";
    w->once << "INSERT INTO t (v) VALUES ('kept')";
  }
  {
    auto r = db->read();  // shares the one connection
    std::string v;
    *r << "SELECT v FROM t", soci::into(v);
    CHECK(v == "kept");
  }
  db->backup_to((dir / "mem.db").string());
  o.url = "sqlite:" + (dir / "mem.db").string();
  auto copy = Database::open(o);
  auto r = copy->read();
  std::string v;
  *r << "SELECT v FROM t", soci::into(v);
  CHECK(v == "kept");
}
