// Issue 27, sanitising comments and post edits: hostile Markdown (script, event handlers,
// javascript: links, raw HTML) in a comment and in an edit of a post comes back as safe HTML
// through every API answer that carries body_html, on SQLite and PostgreSQL. The web UI inserts
// body_html as it is, so an unsanitised body would be a stored XSS (browser side:
// tests/browser/sanitising.test.mjs).
#include "accounts_fixture.hpp"
#include "holes_fixture.hpp"
#include "html_safety.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

namespace {

// Everything a resident might try, and some Markdown that must still work.
const std::string kHostile =
    "**fett** und [sicher](https://example.org/weg)\n\n"
    "<script>window.__xss = 'script'</script>\n\n"
    "<img src=x onerror=\"window.__xss = 'img'\">\n\n"
    "Inline <b onmouseover=\"window.__xss = 'b'\">fett</b> und <a href=\"javascript:window.__xss='a'\">roh</a>\n\n"
    "[klick](javascript:window.__xss='md') [noch](JaVaScRiPt:alert(1)) [daten](data:text/html,<script>alert(1)</script>)\n\n"
    "![bild](javascript:window.__xss='img2')\n\n"
    "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>\n\n"
    "<div style=\"background:url(javascript:alert(1))\" onclick=\"window.__xss='div'\">Klick</div>\n\n"
    "<svg onload=\"window.__xss='svg'\"></svg>\n";

std::string risks_of(const std::string& html) {
  std::string out;
  for (const auto& r : script_risks(html)) out += "\n  " + r;
  return out;
}

// The sanitised rendering: no risk, the harmless Markdown rendered, the raw HTML dropped.
void check_safe(const std::string& where, const std::string& html) {
  INFO(where << ": " << html);
  const auto risks = risks_of(html);
  INFO("script risks:" << risks);
  CHECK(risks.empty());
  CHECK_THAT(html, Catch::Contains("<strong>fett</strong>"));
  CHECK_THAT(html, Catch::Contains("href=\"https://example.org/weg\""));
  const auto l = lower_ascii(html);
  for (const char* word : {"<script", "<iframe", "<svg", "onerror", "onclick", "javascript:"}) {
    INFO("found: " << word);
    CHECK(l.find(word) == std::string::npos);
  }
}

// Every body_html anywhere in a JSON answer (items, their newest comments, ...).
void collect_html(const boost::json::value& v, std::vector<std::string>& out) {
  if (v.is_object()) {
    for (const auto& [k, x] : v.as_object()) {
      if (k == "body_html" && x.is_string()) out.emplace_back(x.as_string());
      collect_html(x, out);
    }
  } else if (v.is_array()) {
    for (const auto& x : v.as_array()) collect_html(x, out);
  }
}

// The stream's answer: every body_html in it is free of script risks.
void check_stream(Session& reader) {
  auto home = reader.get("/api/stream?scope=home");
  INFO(home.body);
  REQUIRE(home.status == 200);
  std::vector<std::string> html;
  collect_html(home.json(), html);
  for (const auto& h : html) {
    INFO("stream body_html: " << h);
    CHECK(risks_of(h).empty());
  }
}

struct Resident {
  std::unique_ptr<Session> s;
  std::int64_t id = 0;
};

Resident resident_in(AccountsServer& srv, Session& admin, std::int64_t neighbourhood, const std::string& name) {
  Resident r;
  const auto pw = srv.add_user(name + "@teststadt.test", name);
  r.s = std::make_unique<Session>(srv.login(name + "@teststadt.test", pw));
  auto p = r.s->send_json("PATCH", "/api/me", {{"neighbourhood_id", neighbourhood}});
  INFO(p.body);
  REQUIRE(p.status == 200);
  r.id = r.s->get("/api/me").json().at("user").at("id").as_int64();
  (void)admin;
  return r;
}

}  // namespace

TEST_CASE("hostile Markdown in a comment and in a post edit comes back sanitised", "[holes][sanitising]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer srv("", target.url);
    const auto apw = srv.add_user("admin@teststadt.test", "Admin", "admin");
    auto admin = srv.login("admin@teststadt.test", apw);
    const auto north = holes::create_neighbourhood(admin, "nord", "Nord");
    auto anna = resident_in(srv, admin, north, "anna");
    auto ben = resident_in(srv, admin, north, "ben");

    auto post = anna.s->send_json("POST", "/api/posts", {{"title", "Hoffest"}, {"body", "Am Samstag im Hof."}});
    INFO(post.body);
    REQUIRE(post.status == 201);
    const auto id = std::to_string(post.json().at("id").as_int64());

    // A comment.
    auto c = ben.s->send_json("POST", "/api/content/" + id + "/comments", {{"body", kHostile}});
    INFO(c.body);
    REQUIRE(c.status == 201);
    check_safe("the created comment", std::string(c.json().at("body_html").as_string()));
    // Read back by its author and by someone else.
    for (Session* reader : {ben.s.get(), anna.s.get()}) {
      auto list = reader->get("/api/content/" + id + "/comments");
      INFO(list.body);
      REQUIRE(list.status == 200);
      const auto j = list.json();
      REQUIRE(j.at("items").as_array().size() == 1);
      check_safe("the comment list", std::string(j.at("items").as_array()[0].at("body_html").as_string()));
    }
    check_stream(*anna.s);

    // An edit of the post.
    auto e = anna.s->send_json("PATCH", "/api/content/" + id, {{"body", kHostile}});
    INFO(e.body);
    REQUIRE(e.status == 200);
    check_safe("the edit's answer", std::string(e.json().at("body_html").as_string()));
    for (Session* reader : {anna.s.get(), ben.s.get()}) {
      auto item = reader->get("/api/content/" + id);
      INFO(item.body);
      REQUIRE(item.status == 200);
      check_safe("the edited item", std::string(item.json().at("body_html").as_string()));
    }
    check_stream(*ben.s);
  });
}
