// Direct messages: conversations, unread counts, live delivery, blocking; on both dialects.
#include <catch2/catch.hpp>

#include <functional>
#include <optional>

#include <mutex>

#include "domain/content/privacy.hpp"
#include "domain/errors/error.hpp"
#include "domain/messages/messages.hpp"
#include "platform/http/response.hpp"
#include "platform/live/hub.hpp"
#include "stream_fixture.hpp"

TEST_CASE("direct messages: two people and groups, unread, live, blocks", "[db][stream][messages]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    qt::test::StreamDb d(t);
    qt::live::Hub hub;
    qt::messages::Messages m(*d.db, hub);
    const auto nb = d.neighbourhood("nord");
    const auto anna = d.user("anna", nb), ben = d.user("ben", nb), cem = d.user("cem", nb), dana = d.user("dana", nb);
    std::mutex mu;
    std::vector<std::string> ben_frames;
    hub.on_open(ben, [&](std::string f) {
      std::lock_guard l(mu);
      ben_frames.push_back(std::move(f));
    });
    const auto c1 = m.start(d.viewer(anna), {ben}, "", "Hallo Ben");
    CHECK(m.start(d.viewer(ben), {anna}, "", "Hallo Anna") == c1);  // the pair's conversation is reused
    {
      std::lock_guard l(mu);
      REQUIRE(ben_frames.size() == 2);  // hello + anna's message
      CHECK(ben_frames[1].find("Hallo Ben") != std::string::npos);
    }
    // A new lease for each read, as request handlers take them.
    std::optional<qt::db::Lease> r(d.db->read());
    auto fresh = [&] {
      r.reset();
      r.emplace(d.db->read());
      return std::ref(**r);
    };
    CHECK(m.unread_total(**r, d.viewer(anna)) == 1);
    CHECK(m.unread_total(fresh(), d.viewer(ben)) == 0);  // ben answered, so he has read up to his message
    CHECK(m.history(fresh(), d.viewer(anna), c1, 0, 10).size() == 2);
    CHECK_THROWS_AS(m.history(fresh(), d.viewer(cem), c1, 0, 10), qt::domain::Error);  // not a member
    m.mark_read(d.viewer(anna), c1, 0);
    CHECK(m.unread_total(fresh(), d.viewer(anna)) == 0);

    const auto group = m.start(d.viewer(anna), {ben, cem, dana}, "Hoffest", "Wer bringt Stühle?");
    auto convs = m.conversations(fresh(), d.viewer(cem), 0, 10);
    REQUIRE(convs.size() == 1);
    CHECK(convs[0].members.size() == 4);
    CHECK(convs[0].unread == 1);
    REQUIRE(convs[0].people.size() == 4);
    CHECK(convs[0].people[0].id == convs[0].members[0]);
    CHECK_FALSE(convs[0].people[0].display_name.empty());
    CHECK(m.conversation(fresh(), d.viewer(cem), group).unread == 1);
    CHECK(m.conversation(fresh(), d.viewer(anna), c1).people.size() == 2);
    CHECK_THROWS_AS(m.conversation(fresh(), d.viewer(cem), c1), qt::domain::Error);  // not a member

    // cem blocks anna: their pair conversation is refused, and in the group cem does not see her.
    m.block(d.viewer(cem), anna);
    CHECK_THROWS_AS(m.start(d.viewer(anna), {cem}, "", "Hallo?"), qt::domain::Error);
    m.send(d.viewer(anna), group, "Noch jemand?");
    m.send(d.viewer(dana), group, "Ich bringe drei");
    auto hist = m.history(fresh(), d.viewer(cem), group, 0, 10);
    REQUIRE(hist.size() == 1);
    CHECK(hist[0].body == "Ich bringe drei");
    CHECK(m.history(fresh(), d.viewer(ben), group, 0, 10).size() == 3);
    CHECK(m.blocked(fresh(), d.viewer(cem)) == std::vector<std::int64_t>{anna});
    m.unblock(d.viewer(cem), anna);
    CHECK(m.history(fresh(), d.viewer(cem), group, 0, 10).size() == 3);
    CHECK_THROWS_AS(m.start(d.viewer(anna), {}, "", "x"), qt::domain::Error);
    CHECK_THROWS_AS(m.send(d.viewer(anna), group, "  "), qt::domain::Error);

    // Erasure: anna's messages become empty placeholders and she leaves her conversations.
    {
      auto w = d.db->write();
      soci::transaction tx(*w);
      qt::content::erase_person(*w, anna);
      tx.commit();
    }
    auto after = m.history(fresh(), d.viewer(ben), group, 0, 10);
    CHECK(after.size() == 1);
    CHECK(after[0].body == "Ich bringe drei");
  });
}
