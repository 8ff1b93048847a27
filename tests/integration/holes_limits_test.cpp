// Beyond issue 27's six: the limits on writing, through the real server on SQLite and PostgreSQL:
// [auth] writes_per_user_10min counts a person's posts and comments together and answers 429
// beyond it (others unaffected); a comment longer than 5,000 characters and a post (or an edit)
// longer than 20,000 are refused with 400 and store nothing.
#include "accounts_fixture.hpp"
#include "holes_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

namespace {

struct Town {
  AccountsServer srv;
  std::int64_t north = 0;

  Town(const std::string& auth_toml, const std::string& db_url) : srv(auth_toml, db_url) {
    const auto pw = srv.add_user("admin@teststadt.test", "Admin", "admin");
    auto admin = srv.login("admin@teststadt.test", pw);
    north = holes::create_neighbourhood(admin, "nord", "Nord");
  }
  std::unique_ptr<Session> resident(const std::string& name) {
    const auto pw = srv.add_user(name + "@teststadt.test", name);
    auto s = std::make_unique<Session>(srv.login(name + "@teststadt.test", pw));
    REQUIRE(s->send_json("PATCH", "/api/me", {{"neighbourhood_id", north}}).status == 200);
    return s;
  }
};

}  // namespace

TEST_CASE("writes_per_user_10min counts posts and comments together, 429 beyond it", "[holes][limits][stream]") {
  for_each_dialect([](const DbTarget& target) {
    Town t("writes_per_user_10min = 3\n", target.url);
    auto anna = t.resident("anna");
    auto ben = t.resident("ben");
    auto p = anna->send_json("POST", "/api/posts", {{"body", "Eins"}});
    REQUIRE(p.status == 201);
    const auto id = "/api/content/" + std::to_string(p.json().at("id").as_int64());
    REQUIRE(anna->send_json("POST", id + "/comments", {{"body", "Zwei"}}).status == 201);
    REQUIRE(anna->send_json("POST", "/api/posts", {{"body", "Drei"}}).status == 201);

    auto post = anna->send_json("POST", "/api/posts", {{"body", "Vier"}});
    INFO(post.body);
    CHECK(post.status == 429);
    CHECK(post.error_code() == "rate_limited");
    auto comment = anna->send_json("POST", id + "/comments", {{"body", "Fünf"}});
    INFO(comment.body);
    CHECK(comment.status == 429);
    CHECK(anna->get(id).json().at("comment_count").as_int64() == 1);
    // Someone else is not affected.
    CHECK(ben->send_json("POST", id + "/comments", {{"body", "Ich darf"}}).status == 201);
  });
}

TEST_CASE("over-long comments, posts and edits are refused and store nothing", "[holes][limits][stream]") {
  for_each_dialect([](const DbTarget& target) {
    Town t("", target.url);
    auto anna = t.resident("anna");
    // At the limits: accepted (characters, not bytes: 'ä' is two bytes).
    std::string at_limit(10000, 'a');
    for (int i = 0; i < 10000; ++i) at_limit += "ä";
    auto p = anna->send_json("POST", "/api/posts", {{"body", at_limit}});
    INFO(p.body.substr(0, 300));
    REQUIRE(p.status == 201);
    const auto id = "/api/content/" + std::to_string(p.json().at("id").as_int64());
    REQUIRE(anna->send_json("POST", id + "/comments", {{"body", std::string(5000, 'k')}}).status == 201);

    // One character more: refused.
    auto long_comment = anna->send_json("POST", id + "/comments", {{"body", std::string(5001, 'k')}});
    CHECK(long_comment.status == 400);
    CHECK(long_comment.error_code() == "invalid_body");
    auto long_post = anna->send_json("POST", "/api/posts", {{"body", std::string(20001, 'p')}});
    CHECK(long_post.status == 400);
    CHECK(long_post.error_code() == "invalid_body");
    auto long_edit = anna->send_json("PATCH", id, {{"body", std::string(20001, 'e')}});
    CHECK(long_edit.status == 400);
    CHECK(long_edit.error_code() == "invalid_body");

    auto item = anna->get(id).json();
    CHECK(item.at("comment_count").as_int64() == 1);
    CHECK(item.at("body").as_string().size() == 10000 + 20000);  // bytes: unchanged by the edit
    auto home = anna->get("/api/stream?scope=home").json();
    CHECK(home.at("items").as_array().size() == 1);
  });
}
