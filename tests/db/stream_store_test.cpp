// Containers, memberships, access checks and the stream on SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include "domain/errors/error.hpp"
#include "domain/stream/feed.hpp"
#include "platform/http/response.hpp"
#include "stream_fixture.hpp"

using qt::content::MemberRole;
using qt::content::MemberState;
using qt::content::NewContainer;
using qt::content::Visibility;
using qt::stream::Feed;
using qt::stream::Scope;
using qt::stream::StreamQuery;
using qt::test::StreamDb;

namespace {
std::vector<std::int64_t> ids_of(const qt::stream::Page& p) {
  std::vector<std::int64_t> out;
  for (const auto& e : p.items) out.push_back(e.item.id);
  return out;
}
bool contains(const std::vector<std::int64_t>& v, std::int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

TEST_CASE("a neighbourhood's post is not seen by another neighbourhood", "[db][stream]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb d(t);
    const auto north = d.neighbourhood("nord"), south = d.neighbourhood("sued");
    const auto anna = d.user("anna", north), ben = d.user("ben", south), clara = d.user("clara", north);
    const auto staff = d.user("amt", north, "staff");
    std::int64_t north_c = 0, city_c = 0;
    {
      auto r = d.db->read();
      north_c = *d.store->find_neighbourhood_container(*r, north);
      city_c = *d.store->find_city_container(*r);
    }
    const auto p_north = d.post(anna, north_c, "Flohmarkt Nord");
    const auto p_city = d.post(staff, city_c, "Stadtweit");
    Feed feed(*d.store);
    auto r = d.db->read();
    auto home_ben = ids_of(feed.page(*r, d.viewer(ben), StreamQuery{}));
    CHECK_FALSE(contains(home_ben, p_north));
    CHECK(contains(home_ben, p_city));
    auto home_clara = ids_of(feed.page(*r, d.viewer(clara), StreamQuery{}));
    CHECK(contains(home_clara, p_north));
    CHECK(contains(home_clara, p_city));
    // Ben asks for the north stream directly: refused.
    StreamQuery q;
    q.scope = Scope::neighbourhood;
    q.id = north;
    CHECK_THROWS_AS(feed.page(*r, d.viewer(ben), q), qt::domain::Error);
    CHECK_FALSE(d.store->can_read(*r, d.viewer(ben), p_north));
    CHECK(d.store->can_read(*r, d.viewer(clara), p_north));
    // Staff serve every neighbourhood.
    CHECK(d.store->can_read(*r, d.viewer(staff, qt::Role::staff), p_north));
    // Anonymous sees nothing of a members item.
    CHECK_FALSE(d.store->can_read(*r, qt::content::Viewer{}, p_north));
  });
}

TEST_CASE("a private container's content stays with its members", "[db][stream]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb d(t);
    const auto nb = d.neighbourhood("mitte");
    const auto owner = d.user("olga", nb), member = d.user("mia", nb), outsider = d.user("otto", nb);
    const auto admin = d.user("adm", nb, "admin");
    std::int64_t group = 0;
    {
      auto w = d.db->write();
      NewContainer c;
      c.kind = "groups.group";
      c.owner = "groups";
      c.name = "Gartenfreunde";
      c.visibility = Visibility::hidden;
      c.created_by = owner;
      group = d.store->create_container(*w, c);
      d.store->set_membership(*w, group, member, MemberRole::member, MemberState::active);
      d.store->set_membership(*w, group, outsider, MemberRole::member, MemberState::requested);
    }
    const auto secret = d.post(member, group, "Geheimer Termin", "groups.event");
    Feed feed(*d.store);
    auto r = d.db->read();
    CHECK(contains(ids_of(feed.page(*r, d.viewer(member), StreamQuery{})), secret));
    CHECK(contains(ids_of(feed.page(*r, d.viewer(owner), StreamQuery{})), secret));
    CHECK_FALSE(contains(ids_of(feed.page(*r, d.viewer(outsider), StreamQuery{})), secret));
    CHECK_FALSE(contains(ids_of(feed.page(*r, d.viewer(admin, qt::Role::admin), StreamQuery{})), secret));
    StreamQuery q;
    q.scope = Scope::container;
    q.id = group;
    CHECK_THROWS_AS(feed.page(*r, d.viewer(outsider), q), qt::domain::Error);
    CHECK(ids_of(feed.page(*r, d.viewer(member), q)) == std::vector<std::int64_t>{secret});
    // The profile stream of the member shows the event only to those who may read the group.
    StreamQuery prof;
    prof.scope = Scope::profile;
    prof.id = member;
    CHECK(contains(ids_of(feed.page(*r, d.viewer(owner), prof)), secret));
    CHECK_FALSE(contains(ids_of(feed.page(*r, d.viewer(outsider), prof)), secret));
    CHECK_FALSE(d.store->can_read(*r, d.viewer(outsider), secret));
    CHECK_FALSE(d.store->can_write_container(*r, d.viewer(outsider), d.store->require_container(*r, group)));
    CHECK(d.store->can_manage_container(*r, d.viewer(owner), d.store->require_container(*r, group)));
  });
}

TEST_CASE("stream pages stay stable while new items arrive, kinds filter", "[db][stream]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb d(t);
    const auto nb = d.neighbourhood("ost");
    const auto u = d.user("ute", nb);
    std::int64_t nb_c = 0, city_c = 0;
    {
      auto r = d.db->read();
      nb_c = *d.store->find_neighbourhood_container(*r, nb);
      city_c = *d.store->find_city_container(*r);
    }
    std::vector<std::int64_t> all;
    for (int i = 0; i < 25; ++i) all.push_back(d.post(u, i % 2 ? nb_c : city_c, "p" + std::to_string(i), i % 5 == 0 ? "help.request" : "post"));
    Feed feed(*d.store);
    StreamQuery q;
    q.limit = 10;
    std::vector<std::int64_t> seen;
    {
      auto r = d.db->read();
      auto p1 = feed.page(*r, d.viewer(u), q);
      REQUIRE(p1.items.size() == 10);
      REQUIRE(p1.next_before == p1.items.back().item.id);
      for (auto id : ids_of(p1)) seen.push_back(id);
      q.before = p1.next_before;
    }
    for (int i = 0; i < 5; ++i) d.post(u, nb_c, "new" + std::to_string(i));  // arrive between pages
    while (true) {
      auto r = d.db->read();
      auto p = feed.page(*r, d.viewer(u), q);
      for (auto id : ids_of(p)) seen.push_back(id);
      if (!p.next_before) break;
      q.before = p.next_before;
    }
    std::vector<std::int64_t> expected(all.rbegin(), all.rend());
    CHECK(seen == expected);  // each old item exactly once, newest first, no duplicates
    auto r = d.db->read();
    StreamQuery kq;
    kq.kinds = {"help.request"};
    auto kp = feed.page(*r, d.viewer(u), kq);
    CHECK(kp.items.size() == 5);
    for (const auto& e : kp.items) CHECK(e.item.kind == "help.request");
    CHECK(kp.items.front().author.display_name == "ute");
  });
}
