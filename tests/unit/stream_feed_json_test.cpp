// The stream page's directly written JSON (to_json_text) is exactly what the object tree
// (to_json) serialises to: same keys, order, types and escaping (the frontend and
// tests/bench/bench.py read that shape).
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "domain/stream/feed.hpp"

using qt::stream::Entry;
using qt::stream::Page;

namespace {

Entry entry(std::int64_t id) {
  Entry e;
  e.item.id = id;
  e.item.kind = "post";
  e.item.container_id = 7;
  e.item.author_id = 3;
  e.item.title = "Flohmarkt am Samstag";
  e.item.summary = "Kurz: \"alles\" muss raus \\ sofort";
  e.item.body = "Zeile 1\nZeile 2\tmit Tab\r\n\b\f und \x01\x1f Steuerzeichen, Umlaute äöü ß, € und 😀 </script>";
  e.item.body_html = "<p>Zeile 1<br>Zeile 2</p>";
  e.item.created_at = 1700000000123;
  e.item.updated_at = 1700000000456;
  e.author.id = 3;
  e.author.display_name = "Anna \"A.\" Muster";
  e.author.role = "resident";
  e.container.id = 7;
  e.container.kind = "neighbourhood";
  e.container.name = "Mitte";
  e.container.neighbourhood_id = 2;
  return e;
}

void same(const Page& p) {
  const std::string tree = boost::json::serialize(qt::stream::to_json(p));
  const std::string text = qt::stream::to_json_text(p);
  CHECK(text == tree);
  CHECK(boost::json::parse(text) == qt::stream::to_json(p));
}

}  // namespace

TEST_CASE("stream page JSON written directly equals the object tree", "[unit][stream][json]") {
  SECTION("an empty page") {
    Page p;
    same(p);
  }
  SECTION("characters to escape at every position of texts of every length up to 40") {
    Page p;
    const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f", "\xc3\xa4"};
    std::int64_t id = 1;
    for (std::size_t len = 0; len <= 40; ++len)
      for (std::size_t at = 0; at <= len; ++at)
        for (const auto& sp : specials) {
          auto e = entry(id++);
          e.item.title = std::string(at, 'a') + sp + std::string(len - at, 'b');
          e.item.body.clear();
          p.items.push_back(std::move(e));
        }
    same(p);
  }
  SECTION("items with every optional part, pinned items and a cursor") {
    Page p;
    auto a = entry(11);
    a.reactions = {{"heart", 2}, {"like", 5}};
    a.reaction_count = 7;
    a.my_reaction = "like";
    a.item.comment_count = 3;
    a.latest_comments.emplace();
    qt::stream::CommentPreview c;
    c.id = 100;
    c.author_id = 4;
    c.author_name = "Ben";
    c.body_html = "<p>Ich \"auch\"</p>\n";
    c.created_at = 1700000000999;
    a.latest_comments->push_back(c);
    c.id = 101;
    c.hidden = true;
    a.latest_comments->push_back(c);
    p.items.push_back(a);

    auto b = entry(10);
    b.item.hidden = true;
    b.item.hidden_reason = "Spam\n";
    b.item.official = true;
    b.item.pinned = true;
    b.item.urgent = true;
    b.item.revision = 3;
    b.item.visibility = qt::content::ItemVisibility::public_;
    b.author.role = "staff";
    b.author.department = "Bauamt";
    b.container.neighbourhood_id.reset();
    b.latest_comments.emplace();  // asked for, none there
    p.items.push_back(b);

    auto pin = entry(5);  // without latest_comments (the key is left out)
    pin.item.id = -5;
    p.pinned.push_back(pin);
    p.next_before = 10;
    same(p);
  }
  SECTION("texts the size estimate leaves out, escaped six times longer: the buffer grows") {
    Page p;
    auto e = entry(30);
    e.author.display_name = std::string(5000, '\x01');
    e.author.department = std::string(3000, '"');
    e.container.name = std::string(7001, 'x');
    p.items.push_back(e);
    same(p);
    CHECK(qt::stream::to_json_text(p).size() > 30000);
  }
  SECTION("cards leave out body and body_html, full entries keep them") {
    Page p;
    auto card = entry(21);
    card.form = qt::stream::Form::card;
    p.items.push_back(card);
    p.items.push_back(entry(20));
    same(p);
    const auto parsed = boost::json::parse(qt::stream::to_json_text(p));
    const auto& items = parsed.at("items").as_array();
    CHECK_FALSE(items[0].as_object().contains("body"));
    CHECK_FALSE(items[0].as_object().contains("body_html"));
    CHECK(items[0].at("summary") == card.item.summary.c_str());
    CHECK(items[1].at("body") == entry(20).item.body.c_str());
    CHECK(items[1].at("body_html") == "<p>Zeile 1<br>Zeile 2</p>");
  }
}
