// People and containers found by name through the full-text indexes of migrations 0037/0049:
// word prefixes as one types, case and umlauts folded, renames followed; hidden containers only
// for their members, profiles never as containers, nothing for anonymous viewers.
#include <catch2/catch.hpp>

#include <algorithm>

#include "domain/search/search.hpp"
#include "domain/stream/feed.hpp"
#include "stream_fixture.hpp"

using qt::content::MemberRole;
using qt::content::MemberState;
using qt::content::NewContainer;
using qt::content::Visibility;
using qt::test::StreamDb;

namespace {

template <class Hits>
bool has(const Hits& hits, std::int64_t id) {
  return std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return h.id == id; });
}

std::int64_t group(StreamDb& w, const std::string& name, Visibility vis, std::int64_t owner) {
  auto wl = w.db->write();
  NewContainer c;
  c.kind = "groups.group";
  c.owner = "groups";
  c.name = name;
  c.visibility = vis;
  c.created_by = owner;
  return w.store->create_container(*wl, c);
}

}  // namespace

TEST_CASE("people by name: prefixes, case and umlauts folded, anonymous sees nobody", "[db][search]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb w(t);
    const auto nb = w.neighbourhood("mitte");
    const auto jurgen = w.user("Jürgen Müller-Lüdenscheidt", nb);
    const auto zoe = w.user("Zoë Öztürk", nb);
    const auto anna = w.user("Anna Schmidt", nb);
    qt::stream::Feed feed(*w.store);
    qt::search::Search search(w.db->dialect(), feed);
    const auto v = w.viewer(anna);
    auto r = w.db->read();
    for (const char* q : {"müller", "MÜLLER", "muller", "Mül", "jürg", "JURGEN mull", "lüdensch"}) {
      INFO(q);
      CHECK(has(search.people(*r, v, q, 10), jurgen));
    }
    CHECK(has(search.people(*r, v, "oztu", 10), zoe));
    CHECK(has(search.people(*r, v, "ÖZTÜRK", 10), zoe));
    CHECK(has(search.people(*r, v, "zoe", 10), zoe));
    CHECK_FALSE(has(search.people(*r, v, "müller anna", 10), jurgen));  // every word must match
    CHECK_FALSE(has(search.people(*r, v, "ller", 10), jurgen));        // prefixes, not infixes
    CHECK(search.people(*r, qt::content::Viewer{}, "müller", 10).empty());
    CHECK(search.people(*r, v, "'\"*:&|!()", 10).empty());  // no searchable word, no error
    CHECK(search.people(*r, v, "mü'ller", 10).empty());
  });
}

TEST_CASE("containers by name: prefixes and umlauts, hidden ones only for members, no profiles", "[db][search]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb w(t);
    const auto nb = w.neighbourhood("mitte");
    const auto olga = w.user("Olga", nb);
    const auto mia = w.user("Mia", nb);
    const auto otto = w.user("Gärtner Otto", nb);
    const auto open = group(w, "Gärtnerei am Kanal", Visibility::public_, olga);
    const auto closed = group(w, "Gärtner-Stammtisch", Visibility::members, olga);
    const auto hidden = group(w, "Verborgene Gärten", Visibility::hidden, olga);
    {
      auto wl = w.db->write();
      w.store->set_membership(*wl, hidden, mia, MemberRole::member, MemberState::active);
      w.store->profile_container(*wl, otto);  // a profile container named "Gärtner Otto"
    }
    qt::stream::Feed feed(*w.store);
    qt::search::Search search(w.db->dialect(), feed);
    {
      auto r = w.db->read();
      const auto as_otto = search.containers(*r, w.viewer(otto), "gartn", 20);
      CHECK(has(as_otto, open));
      CHECK(has(as_otto, closed));
      CHECK_FALSE(has(as_otto, hidden));
      CHECK(std::none_of(as_otto.begin(), as_otto.end(), [](const auto& h) { return h.kind == "profile"; }));
      CHECK(has(search.containers(*r, w.viewer(mia), "GÄRTEN", 20), hidden));
      CHECK(has(search.containers(*r, w.viewer(olga), "verborg", 20), hidden));
      CHECK_FALSE(has(search.containers(*r, w.viewer(otto), "verborgene gärten", 20), hidden));
      CHECK(has(search.containers(*r, w.viewer(otto), "kanal gärtnerei", 20), open));
      CHECK(search.containers(*r, qt::content::Viewer{}, "gärtnerei", 20).empty());
    }
    {
      auto wl = w.db->write();
      qt::content::ContainerPatch p;
      p.name = "Blumenfreunde Kanal";
      w.store->update_container(*wl, open, p);
    }
    auto r2 = w.db->read();
    CHECK(has(search.containers(*r2, w.viewer(otto), "blumenfr", 20), open));
    CHECK_FALSE(has(search.containers(*r2, w.viewer(otto), "gärtnerei", 20), open));
  });
}
