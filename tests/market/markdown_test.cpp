// Listing texts are Markdown rendered by the core (the sanitiser of posts): body_html of the
// listing's content item has the formatting and never the author's raw HTML or script links,
// also after an edit.
#include "market_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;
using namespace qt::test::market;

TEST_CASE("markdown: listing texts are rendered and sanitised by the core", "[market][markdown]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto anna = s.person("anna", "resident", s.altstadt);
    auto ben = s.person("ben", "resident", s.altstadt);
    auto l = make_listing(anna, {{"type", "give_away"}, {"title", "Kinderbücher"}, {"category", "books"},
                                 {"description", "**Gut erhalten**, <script>alert(1)</script> [Liste](javascript:alert(2))\n\n- Band 1\n- Band 2"}});
    const auto item = "/api/content/" + id(l.at("content_id").as_int64());
    auto html = std::string(ok_json(ben.get(item)).at("body_html").as_string());
    CHECK(html.find("<strong>Gut erhalten</strong>") != std::string::npos);
    CHECK(html.find("<li>Band 1</li>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("javascript:") == std::string::npos);
    // The listing keeps its source text for editing.
    CHECK(ok_json(ben.get(kApi + "/listings/" + id(l.at("id").as_int64()))).at("description").as_string().starts_with("**Gut"));

    ok_json(anna.send("PATCH", kApi + "/listings/" + id(l.at("id").as_int64()), {{"description", "Jetzt _kursiv_ <b onclick=\"x()\">fett</b>"}}));
    html = std::string(ok_json(ben.get(item)).at("body_html").as_string());
    CHECK(html.find("<em>kursiv</em>") != std::string::npos);
    CHECK(html.find("onclick") == std::string::npos);
    CHECK(html.find("Gut erhalten") == std::string::npos);
  });
}
