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

// A business profile's text is no content item: the plugin renders it through the core's
// markdown_render (ABI 1.5) into description_html, the very HTML a post with that text gets.
TEST_CASE("markdown: business profile texts are rendered and sanitised by the core", "[market][markdown][business]") {
  for_each_dialect([](const DbTarget& target) {
    MarketServer s(target.url);
    auto owner = s.person("olga", "resident", s.altstadt);
    const std::string text =
        "**Frisches Brot** jeden Tag <script>alert(1)</script>\n\n<img src=x onerror=alert(2)> "
        "[Karte](javascript:alert(3)) [Webseite](https://baeckerei.example)\n\n- Brötchen\n- Kuchen";
    auto b = make_business(owner, "Bäckerei Korn");
    const auto path = kApi + "/businesses/" + id(b.at("id").as_int64());
    auto saved = ok_json(owner.send("PATCH", path, {{"description", text}}));
    CHECK(saved.at("description").as_string() == text);  // the source stays for editing

    HttpClient anonymous(s.server.port());
    const auto profile = ok_json(anonymous.get(path));
    const auto html = std::string(profile.at("description_html").as_string());
    INFO(html);
    CHECK(html.find("<strong>Frisches Brot</strong>") != std::string::npos);
    CHECK(html.find("<li>Brötchen</li>") != std::string::npos);
    CHECK(html.find("<a rel=\"nofollow ugc noopener\" href=\"https://baeckerei.example\">Webseite</a>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("onerror") == std::string::npos);
    CHECK(html.find("javascript:") == std::string::npos);

    // The same text as a post comes back as the same HTML: one renderer, one sanitiser.
    const auto post = ok_json(owner.send("POST", "/api/posts", {{"body", text}}), 201);
    CHECK(ok_json(owner.get("/api/content/" + id(post.at("id").as_int64()))).at("body_html").as_string() == html);

    // An edit renders again; no text, no HTML.
    ok_json(owner.send("PATCH", path, {{"description", "Jetzt _kursiv_ <b onclick=\"x()\">fett</b>"}}));
    const auto edited = std::string(ok_json(anonymous.get(path)).at("description_html").as_string());
    CHECK(edited.find("<em>kursiv</em>") != std::string::npos);
    CHECK(edited.find("onclick") == std::string::npos);
    ok_json(owner.send("PATCH", path, {{"description", ""}}));
    CHECK(ok_json(anonymous.get(path)).at("description_html").as_string().empty());

    // A text over the profile's limit is refused and the stored one stays.
    auto long_text = owner.send("PATCH", path, {{"description", std::string(5001, 'x')}});
    CHECK(long_text.status == 400);
    CHECK(error_code(long_text) == "invalid_description");
    CHECK(ok_json(anonymous.get(path)).at("description").as_string().empty());
  });
}
