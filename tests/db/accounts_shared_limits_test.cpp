// Rate limits shared through the database: two Database instances (as two server nodes) on one
// PostgreSQL count together; on SQLite the same table works for one node.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "domain/accounts/accounts.hpp"
#include "pg_test_db.hpp"
#include "platform/db/migrations.hpp"
#include "platform/ratelimit/rate_limiter.hpp"
#include "platform/ratelimit/shared_rate_limits.hpp"

using namespace qt::accounts;

namespace {

std::unique_ptr<qt::db::Database> open_migrated(const qt::test::DbTarget& t) {
  auto db = qt::db::Database::open(t.options());
  qt::db::Migrator(*db).apply("core", qt::db::core_migrations(db->dialect()));
  return db;
}

constexpr std::int64_t kT0 = 1'800'000'000'000;  // a fixed wall-clock time, at a window boundary

}  // namespace

TEST_CASE("shared limits: windows, Retry-After, refused attempts do not count", "[db][accounts][ratelimit]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = open_migrated(t);
    SharedRateLimits limits(*db);
    const Limit three{3, std::chrono::minutes(5)};
    const std::int64_t t0 = kT0 / 300000 * 300000;
    for (int i = 0; i < 3; ++i) CHECK_FALSE(limits.hit("login-ip:1", three, t0 + i * 1000));
    CHECK_FALSE(limits.check("login-ip:2", three, t0));
    auto refused = limits.hit("login-ip:1", three, t0 + 10'000);
    REQUIRE(refused);
    CHECK(*refused == 290);  // until the window ends
    CHECK(limits.check("login-ip:1", three, t0 + 10'000));
    // Other keys are independent.
    CHECK_FALSE(limits.hit("login-ip:2", three, t0 + 10'000));
    // In the next window the old hits still weigh in, fading out.
    CHECK(limits.hit("login-ip:1", three, t0 + 300'000 + 1000));
    CHECK_FALSE(limits.hit("login-ip:1", three, t0 + 300'000 + 150'000));  // 3 * 0.5 + 1 = 2.5
    CHECK_FALSE(limits.hit("login-ip:1", three, t0 + 600'000 + 1000));
    // A disabled limit never refuses.
    CHECK_FALSE(limits.hit("x", Limit{0, std::chrono::minutes(1)}, t0));
  });
}

TEST_CASE("shared limits: growing delays after failures, cleared by success", "[db][accounts][ratelimit]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = open_migrated(t);
    SharedRateLimits limits(*db);
    Backoff b;
    b.free_failures = 2;
    b.base = std::chrono::seconds(4);
    b.cap = std::chrono::seconds(10);
    CHECK(limits.fail("d", b, kT0) == 0);
    CHECK(limits.fail("d", b, kT0) == 0);
    CHECK_FALSE(limits.delay("d", kT0));
    CHECK(limits.fail("d", b, kT0) == 4);
    CHECK(limits.delay("d", kT0 + 1000) == 3);
    CHECK(limits.fail("d", b, kT0) == 8);
    CHECK(limits.fail("d", b, kT0) == 10);  // capped
    limits.succeed("d");
    CHECK_FALSE(limits.delay("d", kT0));
    CHECK(limits.fail("d", b, kT0) == 0);
    // Expired rows go in the sweep.
    limits.hit("old", Limit{5, std::chrono::minutes(1)}, kT0);
    limits.sweep(kT0 + 24LL * 60 * 60 * 1000 + 1);
    long long rows = 0;
    auto lease = db->read();
    lease.session() << "SELECT COUNT(*) FROM rate_limits", soci::into(rows);
    CHECK(rows == 0);
  });
}

TEST_CASE("two nodes on one PostgreSQL share their counts, also when hitting at once", "[db][accounts][ratelimit][postgresql]") {
  QT_REQUIRE_PG();
  qt::test::PgTestDb pg;
  qt::db::Options o;
  o.url = pg.url();
  auto node_a = qt::db::Database::open(o);
  qt::db::Migrator(*node_a).apply("core", qt::db::core_migrations(node_a->dialect()));
  auto node_b = qt::db::Database::open(o);

  // Through the limiter as Accounts uses it (it shares itself on PostgreSQL).
  RateLimiter a, b;
  a.share_through(*node_a);
  b.share_through(*node_b);
  const Limit five{5, std::chrono::hours(1)};
  CHECK_FALSE(a.hit("login-fail:anna@example.de", five));
  CHECK_FALSE(b.hit("login-fail:anna@example.de", five));
  CHECK_FALSE(a.hit("login-fail:anna@example.de", five));
  CHECK_FALSE(b.hit("login-fail:anna@example.de", five));
  CHECK_FALSE(a.check("login-fail:anna@example.de", five));
  CHECK_FALSE(b.hit("login-fail:anna@example.de", five));
  CHECK(a.check("login-fail:anna@example.de", five));  // node A sees node B's attempts
  CHECK(a.hit("login-fail:anna@example.de", five));
  CHECK(b.hit("login-fail:anna@example.de", five));

  Backoff backoff;
  backoff.free_failures = 1;
  CHECK(a.fail("login-delay:x", backoff) == 0);
  CHECK(b.fail("login-delay:x", backoff) == 1);
  CHECK(a.delay("login-delay:x"));  // the delay node B set holds on node A
  b.succeed("login-delay:x");
  CHECK_FALSE(a.delay("login-delay:x"));

  // 8 threads on two nodes hit one key 10 times each: exactly the limit gets through.
  const Limit forty{40, std::chrono::hours(1)};
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      RateLimiter& l = i % 2 ? a : b;
      for (int k = 0; k < 10; ++k)
        if (!l.hit("register-ip:203.0.113.9", forty)) ++allowed;
    });
  for (auto& t : threads) t.join();
  CHECK(allowed.load() == 40);
}
