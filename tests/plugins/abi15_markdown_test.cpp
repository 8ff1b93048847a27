// ABI 1.5 markdown_render, through the real server and the plain-C fixture abi12_c on SQLite and
// PostgreSQL: a plugin's own Markdown comes back as the sanitised HTML of a post (formatting kept,
// raw HTML and script links gone, links marked), and text that is too long or not UTF-8, or a
// NULL out buffer, is refused with the reason.
#include "abi12_jobs_support.hpp"

#include "pg_test_db.hpp"
#include "quartier/plugin.h"

using namespace qt::test;
using namespace qt::test::jobs;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("markdown_render gives a C plugin the sanitised HTML of a post", "[plugins][abi15][markdown]") {
  STATIC_REQUIRE(QT_ABI_MINOR >= 5);
  for_each_dialect([&](const DbTarget& target) {
    TestServer server(fixture_setup(target.url));
    auto http = server.client();
    auto render = [&](const std::string& text) {
      return http.request("POST", "/api/p/abi12_c/markdown/render", text, {{"Content-Type", "text/plain"}});
    };
    auto html_of = [&](const std::string& text) {
      auto r = render(text);
      INFO(r.status << " " << r.body);
      REQUIRE(r.status == 200);
      return std::string(r.json().at("html").as_string());
    };

    const auto html = html_of(
        "## Öffnungszeiten\n\n**Frisches** Brot, ~~alt~~ <script>alert(1)</script>\n\n"
        "<img src=x onerror=alert(2)> [Karte](javascript:alert(3)) [Stadt](https://stadt.example)\n\n"
        "| Tag | Zeit |\n| --- | --- |\n| Mo | 8-12 |\n");
    INFO(html);
    CHECK(has(html, "<h2>Öffnungszeiten</h2>"));
    CHECK(has(html, "<strong>Frisches</strong>"));
    CHECK(has(html, "<del>alt</del>"));
    CHECK(has(html, "<td>8-12</td>"));
    CHECK(has(html, "<a rel=\"nofollow ugc noopener\" href=\"https://stadt.example\">Stadt</a>"));
    CHECK_FALSE(has(html, "<script"));
    CHECK_FALSE(has(html, "<img"));
    CHECK_FALSE(has(html, "onerror"));
    CHECK_FALSE(has(html, "javascript:"));
    CHECK(has(html, "raw HTML omitted"));
    CHECK(html_of("").empty());

    // Exactly the limit renders; one byte more, or bytes that are not UTF-8, are refused.
    CHECK(html_of(std::string(QT_MARKDOWN_MAX_BYTES, 'a')).size() > QT_MARKDOWN_MAX_BYTES);
    auto too_long = render(std::string(QT_MARKDOWN_MAX_BYTES + 1, 'a'));
    CHECK(too_long.status == 400);
    CHECK(too_long.error_code() == "invalid_markdown");
    CHECK_THAT(too_long.body, Catch::Contains("131073 bytes, at most 131072"));
    CHECK_THAT(too_long.body, Catch::Contains("zu lang"));
    auto bad_utf8 = render("Gr\xC3\xBC\xC3" "e *x*");
    CHECK(bad_utf8.status == 400);
    CHECK(bad_utf8.error_code() == "invalid_markdown");
    CHECK_THAT(bad_utf8.body, Catch::Contains("not valid UTF-8 (at byte 4)"));
    CHECK(render("\xED\xA0\x80").status == 400);  // a UTF-16 surrogate is no UTF-8 either

    auto null_out = http.get("/api/p/abi12_c/markdown/null-out");
    REQUIRE(null_out.status == 200);
    CHECK(null_out.json().at("status").as_int64() == QT_ERR_INVALID);
  });
}
