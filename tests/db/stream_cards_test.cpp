// Lists send cards: summary without body and body_html; an item without a summary of its own
// (a plugin may leave it out) shows the start of its body as plain text. The item view stays
// full (SQLite and PostgreSQL).
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "domain/notify/notifier.hpp"
#include "domain/search/search.hpp"
#include "domain/stream/actions.hpp"
#include "domain/stream/feed.hpp"
#include "platform/live/hub.hpp"
#include "stream_fixture.hpp"

using qt::stream::Feed;
using qt::stream::Form;
using qt::stream::StreamQuery;
using qt::test::StreamDb;

namespace {

const boost::json::object& item_json(const boost::json::value& page, std::int64_t id) {
  for (const auto& it : page.at("items").as_array())
    if (it.at("id").as_int64() == id) return it.as_object();
  FAIL("item " << id << " not in the JSON");
  return page.at("items").as_array().front().as_object();
}

}  // namespace

TEST_CASE("stream pages and search results carry cards, the item view the whole text", "[db][stream][cards]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    qt::test::StreamWorld world(t);
    auto& d = world.d;
    auto& actions = world.actions;
    const auto nb = d.neighbourhood("mitte");
    const auto anna = d.user("anna", nb);
    qt::stream::PostInput in;
    in.body = "Suche **Leiter** für Samstag.\n\nZweiter Absatz mit [Link](https://example.org).";
    const auto post = actions.create_post(d.viewer(anna), in);

    // As a plugin may store it: a body, no summary.
    std::int64_t plugin_item = 0;
    {
      auto w = d.db->write();
      qt::content::NewItem n;
      n.kind = "test.note";
      n.owner = "test";
      n.container_id = d.store->city_container(*w);
      n.author_id = anna;
      n.title = "Notiz";
      n.body = "Treffen *Dienstag* im Hof, " + std::string(400, 'x');
      plugin_item = d.store->create_item(*w, n);
    }

    Feed feed(*d.store);
    auto r = d.db->read();
    const auto page = feed.page(*r, d.viewer(anna), StreamQuery{});
    const auto json = boost::json::parse(qt::stream::to_json_text(page));
    CHECK(json == qt::stream::to_json(page));

    const auto& p = item_json(json, post);
    CHECK_FALSE(p.contains("body"));
    CHECK_FALSE(p.contains("body_html"));
    CHECK(p.at("summary").as_string().starts_with("Suche Leiter für Samstag."));

    const auto& note = item_json(json, plugin_item);
    CHECK_FALSE(note.contains("body"));
    const std::string summary(note.at("summary").as_string());
    CHECK(summary.starts_with("Treffen Dienstag im Hof, xxx"));  // Markdown marks stripped
    CHECK(summary.size() < 400);                                   // cut, not the whole body

    // Search results are cards too.
    qt::search::Search search(d.db->dialect(), feed);
    const auto hits = qt::search::to_json(search.all(*r, d.viewer(anna), "Leiter", 20, 0));
    const auto& found = hits.at("items").as_array();
    REQUIRE(found.size() == 1);
    CHECK(found[0].at("id").as_int64() == post);
    CHECK_FALSE(found[0].as_object().contains("body"));
    CHECK_FALSE(found[0].as_object().contains("body_html"));

    // The item view (decorate, as GET /api/content/{id} uses it) keeps body and body_html.
    const auto full = feed.decorate(*r, d.viewer(anna), {d.store->require_item(*r, post)});
    REQUIRE(full.size() == 1);
    const auto one = qt::stream::to_json(full.front()).as_object();
    CHECK(one.at("body").as_string() == in.body);
    CHECK(one.at("body_html").as_string().find("<strong>Leiter</strong>") != boost::json::string::npos);
    const auto loaded = feed.load(*r, d.viewer(anna), {plugin_item}, false, Form::full);
    REQUIRE(loaded.size() == 1);
    CHECK(loaded.front().item.summary.empty());  // stored as given
    CHECK(loaded.front().item.body.starts_with("Treffen *Dienstag*"));
  });
}

TEST_CASE("a member of more containers than a compound statement holds still gets pinned items and a page", "[db][stream][cards]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    qt::test::StreamWorld world(t);
    auto& d = world.d;
    auto& actions = world.actions;
    const auto nb = d.neighbourhood("mitte");
    const auto anna = d.user("anna", nb), amt = d.user("amt", nb, "staff");
    std::int64_t last_group = 0;
    {
      auto w = d.db->write();
      soci::transaction tx(*w);
      for (int g = 0; g < 450; ++g) {  // more than kMaxParts (400) containers
        qt::content::NewContainer c;
        c.kind = "test.group";
        c.owner = "test";
        c.name = "Gruppe " + std::to_string(g);
        c.created_by = anna;  // an active owner member
        last_group = d.store->create_container(*w, c);
      }
      tx.commit();
    }
    qt::stream::AnnouncementInput in;
    in.title = "Straßenfest";
    in.body = "Am Samstag ist die Hauptstraße gesperrt.";
    in.pinned = true;
    const auto pinned = actions.announce(d.viewer(amt, qt::Role::staff), in);
    const auto in_group = d.post(anna, last_group, "In der letzten Gruppe");

    Feed feed(*d.store);
    auto r = d.db->read();
    const auto page = feed.page(*r, d.viewer(anna), StreamQuery{});
    REQUIRE(page.pinned.size() == 1);
    CHECK(page.pinned[0].item.id == pinned);
    CHECK(page.pinned[0].form == Form::card);
    bool seen = false;
    for (const auto& e : page.items) seen = seen || e.item.id == in_group;
    CHECK(seen);  // the newest 400 containers by id are read, the last group among them
  });
}
