// reaction_counts (migration 0039) follows the reactions table through its triggers: a new
// reaction, a change of reaction, taking it back and deleting the item (SQLite and PostgreSQL);
// the stream reads its counts from there.
#include <catch2/catch.hpp>

#include <map>

#include "live/hub.hpp"
#include "notify/notifier.hpp"
#include "stream/actions.hpp"
#include "stream/feed.hpp"
#include "stream_fixture.hpp"

using qt::test::StreamDb;

namespace {

std::map<std::string, std::int64_t> counts(StreamDb& d, std::int64_t item) {
  std::map<std::string, std::int64_t> out;
  auto r = d.db->read();
  std::string reaction;
  std::int64_t n = 0;
  soci::statement st = (r->prepare << "SELECT reaction, n FROM reaction_counts WHERE content_id = :c", soci::use(item, "c"),
                        soci::into(reaction), soci::into(n));
  st.execute();
  while (st.fetch()) out[reaction] = n;
  return out;
}

using Counts = std::map<std::string, std::int64_t>;

}  // namespace

TEST_CASE("reaction counts follow inserts, changes, deletes and item deletion", "[db][stream][reaction_counts]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb d(t);
    qt::live::Hub hub;
    qt::notify::Notifier notifier(*d.db, *d.store, hub);
    qt::stream::Actions actions(*d.db, *d.store, notifier, hub);
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
