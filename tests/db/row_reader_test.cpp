// db::RowReader: columns read in place (SQLite) or from libpq's result (PostgreSQL), with
// the same values, NULLs and errors on both; prepared once per pooled connection, never holding
// a stale read snapshot, safe when the same SQL runs nested.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pg_test_db.hpp"
#include "platform/db/database.hpp"
#include "platform/db/row_reader.hpp"
#include "platform/db/statement_cache.hpp"

using qt::db::RowReader;

namespace {
void create_probe(qt::db::Database& db) {
  auto w = db.write();
  *w << "CREATE TABLE reader_probe (id BIGINT PRIMARY KEY, small INTEGER, name TEXT NOT NULL, note TEXT, at BIGINT)";
  *w << "INSERT INTO reader_probe (id, small, name, note, at) VALUES (1, 7, 'Grüße \"aus\" Köpenick', NULL, 1700000000123)";
  *w << "INSERT INTO reader_probe (id, small, name, note, at) VALUES (2, NULL, '', 'zwei', -5)";
  *w << "INSERT INTO reader_probe (id, small, name, note, at) VALUES (3, -2147483648, 'drei', '', NULL)";
}
}  // namespace

TEST_CASE("row reader reads numbers, texts and NULLs alike on both dialects", "[db][row_reader]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    create_probe(*db);
    auto r = db->read();
    RowReader rows(*r, "SELECT id, small, name, note, at, COALESCE(note, 'none') FROM reader_probe WHERE id >= :min ORDER BY id");
    rows.bind(std::int64_t{1});
    REQUIRE(rows.next());
    CHECK(rows.i64(0) == 1);
    CHECK(rows.i64(1) == 7);
    CHECK(rows.text(2) == "Grüße \"aus\" Köpenick");
    CHECK(rows.is_null(3));
    CHECK(rows.text(3).empty());
    CHECK(rows.i64(4) == 1700000000123);
    CHECK(rows.text(5) == "none");
    CHECK_FALSE(rows.is_null(0));
    REQUIRE(rows.next());
    CHECK(rows.is_null(1));
    CHECK(rows.i64(1) == 0);  // NULL reads as 0
    CHECK(rows.text(2).empty());
    CHECK_FALSE(rows.is_null(2));  // an empty text is not NULL
    CHECK(rows.text(3) == "zwei");
    CHECK(rows.i64(4) == -5);
    REQUIRE(rows.next());
    CHECK(rows.i64(1) == -2147483648LL);
    CHECK(rows.text(0) == "3");  // a number read as text
    CHECK(rows.is_null(4));
    CHECK_FALSE(rows.next());
    CHECK_FALSE(rows.next());  // stays at the end
  });
}

TEST_CASE("row reader binds numbers and texts by position", "[db][row_reader]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    create_probe(*db);
    auto r = db->read();
    auto ids = [&](std::int64_t min, std::string_view name) {
      std::vector<std::int64_t> out;
      RowReader rows(*r, "SELECT id FROM reader_probe WHERE id > :min AND name <> :name ORDER BY id DESC");
      rows.bind(min).bind(name);
      while (rows.next()) out.push_back(rows.i64(0));
      return out;
    };
    CHECK(ids(0, "drei") == std::vector<std::int64_t>{2, 1});
    CHECK(ids(1, "") == std::vector<std::int64_t>{3});
    CHECK(ids(0, "Grüße \"aus\" Köpenick") == std::vector<std::int64_t>{3, 2});
    CHECK(ids(5, "x").empty());
  });
}

TEST_CASE("row reader statements are reused, reset and nested safely", "[db][row_reader]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    create_probe(*db);
    const std::string above = "SELECT id FROM reader_probe WHERE id > :min ORDER BY id";

    const auto before = qt::db::statement_cache_stats();
    for (int i = 0; i < 20; ++i) {
      auto r = db->read();
      RowReader rows(*r, above);
      rows.bind(std::int64_t{0});
      int n = 0;
      while (rows.next()) ++n;
      CHECK(n == 3);
    }
    // At most one prepare per pooled connection for this text; the rest are reuses.
    CHECK(qt::db::statement_cache_stats().reused - before.reused >= 15);

    // A use that stops after the first row, then a write on another connection: the next use
    // sees the write (the statement was reset, no old snapshot).
    for (std::int64_t round = 0; round < 3; ++round) {
      {
        auto r = db->read();
        RowReader rows(*r, above);
        rows.bind(std::int64_t{0});
        REQUIRE(rows.next());
        CHECK(rows.i64(0) == 1);
      }
      {
        auto w = db->write();
        const long long id = 100 + round;
        *w << "INSERT INTO reader_probe (id, name) VALUES (:i, 'neu')", soci::use(id, "i");
      }
      auto r = db->read();
      RowReader rows(*r, "SELECT name FROM reader_probe WHERE id = :id");
      rows.bind(100 + round);
      REQUIRE(rows.next());
      CHECK(rows.text(0) == "neu");
    }

    // The same SQL nested on one connection: the inner use gets its own statement.
    {
      auto r = db->read();
      std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
      RowReader outer(*r, above);
      outer.bind(std::int64_t{0});
      while (outer.next()) {
        const auto o = outer.i64(0);
        if (o > 2) break;
        RowReader inner(*r, above);
        inner.bind(o);
        while (inner.next()) pairs.emplace_back(o, inner.i64(0));
        CHECK(outer.i64(0) == o);  // the outer row is untouched by the inner statement
      }
      CHECK(pairs.size() == 5 + 4);  // ids above 1 (2, 3, 100..102) and above 2
      CHECK(pairs.front() == std::make_pair(std::int64_t{1}, std::int64_t{2}));
    }
  });
}

TEST_CASE("row reader reports bad SQL and missing parameters and stays usable", "[db][row_reader]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    create_probe(*db);
    auto r = db->read();
    CHECK_THROWS_AS(RowReader(*r, "SELECT id FROM no_such_table"), soci::soci_error);
    {
      RowReader rows(*r, "SELECT id FROM reader_probe WHERE id = :a AND name = :b");
      rows.bind(std::int64_t{1});  // :b left out
      CHECK_THROWS_AS(rows.next(), soci::soci_error);
    }
    RowReader rows(*r, "SELECT id FROM reader_probe WHERE id = :a AND name = :b");
    rows.bind(std::int64_t{3}).bind(std::string_view("drei"));
    REQUIRE(rows.next());
    CHECK(rows.i64(0) == 3);
  });
}

TEST_CASE("row reader numbers placeholders for libpq, leaving quoted text and casts alone", "[db][row_reader]") {
  int n = 0;
  CHECK(qt::db::detail::numbered_placeholders("SELECT :a::text, ':b', x FROM t WHERE y = :c_1 AND z = :a", n) ==
        "SELECT $1::text, ':b', x FROM t WHERE y = $2 AND z = $3");
  CHECK(n == 3);
  CHECK(qt::db::detail::numbered_placeholders("SELECT 'it''s :x', now()::date", n) == "SELECT 'it''s :x', now()::date");
  CHECK(n == 0);
  // On PostgreSQL the same text, with a cast after a placeholder and a colon in quoted text, reads.
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    create_probe(*db);
    auto r = db->read();
    RowReader rows(*r, "SELECT id, ':kein' FROM reader_probe WHERE id = CAST(:a AS BIGINT) OR name = :b ORDER BY id");
    rows.bind(std::int64_t{2}).bind(std::string_view("drei"));
    REQUIRE(rows.next());
    CHECK(rows.i64(0) == 2);
    CHECK(rows.text(1) == ":kein");
    REQUIRE(rows.next());
    CHECK(rows.i64(0) == 3);
    CHECK_FALSE(rows.next());
  });
}
