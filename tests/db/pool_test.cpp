// Leasing connections: readers in parallel, SQLite writes one at a time, bounded PostgreSQL
// pool, no deadlock under mixed load, and leases that clean up after their callers.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "pg_test_db.hpp"
#include "platform/db/database.hpp"
#include "temp_dir.hpp"

using qt::db::Database;
using qt::db::DbError;
using qt::db::Dialect;
using namespace std::chrono_literals;

namespace {

// Counts how many threads are inside at once and lets them wait for each other (with a timeout,
// so a pool that serialises fails the test instead of hanging it).
class Rendezvous {
 public:
  explicit Rendezvous(int expected) : expected_(expected) {}
  bool arrive_and_wait() {
    std::unique_lock lock(m_);
    ++arrived_;
    cv_.notify_all();
    return cv_.wait_for(lock, 10s, [&] { return arrived_ >= expected_; });
  }

 private:
  int expected_;
  int arrived_ = 0;
  std::mutex m_;
  std::condition_variable cv_;
};

struct Gauge {
  std::atomic<int> now{0}, max{0};
  void enter() {
    const int n = ++now;
    int m = max.load();
    while (n > m && !max.compare_exchange_weak(m, n)) {
    }
  }
  void leave() { --now; }
};

}  // namespace

TEST_CASE("Readers are leased in parallel", "[db][pool]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto o = t.options();
    o.pool_size = 4;
    auto db = Database::open(o);
    Rendezvous all_in(4);
    std::atomic<int> together{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
      threads.emplace_back([&] {
        auto lease = db->read();
        int one = 0;
        *lease << "SELECT 1", soci::into(one);
        if (all_in.arrive_and_wait() && one == 1) ++together;
      });
    for (auto& th : threads) th.join();
    CHECK(together == 4);
    const auto s = db->stats();
    CHECK(s.in_use == 0);
    CHECK(s.size == (t.dialect == Dialect::sqlite ? 5u : 4u));  // SQLite: 4 readers + the writer
  });
}

TEST_CASE("SQLite writes are serialised on one writer, waiters block and are counted", "[db][pool][sqlite]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto o = t.options();
    o.pool_size = 3;
    auto db = Database::open(o);
    {
      auto w = db->write();
      *w << "CREATE TABLE counter (n BIGINT NOT NULL)";
    }
    Gauge inside;
    std::vector<std::thread> threads;
    for (int i = 0; i < 6; ++i)
      threads.emplace_back([&] {
        for (int k = 0; k < 5; ++k) {
          auto w = db->write();
          inside.enter();
          long long v = k;
          *w << "INSERT INTO counter (n) VALUES (:n)", soci::use(v);
          std::this_thread::sleep_for(2ms);
          inside.leave();
        }
      });
    for (auto& th : threads) th.join();
    if (t.dialect == Dialect::sqlite)
      CHECK(inside.max == 1);
    else
      CHECK(inside.max <= 3);  // PostgreSQL: bounded by the pool, not serialised
    CHECK(inside.max >= 1);
    CHECK(db->stats().waits > 0);
    CHECK(db->stats().in_use == 0);
    auto r = db->read();
    long long rows = 0;
    *r << "SELECT COUNT(*) FROM counter", soci::into(rows);
    CHECK(rows == 30);
  });
}

TEST_CASE("Mixed readers and writers finish without deadlock and see committed data", "[db][pool]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto o = t.options();
    o.pool_size = 2;  // fewer connections than threads: callers must wait their turn
    auto db = Database::open(o);
    {
      auto w = db->write();
      *w << "CREATE TABLE pairs (a BIGINT NOT NULL, b BIGINT NOT NULL)";
    }
    std::atomic<bool> done{false};
    std::atomic<int> torn{0}, reads{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i)
      threads.emplace_back([&, i] {
        for (int k = 0; k < 20; ++k) {
          auto w = db->write();
          soci::transaction tx(*w);
          long long a = i * 1000 + k;
          *w << "INSERT INTO pairs (a, b) VALUES (:a, 1)", soci::use(a);
          *w << "INSERT INTO pairs (a, b) VALUES (:a, 2)", soci::use(a);
          tx.commit();
        }
      });
    for (int i = 0; i < 4; ++i)
      threads.emplace_back([&] {
        while (!done) {
          auto r = db->read();
          long long n = 0;
          *r << "SELECT COUNT(*) FROM pairs", soci::into(n);
          if (n % 2 != 0) ++torn;  // a half-committed transaction would show here
          ++reads;
        }
      });
    for (int i = 0; i < 3; ++i) threads[static_cast<std::size_t>(i)].join();
    done = true;
    for (std::size_t i = 3; i < threads.size(); ++i) threads[i].join();
    CHECK(torn == 0);
    CHECK(reads > 0);
    auto r = db->read();
    long long n = 0;
    *r << "SELECT COUNT(*) FROM pairs", soci::into(n);
    CHECK(n == 120);
  });
}

TEST_CASE("A second SQLite write lease on the same thread is refused instead of deadlocking", "[db][pool][sqlite]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = Database::open(t.options());
    auto w = db->write();
    if (t.dialect == Dialect::sqlite) {
      CHECK_THROWS_AS(db->write(), DbError);
      auto r = db->read();  // reading while writing is fine
      CHECK(r->get_backend() != w->get_backend());
    } else {
      auto w2 = db->write();  // PostgreSQL: any free connection
      CHECK(&*w2 != &*w);
    }
  });
}

TEST_CASE("SQLite readers cannot write", "[db][pool][sqlite]") {
  qt::test::TempDir dir;
  qt::db::Options o;
  o.url = "sqlite:" + (dir / "q.db").string();
  auto db = Database::open(o);
  { db->write()->once << "CREATE TABLE t (x BIGINT)"; }
  auto r = db->read();
  CHECK_THROWS_WITH(r->once << "INSERT INTO t (x) VALUES (1)", Catch::Contains("readonly"));
}

TEST_CASE("A lease returned inside a transaction is rolled back, not handed on half-done", "[db][pool]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto o = t.options();
    o.pool_size = 1;
    auto db = Database::open(o);
    { db->write()->once << "CREATE TABLE t (x BIGINT)"; }
    {
      auto w = db->write();
      w->begin();
      w->once << "INSERT INTO t (x) VALUES (1)";
      // the caller forgets to commit (e.g. an exception unwound past it)
    }
    auto w = db->write();
    long long n = -1;
    *w << "SELECT COUNT(*) FROM t", soci::into(n);
    CHECK(n == 0);
    w->once << "INSERT INTO t (x) VALUES (2)";  // and the connection works normally
    *w << "SELECT COUNT(*) FROM t", soci::into(n);
    CHECK(n == 1);
  });
}

TEST_CASE("Pool stats count leases in use", "[db][pool]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = Database::open(t.options());
    auto a = db->read();
    auto b = db->write();
    CHECK(db->stats().in_use == 2);
    qt::db::Lease moved(std::move(a));
    CHECK(db->stats().in_use == 2);
  });
}

TEST_CASE("A PostgreSQL connection killed by the server is dropped and replaced", "[db][pool][postgresql]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  qt::db::Options o;
  o.url = pg.url();
  o.pool_size = 1;
  auto db = Database::open(o);
  int pid = 0;
  {
    auto l = db->read();
    *l << "SELECT pg_backend_pid()", soci::into(pid);
  }
  {
    auto admin = Database::open(qt::db::Options{qt::test::PgTestDb::admin_url(), "FULL", 5000, 1});
    auto l = admin->write();
    int ok = 0;
    *l << "SELECT CASE WHEN pg_terminate_backend(:pid) THEN 1 ELSE 0 END", soci::use(pid), soci::into(ok);
    CHECK(ok == 1);
  }
  std::this_thread::sleep_for(100ms);
  CHECK_FALSE(db->ping());  // the dead connection fails once and is dropped
  CHECK(db->ping());        // a fresh one is opened
  CHECK(db->stats().size == 1);
}
