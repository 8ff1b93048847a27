// db::GroupCommit: work that arrives while a commit is in flight is committed together, each in
// its own savepoint; a failing member is rolled back alone; run() returns after the commit.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <stdexcept>
#include <thread>
#include <vector>

#include "pg_test_db.hpp"
#include "platform/db/group_commit.hpp"

namespace {

long long count_rows(qt::db::Database& db, const std::string& where = "1 = 1") {
  auto r = db.read();
  long long n = 0;
  *r << "SELECT COUNT(*) FROM grouped WHERE " + where, soci::into(n);
  return n;
}

}  // namespace

TEST_CASE("group commit: grouped work commits together, a failing member alone rolls back", "[db][group_commit]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    {
      auto w = db->write();
      *w << "CREATE TABLE grouped (id BIGINT PRIMARY KEY, note TEXT NOT NULL)";
    }
    qt::db::GroupCommit group(*db);
    std::mutex mu;
    std::condition_variable cv;
    bool first_inside = false, release_first = false;
    // The first work holds its commit open until the others have queued up behind it.
    std::thread first([&] {
      group.run([&](soci::session& s) {
        s << "INSERT INTO grouped (id, note) VALUES (1, 'first')";
        std::unique_lock l(mu);
        first_inside = true;
        cv.notify_all();
        cv.wait(l, [&] { return release_first; });
      });
    });
    {
      std::unique_lock l(mu);
      cv.wait(l, [&] { return first_inside; });
    }
    const bool sqlite = db->dialect() == qt::db::Dialect::sqlite;
    std::vector<std::thread> others;
    std::atomic<int> ok{0}, failed{0};
    for (long long i = 2; i <= 9; ++i)
      others.emplace_back([&, i] {
        try {
          group.run([&](soci::session& s) {
            const std::string note = "n" + std::to_string(i);
            s << "INSERT INTO grouped (id, note) VALUES (:i, :n)", soci::use(i, "i"), soci::use(note, "n");
            if (i == 5) throw std::runtime_error("member 5 fails after its insert");
          });
          ++ok;
          // Returned: so it is committed and visible to any other connection.
          CHECK(count_rows(*db, "id = " + std::to_string(i)) == 1);
        } catch (const std::runtime_error& e) {
          CHECK(std::string(e.what()).find("member 5") != std::string::npos);
          ++failed;
        }
      });
    if (sqlite) {
      // All eight wait behind the open commit (PostgreSQL runs them side by side instead).
      while (group.queued() < 8) std::this_thread::yield();
    }
    {
      std::lock_guard l(mu);
      release_first = true;
      cv.notify_all();
    }
    first.join();
    for (auto& th : others) th.join();
    CHECK(ok == 7);
    CHECK(failed == 1);
    CHECK(count_rows(*db) == 8);
    CHECK(count_rows(*db, "id = 5") == 0);
    const auto st = group.stats();
    CHECK(st.works == 9);
    if (sqlite) CHECK(st.commits == 2);  // the first alone, then the eight queued behind it in one
  });
}
