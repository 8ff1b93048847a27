// reaction_tally (migration 0040) follows the reactions table through its triggers: a new
// reaction, a change of reaction, taking it back and deleting the item (SQLite and PostgreSQL);
// the stream reads its counts from there.
#include <catch2/catch.hpp>

#include <map>

#include "domain/notify/notifier.hpp"
#include "domain/stream/actions.hpp"
#include "domain/stream/feed.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/live/hub.hpp"
#include "stream_fixture.hpp"

using qt::test::StreamDb;

namespace {

std::map<std::string, std::int64_t> counts(StreamDb& d, std::int64_t item) {
  std::map<std::string, std::int64_t> out;
  auto r = d.db->read();
  std::int64_t n[5] = {};
  soci::indicator found = soci::i_null;
  *r << "SELECT n_heart, n_laugh, n_like, n_sad, n_thanks FROM reaction_tally WHERE content_id = :c", soci::use(item, "c"),
      soci::into(n[0], found), soci::into(n[1]), soci::into(n[2]), soci::into(n[3]), soci::into(n[4]);
  if (!r->got_data()) return out;
  const char* names[] = {"heart", "laugh", "like", "sad", "thanks"};
  for (int i = 0; i < 5; ++i) {
    CHECK(n[i] >= 0);  // never below zero
    if (n[i] > 0) out[names[i]] = n[i];
  }
  return out;
}

using Counts = std::map<std::string, std::int64_t>;

}  // namespace

TEST_CASE("reaction counts follow inserts, changes, deletes and item deletion", "[db][stream][reaction_counts]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    qt::test::StreamWorld world(t);
    auto& d = world.d;
    auto& actions = world.actions;
    const auto nb = d.neighbourhood("mitte");
    const auto anna = d.user("anna", nb), ben = d.user("ben", nb), cem = d.user("cem", nb);
    std::int64_t nb_c = 0;
    {
      auto r = d.db->read();
      nb_c = *d.store->find_neighbourhood_container(*r, nb);
    }
    const auto item = d.post(anna, nb_c, "Flohmarkt");
    const auto other = d.post(anna, nb_c, "Anderes");
    CHECK(counts(d, item).empty());

    actions.react(d.viewer(ben), item, "like");
    actions.react(d.viewer(cem), item, "like");
    actions.react(d.viewer(anna), item, "heart");
    actions.react(d.viewer(ben), other, "sad");
    CHECK(counts(d, item) == Counts{{"heart", 1}, {"like", 2}});
    CHECK(counts(d, other) == Counts{{"sad", 1}});

    SECTION("a change of reaction moves the count") {
      actions.react(d.viewer(ben), item, "thanks");
      CHECK(counts(d, item) == Counts{{"heart", 1}, {"like", 1}, {"thanks", 1}});
      actions.react(d.viewer(ben), item, "thanks");  // the same again changes nothing
      CHECK(counts(d, item) == Counts{{"heart", 1}, {"like", 1}, {"thanks", 1}});
      actions.react(d.viewer(anna), item, "like");
      CHECK(counts(d, item) == Counts{{"like", 2}, {"thanks", 1}});
    }

    SECTION("taking a reaction back lowers the count and drops it at zero") {
      actions.unreact(d.viewer(ben), item);
      CHECK(counts(d, item) == Counts{{"heart", 1}, {"like", 1}});
      actions.unreact(d.viewer(anna), item);
      CHECK(counts(d, item) == Counts{{"like", 1}});
      CHECK(counts(d, other) == Counts{{"sad", 1}});
    }

    SECTION("the stream shows the counts and my reaction") {
      qt::stream::Feed feed(*d.store);
      auto r = d.db->read();
      auto page = feed.page(*r, d.viewer(ben), qt::stream::StreamQuery{});
      bool seen = false;
      for (const auto& e : page.items) {
        if (e.item.id != item) continue;
        seen = true;
        CHECK(e.reactions == Counts{{"heart", 1}, {"like", 2}});
        CHECK(e.reaction_count == 3);
        CHECK(e.my_reaction == "like");
      }
      CHECK(seen);
    }

    SECTION("deleting the item deletes its counts") {
      {
        auto w = d.db->write();
        *w << "DELETE FROM content WHERE id = :c", soci::use(item, "c");
      }
      CHECK(counts(d, item).empty());
      CHECK(counts(d, other) == Counts{{"sad", 1}});
      auto r = d.db->read();
      std::int64_t rows = -1;
      *r << "SELECT COUNT(*) FROM reaction_tally WHERE content_id = :c", soci::use(item, "c"), soci::into(rows);
      CHECK(rows == 0);  // the row goes with the item
    }

    SECTION("deleting a person's reactions lowers the counts") {
      {
        auto w = d.db->write();
        *w << "DELETE FROM reactions WHERE user_id = :u", soci::use(ben, "u");
      }
      CHECK(counts(d, item) == Counts{{"heart", 1}, {"like", 1}});
      CHECK(counts(d, other).empty());
    }
  });
}

TEST_CASE("migration 0040 carries the per-reaction counts of 0039 over into one row per item", "[db][stream][reaction_counts]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    auto db = qt::db::Database::open(t.options());
    auto all = qt::db::core_migrations(db->dialect());
    std::vector<qt::db::Migration> up_to_39;
    for (const auto& m : all)
      if (m.version <= 39) up_to_39.push_back(m);
    qt::db::Migrator(*db).apply("core", up_to_39);
    {
      auto w = db->write();
      const std::int64_t now = 1700000000000;
      *w << "INSERT INTO users (id, email, display_name, password_hash, role, status, created_at, updated_at)"
            " VALUES (1, 'a@example.org', 'a', 'x', 'resident', 'active', :t1, :t2)",
          soci::use(now, "t1"), soci::use(now, "t2");
      *w << "INSERT INTO containers (id, kind, name, visibility, created_at, updated_at)"
            " VALUES (1, 'city', 'Stadt', 'members', :t1, :t2)",
          soci::use(now, "t1"), soci::use(now, "t2");
      for (int id : {10, 11, 12})
        *w << "INSERT INTO content (id, kind, owner, container_id, author_id, visibility, title, summary, body, body_html,"
              " created_at, updated_at) VALUES (:id, 'post', 'core', 1, 1, 'members', '', '', 'x', '', :t1, :t2)",
            soci::use(id, "id"), soci::use(now, "t1"), soci::use(now, "t2");
      // As the 0039 triggers left them (the reactions themselves do not matter to the carry-over).
      *w << "INSERT INTO reaction_counts (content_id, reaction, n) VALUES (10, 'like', 3), (10, 'sad', 1), (11, 'thanks', 7)";
    }
    qt::db::Migrator(*db).apply("core", all);
    auto r = db->read();
    std::int64_t heart = -1, like = -1, sad = -1, thanks = -1, rows = -1;
    *r << "SELECT n_heart, n_like, n_sad FROM reaction_tally WHERE content_id = 10", soci::into(heart), soci::into(like),
        soci::into(sad);
    CHECK(heart == 0);
    CHECK(like == 3);
    CHECK(sad == 1);
    *r << "SELECT n_thanks FROM reaction_tally WHERE content_id = 11", soci::into(thanks);
    CHECK(thanks == 7);
    *r << "SELECT COUNT(*) FROM reaction_tally", soci::into(rows);
    CHECK(rows == 2);  // item 12 had no reactions
  });
}
