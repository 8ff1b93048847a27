// Stream items carry their two newest visible comments, fetched in one query per page
// (SQLite and PostgreSQL).
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "domain/notify/notifier.hpp"
#include "domain/stream/actions.hpp"
#include "domain/stream/feed.hpp"
#include "platform/live/hub.hpp"
#include "stream_fixture.hpp"

using qt::stream::Feed;
using qt::stream::StreamQuery;
using qt::test::StreamDb;

namespace {

const qt::stream::Entry& entry_of(const qt::stream::Page& p, std::int64_t id) {
  for (const auto& e : p.items)
    if (e.item.id == id) return e;
  FAIL("item " << id << " not on the page");
  return p.items.front();
}

std::vector<std::int64_t> comment_ids(const qt::stream::Entry& e) {
  std::vector<std::int64_t> out;
  REQUIRE(e.latest_comments.has_value());
  for (const auto& c : *e.latest_comments) out.push_back(c.id);
  return out;
}

}  // namespace

TEST_CASE("stream items carry their two newest visible comments", "[db][stream][latest_comments]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    qt::test::StreamWorld world(t);
    auto& d = world.d;
    auto& actions = world.actions;
    const auto nb = d.neighbourhood("mitte");
    const auto anna = d.user("anna", nb), ben = d.user("ben", nb), cem = d.user("cem", nb);
    const auto mod = d.user("mod", nb, "moderator");
    auto post = [&](std::int64_t uid, const std::string& body) {
      qt::stream::PostInput in;
      in.body = body;
      return actions.create_post(d.viewer(uid), in);
    };
    const auto quiet = post(anna, "Niemand antwortet hierauf");
    const auto busy = post(anna, "Wer hat einen Akkuschrauber?");
    const auto one = post(ben, "Ein Kommentar");
    auto c1 = actions.add_comment(d.viewer(ben), busy, 0, "Ich");
    auto c2 = actions.add_comment(d.viewer(cem), busy, c1.id, "Ich **auch**");
    auto c3 = actions.add_comment(d.viewer(ben), busy, 0, "Noch einer");
    auto c4 = actions.add_comment(d.viewer(cem), busy, 0, "Der neueste");
    auto only = actions.add_comment(d.viewer(anna), one, 0, "Einziger");
    Feed feed(*d.store);
    {
      auto r = d.db->read();
      auto page = feed.page(*r, d.viewer(anna), StreamQuery{});
      CHECK(comment_ids(entry_of(page, busy)) == std::vector<std::int64_t>{c3.id, c4.id});  // oldest of the two first
      CHECK(comment_ids(entry_of(page, one)) == std::vector<std::int64_t>{only.id});
      CHECK(comment_ids(entry_of(page, quiet)).empty());
      const auto& newest = entry_of(page, busy).latest_comments->back();
      CHECK(newest.author_id == cem);
      CHECK(newest.author_name == "cem");
      CHECK(newest.body_html.find("neueste") != std::string::npos);
      CHECK_FALSE(newest.hidden);
      auto j = qt::stream::to_json(page).as_object();
      const auto& items = j["items"].as_array();
      bool seen = false;
      for (const auto& it : items) {
        const auto& o = it.as_object();
        REQUIRE(o.contains("latest_comments"));
        if (o.at("id").as_int64() != busy) continue;
        seen = true;
        const auto& lc = o.at("latest_comments").as_array();
        REQUIRE(lc.size() == 2);
        CHECK(lc[1].as_object().at("id").as_int64() == c4.id);
        CHECK(lc[1].as_object().at("author").as_object().at("display_name").as_string() == "cem");
        CHECK(lc[1].as_object().contains("body_html"));
        CHECK(lc[1].as_object().contains("created_at"));
      }
      CHECK(seen);
    }
    // Deleted comments drop out; the next older one takes the place.
    actions.delete_comment(d.viewer(cem), c4.id);
    {
      auto r = d.db->read();
      CHECK(comment_ids(entry_of(feed.page(*r, d.viewer(anna), StreamQuery{}), busy)) ==
            std::vector<std::int64_t>{c2.id, c3.id});
    }
    // A comment hidden by moderation: only its author and moderators still see it, as in the list.
    {
      auto w = d.db->write();
      *w << "UPDATE comments SET hidden = 1 WHERE id = :id", soci::use(c3.id, "id");
    }
    auto r = d.db->read();
    CHECK(comment_ids(entry_of(feed.page(*r, d.viewer(anna), StreamQuery{}), busy)) ==
          std::vector<std::int64_t>{c1.id, c2.id});
    auto by_author = entry_of(feed.page(*r, d.viewer(ben), StreamQuery{}), busy);
    CHECK(comment_ids(by_author) == std::vector<std::int64_t>{c2.id, c3.id});
    CHECK(by_author.latest_comments->back().hidden);
    CHECK(comment_ids(entry_of(feed.page(*r, d.viewer(mod, qt::Role::moderator), StreamQuery{}), busy)) ==
          std::vector<std::int64_t>{c2.id, c3.id});
    // The comment list agrees for a resident: hidden c3 and deleted c4 are not readable text there.
    auto list = actions.comments(*r, d.viewer(anna), busy, 0, 50);
    for (const auto& c : list) CHECK(c.id != c3.id);
    // Search results and the decorate() default stay without comments (no extra query).
    auto plain = feed.decorate(*r, d.viewer(anna), {d.store->require_item(*r, busy)});
    CHECK_FALSE(plain.front().latest_comments.has_value());
  });
}
