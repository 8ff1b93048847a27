// db::CachedStatement: prepared once per pooled connection, reused with fresh binds, never
// holding a stale read snapshot, safe when the same SQL runs nested (SQLite and PostgreSQL).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pg_test_db.hpp"
#include "platform/db/database.hpp"
#include "platform/db/statement_cache.hpp"

using qt::db::CachedStatement;

TEST_CASE("cached statements are reused with new binds and see every commit", "[db][statement_cache]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    {
      auto w = db->write();
      *w << "CREATE TABLE cache_probe (id BIGINT PRIMARY KEY, name TEXT NOT NULL)";
      for (long long i = 1; i <= 5; ++i) {
        const std::string n = "n" + std::to_string(i);
        *w << "INSERT INTO cache_probe (id, name) VALUES (:i, :n)", soci::use(i, "i"), soci::use(n, "n");
      }
    }
    const std::string one = "SELECT name FROM cache_probe WHERE id = :id";
    const std::string above = "SELECT id FROM cache_probe WHERE id > :min ORDER BY id";
    const auto before = qt::db::statement_cache_stats();
    auto read_name = [&](long long id) {
      auto r = db->read();
      std::string name;
      CachedStatement st(*r, one);
      st, soci::use(id, "id"), soci::into(name);
      return st.execute_once() ? name : std::string("-");
    };
    CHECK(read_name(2) == "n2");
    CHECK(read_name(4) == "n4");
    CHECK(read_name(9) == "-");
    for (int i = 0; i < 20; ++i) CHECK(read_name(3) == "n3");
    const auto after = qt::db::statement_cache_stats();
    // At most one prepare per pooled connection for this text; the rest are reuses.
    CHECK(after.reused - before.reused >= 15);

    // A use that stops after the first row, then a write on another connection: the next use
    // of the same connection sees the write (the cached statement was reset, no old snapshot).
    for (int round = 0; round < 3; ++round) {
      {
        auto r = db->read();
        long long id = 0, min = 0;
        CachedStatement st(*r, above);
        st, soci::use(min, "min"), soci::into(id);
        st.execute();
        REQUIRE(st.fetch());
        CHECK(id == 1);
      }
      {
        auto w = db->write();
        const long long id = 100 + round;
        *w << "INSERT INTO cache_probe (id, name) VALUES (:i, 'new')", soci::use(id, "i");
      }
      CHECK(read_name(100 + round) == "new");
    }

    // The same SQL nested on one connection: the inner use gets its own statement.
    {
      auto r = db->read();
      long long outer_id = 0, min = 0;
      std::vector<std::pair<long long, long long>> pairs;
      CachedStatement outer(*r, above);
      outer, soci::use(min, "min"), soci::into(outer_id);
      outer.execute();
      while (outer.fetch()) {
        if (outer_id > 2) break;
        long long inner_id = 0, inner_min = outer_id;
        CachedStatement inner(*r, above);
        inner, soci::use(inner_min, "min"), soci::into(inner_id);
        inner.execute();
        while (inner.fetch()) pairs.emplace_back(outer_id, inner_id);
      }
      CHECK(pairs.size() == 7 + 6);  // ids above 1 (2..5, 100..102) and above 2
      CHECK(pairs.front() == std::make_pair(1LL, 2LL));
    }

    // Writes through a cached statement, with the affected row count.
    {
      auto w = db->write();
      const std::string name = "changed";
      long long min = 3;
      CachedStatement st(*w, "UPDATE cache_probe SET name = :n WHERE id > :min");
      st, soci::use(name, "n"), soci::use(min, "min");
      st.execute_once();
      CHECK(st.affected_rows() == 5);
    }
    CHECK(read_name(4) == "changed");

    // A failing use (constraint) leaves the statement usable.
    {
      auto w = db->write();
      const long long dup = 1;
      const std::string n = "dup";
      const std::string insert = "INSERT INTO cache_probe (id, name) VALUES (:i, :n)";
      {
        CachedStatement st(*w, insert);
        st, soci::use(dup, "i"), soci::use(n, "n");
        CHECK_THROWS(st.execute_once());
      }
      const long long fresh = 200;
      CachedStatement st(*w, insert);
      st, soci::use(fresh, "i"), soci::use(n, "n");
      st.execute_once();
    }
    CHECK(read_name(200) == "dup");

  });
}
