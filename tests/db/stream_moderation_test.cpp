// Reports, the threshold hide, moderation actions and the audit log; search; privacy; query plans.
#include <catch2/catch.hpp>

#include <sstream>

#include <boost/json.hpp>

#include "domain/content/privacy.hpp"
#include "domain/errors/error.hpp"
#include "domain/moderation/moderation.hpp"
#include "domain/notify/notifier.hpp"
#include "domain/search/search.hpp"
#include "domain/stream/actions.hpp"
#include "domain/stream/feed.hpp"
#include "platform/http/response.hpp"
#include "platform/live/hub.hpp"
#include "stream_fixture.hpp"

using qt::moderation::Moderation;
using qt::moderation::ReportInput;
using qt::test::StreamDb;

namespace {

struct World {
  StreamDb d;
  qt::live::Hub hub;
  qt::notify::Notifier notifier;
  qt::stream::Actions actions;
  Moderation moderation;
  qt::stream::Feed feed;
  qt::search::Search search;
  std::int64_t nb = 0, other_nb = 0;
  explicit World(const qt::test::DbTarget& t)
      : d(t),
        notifier(*d.db, *d.store, hub),
        actions(*d.db, *d.store, notifier, hub),
        moderation(*d.db, *d.store, notifier, 3),
        feed(*d.store),
        search(d.db->dialect(), feed) {
    nb = d.neighbourhood("nord");
    other_nb = d.neighbourhood("sued");
  }
  std::int64_t post(std::int64_t uid, const std::string& body, std::int64_t container = 0) {
    qt::stream::PostInput in;
    in.body = body;
    in.container_id = container;
    return actions.create_post(d.viewer(uid), in);
  }
  qt::moderation::ReportResult report(std::int64_t uid, const std::string& type, std::int64_t id) {
    ReportInput in;
    in.target_type = type;
    in.target_id = id;
    in.reason = "spam";
    return moderation.report(d.viewer(uid), in);
  }
  bool in_home(std::int64_t uid, std::int64_t id) {
    auto r = d.db->read();
    for (const auto& e : feed.page(*r, d.viewer(uid), qt::stream::StreamQuery{}).items)
      if (e.item.id == id) return true;
    return false;
  }
  std::vector<std::int64_t> found(std::int64_t uid, const std::string& q, qt::Role role = qt::Role::resident) {
    auto r = d.db->read();
    return search.content_ids(*r, d.viewer(uid, role), q, 20, 0);
  }
};

bool has(const std::vector<std::int64_t>& v, std::int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("an item reported by enough distinct people is hidden until reviewed", "[db][stream][moderation]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto author = w.d.user("author", w.nb);
    std::vector<std::int64_t> r;
    for (int i = 0; i < 4; ++i) r.push_back(w.d.user("r" + std::to_string(i), w.nb));
    const auto mod = w.d.user("mod", w.nb, "moderator");
    const auto id = w.post(author, "Kaufen Sie billige Uhren");
    CHECK_FALSE(w.report(r[0], "content", id).hidden_now);
    CHECK_THROWS_AS(w.report(r[0], "content", id), qt::domain::Error);  // once per person
    CHECK_FALSE(w.report(r[1], "content", id).hidden_now);
    CHECK(w.in_home(r[3], id));
    CHECK(w.report(r[2], "content", id).hidden_now);
    CHECK_FALSE(w.in_home(r[3], id));
    CHECK(w.found(r[3], "Uhren").empty());
    {
      auto rd = w.d.db->read();
      CHECK(w.d.store->can_read(*rd, w.d.viewer(author), id));  // the author still sees it, marked hidden
      CHECK_FALSE(w.d.store->can_read(*rd, w.d.viewer(r[3]), id));
      auto queue = w.moderation.queue(*rd, w.d.viewer(mod, qt::Role::moderator), "open", std::nullopt, 0, 50);
      CHECK(queue.size() == 3);
      CHECK_THROWS_AS(w.moderation.queue(*rd, w.d.viewer(r[3]), "open", std::nullopt, 0, 50), qt::domain::Error);
    }
    // Reviewed and fine: dismissing lifts the threshold hide.
    w.moderation.act(w.d.viewer(mod, qt::Role::moderator), "dismiss", "content", id, "");
    CHECK(w.in_home(r[3], id));
    // A moderator hides it with a reason the author is told.
    CHECK_THROWS_AS(w.moderation.act(w.d.viewer(mod, qt::Role::moderator), "hide", "content", id, ""), qt::domain::Error);
    CHECK_THROWS_AS(w.moderation.act(w.d.viewer(r[3]), "hide", "content", id, "x"), qt::domain::Error);
    w.moderation.act(w.d.viewer(mod, qt::Role::moderator), "hide", "content", id, "Werbung ist hier nicht erlaubt");
    CHECK_FALSE(w.in_home(r[3], id));
    auto rd = w.d.db->read();
    auto notes = w.notifier.list(*rd, author, 0, 10, false);
    REQUIRE(!notes.empty());
    CHECK(notes[0].kind == "moderation");
    CHECK(notes[0].payload.at("reason").as_string() == "Werbung ist hier nicht erlaubt");
    auto log = w.moderation.log(*rd, w.d.viewer(mod, qt::Role::moderator), author, 0, 10);
    REQUIRE(log.size() == 3);  // auto_hide, dismiss, hide (newest first)
    CHECK(log[0].action == "hide");
    CHECK(log[1].action == "dismiss");
    CHECK(log[2].action == "auto_hide");
    CHECK(log[2].moderator_id == 0);
  });
}

TEST_CASE("comments hide at the threshold, suspension stops posting", "[db][stream][moderation]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto author = w.d.user("author", w.nb), troll = w.d.user("troll", w.nb);
    const auto mod = w.d.user("mod", w.nb, "moderator");
    std::vector<std::int64_t> r;
    for (int i = 0; i < 3; ++i) r.push_back(w.d.user("r" + std::to_string(i), w.nb));
    const auto id = w.post(author, "Nachbarschaftsfest am Samstag");
    auto c = w.actions.add_comment(w.d.viewer(troll), id, 0, "Beleidigung");
    for (auto x : r) w.report(x, "comment", c.id);
    {
      auto rd = w.d.db->read();
      CHECK(w.actions.comments(*rd, w.d.viewer(author), id, 0, 50).empty());
      CHECK(w.actions.comments(*rd, w.d.viewer(troll), id, 0, 50).size() == 1);  // own, marked hidden
    }
    CHECK_THROWS_AS(w.report(troll, "content", w.post(troll, "mein Beitrag")), qt::domain::Error);  // own content
    w.report(author, "user", troll);
    w.moderation.act(w.d.viewer(mod, qt::Role::moderator), "suspend", "user", troll, "Wiederholte Beleidigungen");
    try {
      w.post(troll, "noch einer");
      FAIL("a suspended person posted");
    } catch (const qt::domain::Error& e) {
      CHECK(e.code() == "suspended");
    }
    CHECK_THROWS_AS(w.actions.add_comment(w.d.viewer(troll), id, 0, "x"), qt::domain::Error);
    const auto mod2 = w.d.user("mod2", w.nb, "moderator");
    CHECK_THROWS_AS(w.moderation.act(w.d.viewer(mod, qt::Role::moderator), "suspend", "user", mod2, "x"), qt::domain::Error);
    w.moderation.act(w.d.viewer(mod, qt::Role::moderator), "unsuspend", "user", troll, "");
    CHECK(w.post(troll, "Entschuldigung") > 0);
    // The threshold is an admin's run-time setting.
    const auto admin = w.d.user("admin", w.nb, "admin");
    auto wr = w.d.db->write();
    CHECK(w.moderation.threshold(*wr) == 3);
    CHECK_THROWS_AS(w.moderation.set_threshold(*wr, w.d.viewer(mod, qt::Role::moderator), 1), qt::domain::Error);
    CHECK_THROWS_AS(w.moderation.set_threshold(*wr, w.d.viewer(admin, qt::Role::admin), 0), qt::domain::Error);
    w.moderation.set_threshold(*wr, w.d.viewer(admin, qt::Role::admin), 1);
    CHECK(w.moderation.threshold(*wr) == 1);
  });
}

TEST_CASE("search finds German word forms, only what the searcher may read", "[db][stream][search]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto anna = w.d.user("anna", w.nb), sven = w.d.user("sven", w.other_nb), staff = w.d.user("amt", w.nb, "staff");
    const auto outsider = w.d.user("otto", w.nb);
    const auto bikes = w.post(anna, "Wir reparieren Fahrräder im Hof der Grundschule");
    const auto garden = w.post(anna, "Gemeinschaftsgarten sucht Helfer");
    std::int64_t group = 0;
    {
      auto wr = w.d.db->write();
      qt::content::NewContainer c;
      c.kind = "groups.group";
      c.owner = "groups";
      c.name = "Fahrradwerkstatt intern";
      c.visibility = qt::content::Visibility::hidden;
      c.created_by = anna;
      group = w.d.store->create_container(*wr, c);
    }
    const auto secret = w.post(anna, "Geheimes Fahrrad Treffen", group);
    const auto nb_hit = w.found(anna, "fahrrad");
    CHECK(has(nb_hit, bikes));
    CHECK(has(nb_hit, secret));
    CHECK(has(w.found(anna, "FAHRRÄDER"), bikes));
    CHECK(has(w.found(anna, "Gemeinschaftsgärten Helfern"), garden));  // word forms, not compound parts
    CHECK(w.found(sven, "fahrrad").empty());      // other neighbourhood
    CHECK_FALSE(has(w.found(outsider, "fahrrad"), secret));  // not a member
    CHECK(has(w.found(outsider, "fahrrad"), bikes));
    CHECK(has(w.found(staff, "fahrrad", qt::Role::staff), bikes));
    CHECK_FALSE(has(w.found(staff, "fahrrad", qt::Role::staff), secret));
    CHECK_THROWS_AS(w.found(anna, "!"), qt::domain::Error);
    auto rd = w.d.db->read();
    CHECK(w.search.containers(*rd, w.d.viewer(outsider), "fahrrad", 10).empty());  // hidden container
    CHECK(w.search.containers(*rd, w.d.viewer(anna), "fahrrad", 10).size() == 1);
    CHECK(w.search.people(*rd, w.d.viewer(outsider), "ANN", 10).size() == 1);
    w.actions.delete_item(w.d.viewer(anna), bikes, "");
    auto after = w.d.db->read();
    CHECK_FALSE(has(w.search.content_ids(*after, w.d.viewer(anna), "reparieren", 10, 0), bikes));
  });
}

TEST_CASE("privacy: export holds a person's content, erase removes it and keeps others' threads", "[db][stream][privacy]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    World w(t);
    const auto anna = w.d.user("anna", w.nb), ben = w.d.user("ben", w.nb);
    const auto mine = w.post(anna, "Mein Beitrag");
    const auto his = w.post(ben, "Sein Beitrag");
    auto c = w.actions.add_comment(w.d.viewer(anna), his, 0, "Mein Kommentar");
    auto reply = w.actions.add_comment(w.d.viewer(ben), his, c.id, "Antwort");
    w.actions.react(w.d.viewer(anna), his, "like");
    {
      auto rd = w.d.db->read();
      auto ex = qt::content::export_person(*rd, anna).as_object();
      CHECK(ex.at("content").as_array().size() == 1);
      CHECK(ex.at("comments").as_array().size() == 1);
      CHECK(ex.at("reactions").as_array().size() == 1);
      auto bex = qt::content::export_person(*rd, ben).as_object();
      CHECK(bex.at("content").as_array().size() == 1);  // never someone else's
    }
    {
      auto wr = w.d.db->write();
      soci::transaction tx(*wr);
      qt::content::erase_person(*wr, anna);
      tx.commit();
    }
    auto rd = w.d.db->read();
    CHECK_FALSE(w.d.store->item(*rd, mine).has_value());
    auto list = w.actions.comments(*rd, w.d.viewer(ben), his, 0, 50);
    REQUIRE(list.size() == 2);
    CHECK(list[0].deleted);
    CHECK(list[0].body.empty());
    CHECK(list[1].id == reply.id);
    auto item = w.d.store->require_item(*rd, his);
    CHECK(item.comment_count == 1);
    auto ex = qt::content::export_person(*rd, anna).as_object();
    CHECK(ex.at("content").as_array().empty());
    CHECK(ex.at("reactions").as_array().empty());
  });
}

namespace {
std::string plan(qt::db::Database& db, const std::string& sql_text, const std::vector<std::pair<std::string, std::int64_t>>& binds) {
  auto r = db.read();
  std::string out, line;
  const std::string prefix = db.dialect() == qt::db::Dialect::sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
  std::vector<std::int64_t> vals;
  vals.reserve(binds.size());
  auto p = (r->prepare << prefix + sql_text);
  for (const auto& [name, v] : binds) {
    vals.push_back(v);
    p, soci::use(vals.back(), name);
  }
  if (db.dialect() == qt::db::Dialect::sqlite) {
    int id = 0, parent = 0, unused = 0;
    p, soci::into(id), soci::into(parent), soci::into(unused), soci::into(line);
  } else {
    p, soci::into(line);
  }
  soci::statement st(p);
  st.execute();
  while (st.fetch()) out += line + "\n";
  return out;
}
}  // namespace

TEST_CASE("stream, profile and notification queries use indexes on a sizeable table", "[db][stream][plans]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb d(t);
    const auto nb = d.neighbourhood("nord");
    const auto u = d.user("u", nb), v = d.user("v", nb);
    std::int64_t city = 0, nb_c = 0;
    {
      auto r = d.db->read();
      city = *d.store->find_city_container(*r);
      nb_c = *d.store->find_neighbourhood_container(*r, nb);
    }
    {
      // 30 000 items across 30 containers, bulk-inserted in one transaction.
      auto wr = d.db->write();
      soci::transaction tx(*wr);
      std::vector<std::int64_t> containers{city, nb_c};
      for (int i = 0; i < 28; ++i) {
        qt::content::NewContainer c;
        c.kind = "groups.group";
        c.owner = "groups";
        c.name = "g" + std::to_string(i);
        c.created_by = i % 2 ? u : v;
        containers.push_back(d.store->create_container(*wr, c));
      }
      std::int64_t cid = 0, author = 0;
      const std::int64_t now = qt::content::now_ms();
      std::string kind;
      soci::statement ins = (wr->prepare << "INSERT INTO content (kind, owner, container_id, author_id, title, created_at, updated_at)"
                                            " VALUES (:k, 'core', :c, :a, 'x', :t1, :t2)",
                             soci::use(kind, "k"), soci::use(cid, "c"), soci::use(author, "a"), soci::use(now, "t1"),
                             soci::use(now, "t2"));
      for (int i = 0; i < 30000; ++i) {
        cid = containers[static_cast<std::size_t>(i) % containers.size()];
        author = i % 3 ? u : v;
        kind = i % 7 ? "post" : "groups.event";
        ins.execute(true);
      }
      // Comments and reactions on the first items (the triggers fill reaction_tally).
      std::int64_t first_item = 0;
      *wr << "SELECT MIN(id) FROM content", soci::into(first_item);
      std::int64_t on = 0, who = 0;
      std::string reaction;
      soci::statement com = (wr->prepare << "INSERT INTO comments (content_id, author_id, body, created_at, updated_at)"
                                            " VALUES (:c, :a, 'x', :t1, :t2)",
                             soci::use(on, "c"), soci::use(who, "a"), soci::use(now, "t1"), soci::use(now, "t2"));
      soci::statement rea = (wr->prepare << "INSERT INTO reactions (content_id, user_id, reaction, created_at) VALUES (:c, :u, :r, :t)",
                             soci::use(on, "c"), soci::use(who, "u"), soci::use(reaction, "r"), soci::use(now, "t"));
      for (int i = 0; i < 10000; ++i) {
        on = first_item + i / 2;
        who = i % 2 ? u : v;
        reaction = i % 3 ? "like" : "heart";
        com.execute(true);
        rea.execute(true);
      }
      for (int i = 0; i < 2000; ++i) {
        *wr << "INSERT INTO notifications (user_id, kind, created_at) VALUES (:u, 'x', :t)", soci::use(i % 2 ? u : v, "u"),
            soci::use(now, "t");
      }
      tx.commit();
      *wr << "ANALYZE";
    }
    // The stream queries as Feed builds them, for two containers and a kind filter.
    std::string stream_sql = qt::stream::sql::newest_ids({false, true}, d.db->dialect());
    stream_sql.replace(stream_sql.find(":k1"), 3, "'groups.event'");  // plan() binds numbers only
    const std::int64_t big = 1LL << 62;
    std::vector<std::pair<std::string, std::int64_t>> stream_binds{{"c0", city}, {"b0", big}, {"c1", nb_c}, {"b1", big}, {"lim", 20}};
    if (d.db->dialect() == qt::db::Dialect::postgresql) stream_binds.insert(stream_binds.end(), {{"l0", 20}, {"l1", 20}});
    auto p1 = plan(*d.db, stream_sql, stream_binds);
    INFO(p1);
    auto p7 = plan(*d.db, qt::stream::sql::pinned_ids(2, d.db->dialect()), {{"c0", city}, {"c1", nb_c}});
    INFO(p7);
    auto p2 = plan(*d.db, "SELECT id FROM content WHERE author_id = :a AND id < :b ORDER BY id DESC LIMIT 20", {{"a", u}, {"b", big}});
    INFO(p2);
    auto p3 = plan(*d.db, "SELECT id FROM notifications WHERE user_id = :u AND id < :b ORDER BY id DESC LIMIT 30", {{"u", u}, {"b", big}});
    INFO(p3);
    auto p4 = plan(*d.db, "SELECT content_id, reaction, COUNT(*) FROM reactions WHERE content_id IN (:a, :b) GROUP BY content_id, reaction",
                   {{"a", 1}, {"b", 2}});
    INFO(p4);
    // A page's items with authors, containers, counts, my reaction and newest comment ids, and
    // the comments by id, as Feed::load runs them (four ids).
    std::vector<std::pair<std::string, std::int64_t>> entry_binds{{"me", u}, {"m0", 0}, {"cu0", u}, {"m1", 0}, {"cu1", u}};
    std::vector<std::pair<std::string, std::int64_t>> id_binds;
    for (int i = 0; i < 4; ++i) id_binds.emplace_back("i" + std::to_string(i), 100 + i);
    entry_binds.insert(entry_binds.end(), id_binds.begin(), id_binds.end());
    auto p5 = plan(*d.db, qt::stream::sql::entries(4, true), entry_binds);
    INFO(p5);
    if (d.db->dialect() == qt::db::Dialect::sqlite) {
      for (const auto* p : {&p5}) {
        std::istringstream lines(*p);
        for (std::string line; std::getline(lines, line);) CHECK(line.rfind("SCAN", 0) == std::string::npos);
      }
      CHECK(p5.find("comments_latest") != std::string::npos);
      CHECK(p5.find("SEARCH rt USING INTEGER PRIMARY KEY (rowid=?)") != std::string::npos);
      CHECK(p5.find("SEARCH mine USING INDEX sqlite_autoindex_reactions_1 (content_id=? AND") != std::string::npos);
      for (const auto* p : {&p1, &p2, &p3, &p4}) {
        CHECK(p->find("SCAN content") == std::string::npos);
        CHECK(p->find("SCAN notifications") == std::string::npos);
        CHECK(p->find("SCAN reactions") == std::string::npos);
      }
      CHECK(p1.find("content_stream_kind") != std::string::npos);
      CHECK(p1.find("content_stream") != std::string::npos);
      // The parts come newest first from their indexes and are merged: nothing to sort.
      CHECK(p1.find("TEMP B-TREE") == std::string::npos);
      CHECK(p7.find("content_pinned") != std::string::npos);
      CHECK(p7.find("TEMP B-TREE") == std::string::npos);
    } else {
      for (const auto* p : {&p1, &p2, &p3}) CHECK(p->find("Seq Scan") == std::string::npos);
      CHECK(p7.find("Seq Scan on content") == std::string::npos);  // the few containers may be read whole
      for (const auto* p : {&p5})
        for (const char* table : {"Seq Scan on content", "Seq Scan on comments", "Seq Scan on reactions", "Seq Scan on reaction_tally"})
          CHECK(p->find(table) == std::string::npos);
      CHECK(p1.find("Index") != std::string::npos);
    }
  });
}
