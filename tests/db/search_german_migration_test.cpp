// Migration 0067 (German search) indexes the content that was there before it, on both databases:
// items written at schema 66 are found afterwards by their stems, transliterations and parts.
#include <catch2/catch.hpp>

#include <algorithm>

#include "domain/search/search.hpp"
#include "domain/stream/feed.hpp"
#include "pg_test_db.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"

namespace {

std::vector<qt::db::Migration> below(qt::db::Dialect d, int version) {
  auto all = qt::db::core_migrations(d);
  all.erase(std::remove_if(all.begin(), all.end(), [&](const auto& m) { return m.version >= version; }), all.end());
  return all;
}

}  // namespace

TEST_CASE("migration 0067 indexes existing content for German search", "[db][search][migrations]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    qt::db::Migrator m(*db);
    m.apply("core", below(db->dialect(), 67));
    qt::content::Store store(*db);
    std::int64_t user = 0, container = 0, putz = 0, strasse = 0;
    {
      auto w = db->write();
      container = store.city_container(*w);
      const std::int64_t now = qt::content::now_ms();
      *w << "INSERT INTO users (email, display_name, password_hash, role, status, created_at, updated_at)"
            " VALUES ('a@example.org', 'Anna', 'x', 'resident', 'active', :t1, :t2) RETURNING id",
          soci::use(now, "t1"), soci::use(now, "t2"), soci::into(user);
      qt::content::NewItem n;
      n.kind = "post";
      n.container_id = container;
      n.author_id = user;
      n.body = "Frühjahrsputz in der Muenchener Straße";
      putz = store.create_item(*w, n);
      n.body = "Die Strasse der Gärten";
      strasse = store.create_item(*w, n);
    }
    CHECK(m.apply("core", qt::db::core_migrations(db->dialect())) >= 1);
    qt::stream::Feed feed(store);
    qt::search::Search search(db->dialect(), feed);
    auto r = db->read();
    const auto v = store.viewer(*r, user, qt::Role::resident);
    auto ids = [&](const char* q) {
      auto out = search.content_ids(*r, v, q, 20, 0);
      std::sort(out.begin(), out.end());
      return out;
    };
    CHECK(ids("Putz") == std::vector<std::int64_t>{putz});
    CHECK(ids("München") == std::vector<std::int64_t>{putz});
    CHECK(ids("Straße") == std::vector<std::int64_t>{putz, strasse});
    CHECK(ids("Garten") == std::vector<std::int64_t>{strasse});
    CHECK(ids("Flohmarkt").empty());
  });
}
