// Posts, comments, reactions, mentions, notifications and live events on SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include <mutex>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "domain/errors/error.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/stream/actions.hpp"
#include "platform/http/response.hpp"
#include "platform/live/hub.hpp"
#include "stream_fixture.hpp"

using qt::stream::Actions;
using qt::stream::PostInput;
using qt::test::StreamDb;

namespace {

struct Frames {
  std::mutex mu;
  std::vector<std::string> list;
  qt::live::Send sink() {
    return [this](std::string f) {
      std::lock_guard l(mu);
      list.push_back(std::move(f));
    };
  }
  std::size_t count(const std::string& type) {
    std::lock_guard l(mu);
    std::size_t n = 0;
    for (const auto& f : list)
      if (f.find("\"type\":\"" + type + "\"") != std::string::npos) ++n;
    return n;
  }
};

struct World {
  StreamDb d;
  qt::live::Hub hub;
  qt::notify::Notifier notifier;
  Actions actions;
  std::int64_t nb = 0, other_nb = 0, nb_c = 0;
  explicit World(const qt::test::DbTarget& t)
      : d(t), notifier(*d.db, *d.store, hub), actions(*d.db, *d.store, notifier, hub) {
    nb = d.neighbourhood("nord");
    other_nb = d.neighbourhood("sued");
    auto r = d.db->read();
    nb_c = *d.store->find_neighbourhood_container(*r, nb);
  }
  std::int64_t post(std::int64_t uid, const std::string& body, std::int64_t container = 0) {
    PostInput in;
    in.body = body;
    in.container_id = container;
    return actions.create_post(d.viewer(uid), in);
  }
  std::vector<qt::notify::Notification> notes(std::int64_t uid) {
    auto r = d.db->read();
    return notifier.list(*r, uid, 0, 100, false);
  }
};

}  // namespace

TEST_CASE("posts: safe Markdown, edit history, delete", "[db][stream][posts]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto anna = w.d.user("anna", w.nb);
    const auto id = w.post(anna, "Hallo **Nord**! <script>alert(1)</script> [Link](https://example.org) [x](javascript:alert(1))");
    {
      auto r = w.d.db->read();
      auto item = w.d.store->require_item(*r, id);
      CHECK(item.container_id == w.nb_c);  // default: the author's neighbourhood
      CHECK(item.body_html.find("<strong>Nord</strong>") != std::string::npos);
      CHECK(item.body_html.find("<script") == std::string::npos);
      CHECK(item.body_html.find("rel=\"nofollow ugc noopener\" href=\"https://example.org\"") != std::string::npos);
      CHECK(item.body_html.find("javascript:") == std::string::npos);
      CHECK(item.summary.rfind("Hallo Nord!", 0) == 0);
    }
    w.actions.edit_item(w.d.viewer(anna), id, std::string("Titel"), std::string("Neuer Text"), std::nullopt);
    {
      auto r = w.d.db->read();
      auto item = w.d.store->require_item(*r, id);
      CHECK(item.revision == 2);
      CHECK(item.title == "Titel");
      auto revs = w.d.store->revisions(*r, id);
      REQUIRE(revs.size() == 1);
      CHECK(revs[0].body.rfind("Hallo **Nord**", 0) == 0);
    }
    const auto ben = w.d.user("ben", w.nb);
    CHECK_THROWS_AS(w.actions.edit_item(w.d.viewer(ben), id, std::nullopt, std::string("hijack"), std::nullopt), qt::domain::Error);
    CHECK_THROWS_AS(w.actions.delete_item(w.d.viewer(ben), id, ""), qt::domain::Error);
    CHECK_THROWS_AS(w.post(anna, "   "), qt::domain::Error);
    // Someone from another neighbourhood cannot post into this one.
    const auto sued = w.d.user("sven", w.other_nb);
    CHECK_THROWS_AS(w.post(sued, "hallo", w.nb_c), qt::domain::Error);
    w.actions.delete_item(w.d.viewer(anna), id, "");
    auto r = w.d.db->read();
    CHECK_FALSE(w.d.store->can_read(*r, w.d.viewer(anna), id));
    CHECK(w.d.store->revisions(*r, id).empty());
  });
}

TEST_CASE("comments with one level of replies, reactions, notifications", "[db][stream][comments]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto anna = w.d.user("anna", w.nb), ben = w.d.user("ben", w.nb), cem = w.d.user("cem", w.nb);
    const auto id = w.post(anna, "Wer leiht mir eine Leiter?");
    auto c1 = w.actions.add_comment(w.d.viewer(ben), id, 0, "Ich!");
    auto c2 = w.actions.add_comment(w.d.viewer(cem), id, c1.id, "Ich auch");
    auto c3 = w.actions.add_comment(w.d.viewer(anna), id, c2.id, "Danke");  // reply to a reply joins the thread
    CHECK(c2.parent_id == c1.id);
    CHECK(c3.parent_id == c1.id);
    CHECK(c3.author.display_name == "anna");
    w.actions.react(w.d.viewer(ben), id, "thanks");
    w.actions.react(w.d.viewer(cem), id, "like");
    w.actions.react(w.d.viewer(cem), id, "heart");  // changes, does not add
    CHECK_THROWS_AS(w.actions.react(w.d.viewer(cem), id, "angry"), qt::domain::Error);
    {
      auto r = w.d.db->read();
      qt::stream::Feed feed(*w.d.store);
      auto e = feed.decorate(*r, w.d.viewer(cem), {w.d.store->require_item(*r, id)}).front();
      CHECK(e.item.comment_count == 3);
      CHECK(e.reaction_count == 2);
      CHECK(e.reactions["heart"] == 1);
      CHECK(e.reactions["thanks"] == 1);
      CHECK(e.my_reaction == "heart");
      CHECK(w.actions.comments(*r, w.d.viewer(ben), id, 0, 50).size() == 3);
    }
    w.actions.unreact(w.d.viewer(cem), id);
    w.actions.delete_comment(w.d.viewer(cem), c2.id);
    CHECK_THROWS_AS(w.actions.delete_comment(w.d.viewer(cem), c1.id), qt::domain::Error);
    auto anna_kinds = std::multiset<std::string>();
    for (const auto& n : w.notes(anna)) anna_kinds.insert(n.kind);
    CHECK(anna_kinds.count("comment") == 2);   // ben's and cem's comments on her item
    CHECK(anna_kinds.count("reaction") == 2);  // ben and cem reacted once each
    auto ben_kinds = std::multiset<std::string>();
    for (const auto& n : w.notes(ben)) ben_kinds.insert(n.kind);
    CHECK(ben_kinds.count("reply") == 1);  // cem replied to him
    auto cem_kinds = std::multiset<std::string>();
    for (const auto& n : w.notes(cem)) cem_kinds.insert(n.kind);
    CHECK(cem_kinds.count("reply") == 1);  // anna answered his reply (in ben's thread)
    auto r = w.d.db->read();
    CHECK(w.d.store->require_item(*r, id).comment_count == 2);
    CHECK(w.notifier.unread_count(*r, anna) == 4);
  });
}

TEST_CASE("mentions notify readers only, blocks silence, marking read", "[db][stream][notify]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto anna = w.d.user("anna", w.nb), ben = w.d.user("ben", w.nb), sven = w.d.user("sven", w.other_nb);
    const auto cara = w.d.user("cara", w.nb);
    {
      auto wr = w.d.db->write();
      const std::int64_t now = qt::content::now_ms();
      *wr << "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (:a, :b, :t)", soci::use(cara, "a"),
          soci::use(anna, "b"), soci::use(now, "t");
    }
    Frames ben_frames, sven_frames;
    w.hub.on_open(ben, ben_frames.sink());
    w.hub.on_open(sven, sven_frames.sink());
    const std::string body = "Hallo [@ben](/people/" + std::to_string(ben) + ") und [@sven](/people/" +
                             std::to_string(sven) + ") und [@cara](/people/" + std::to_string(cara) + ")";
    w.post(anna, body);
    auto ben_notes = w.notes(ben);
    REQUIRE(ben_notes.size() == 1);
    CHECK(ben_notes[0].kind == "mention");
    CHECK(w.notes(sven).empty());  // another neighbourhood: may not read the post, never hears of it
    CHECK(w.notes(cara).empty());  // cara blocked anna
    CHECK(ben_frames.count("notification") == 1);
    CHECK(ben_frames.count("content") == 1);
    CHECK(sven_frames.count("notification") == 0);
    CHECK(sven_frames.count("content") == 0);  // live events only reach readers
    auto wr = w.d.db->write();
    CHECK(w.notifier.mark_read(*wr, sven, {ben_notes[0].id}) == 0);  // not sven's
    CHECK(w.notifier.mark_read(*wr, ben, {ben_notes[0].id}) == 1);
    CHECK(w.notifier.unread_count(*wr, ben) == 0);
  });
}

TEST_CASE("urgent announcements reach every resident of the area, live and by mail", "[db][stream][announce]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto amt = w.d.user("amt", w.nb, "staff");
    std::vector<std::int64_t> north, south;
    for (int i = 0; i < 30; ++i) north.push_back(w.d.user("n" + std::to_string(i), w.nb));
    for (int i = 0; i < 5; ++i) south.push_back(w.d.user("s" + std::to_string(i), w.other_nb));
    std::vector<std::int64_t> mailed_to;
    qt::notify::MailHooks hooks;
    hooks.urgent = [&](const std::vector<qt::notify::Notification>& l) {
      for (const auto& n : l) mailed_to.push_back(n.user_id);
    };
    w.notifier.set_mail(hooks);
    Frames live_north;
    w.hub.on_open(north[0], live_north.sink());
    qt::stream::AnnouncementInput in;
    in.neighbourhood_id = w.nb;
    in.title = "Wasserrohrbruch";
    in.body = "Bitte Leitungswasser abkochen.";
    in.urgent = true;
    in.pinned = true;
    CHECK_THROWS_AS(w.actions.announce(w.d.viewer(north[1]), in), qt::domain::Error);  // residents cannot
    const auto id = w.actions.announce(w.d.viewer(amt, qt::Role::staff), in);
    CHECK(mailed_to.size() == 30);  // every resident of the north but not the author, none of the south
    for (auto s : south) CHECK(std::find(mailed_to.begin(), mailed_to.end(), s) == mailed_to.end());
    CHECK(live_north.count("notification") == 1);
    auto r = w.d.db->read();
    auto n = w.notifier.list(*r, north[5], 0, 10, true);
    REQUIRE(n.size() == 1);
    CHECK(n[0].urgency == qt::notify::Urgency::urgent);
    CHECK(n[0].content_id == id);
    qt::stream::Feed feed(*w.d.store);
    auto page = feed.page(*r, w.d.viewer(north[2]), qt::stream::StreamQuery{});
    REQUIRE(page.pinned.size() == 1);
    CHECK(page.pinned[0].item.official);
    CHECK(feed.page(*r, w.d.viewer(south[0]), qt::stream::StreamQuery{}).pinned.empty());
  });
}

TEST_CASE("digest mails collect unread notifications per person's setting, once", "[db][stream][digest]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto anna = w.d.user("anna", w.nb), ben = w.d.user("ben", w.nb), cem = w.d.user("cem", w.nb);
    {
      auto wr = w.d.db->write();
      *wr << "UPDATE users SET digest = 'weekly' WHERE id = :u", soci::use(cem, "u");
    }
    std::map<std::int64_t, std::size_t> mailed;
    qt::notify::MailHooks hooks;
    hooks.digest = [&](std::int64_t uid, const std::vector<qt::notify::Notification>& l) { mailed[uid] += l.size(); };
    w.notifier.set_mail(hooks);
    const auto p = w.post(anna, "Hallo [@ben](/people/" + std::to_string(ben) + ") [@cem](/people/" + std::to_string(cem) + ")");
    w.actions.react(w.d.viewer(ben), p, "like");
    w.notifier.run_digest("daily");
    CHECK(mailed[anna] == 1);  // ben's reaction
    CHECK(mailed[ben] == 1);   // the mention
    CHECK(mailed.count(cem) == 0);  // weekly
    w.notifier.run_digest("daily");
    CHECK(mailed[anna] == 1);  // never twice
    w.notifier.run_digest("weekly");
    CHECK(mailed[cem] == 1);
  });
}

TEST_CASE("posting is rate limited per person", "[db][stream][posts]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    w.actions.limits.writes = {3, std::chrono::seconds(600)};
    const auto anna = w.d.user("anna", w.nb), ben = w.d.user("ben", w.nb);
    for (int i = 0; i < 3; ++i) w.post(anna, "Beitrag " + std::to_string(i));
    try {
      w.post(anna, "zu viel");
      FAIL("not limited");
    } catch (const qt::domain::Error& e) {
      CHECK(e.kind() == qt::domain::ErrorKind::rate_limited);
    }
    CHECK(w.post(ben, "ben darf") > 0);  // per person
  });
}
