// Beyond issue 27's six: the access checks on the routes around an item, through the real server
// on SQLite and PostgreSQL. Someone who cannot read an item (another neighbourhood) learns
// nothing through its side doors (revisions, comments, reactions, reports, delete); someone who
// can read it changes only what is theirs; hidden comments stay with their author and the
// moderators; a moderator cannot suspend an admin.
#include "accounts_fixture.hpp"
#include "holes_fixture.hpp"
#include "pg_test_db.hpp"

using namespace qt::test;

namespace {

struct Person {
  std::unique_ptr<Session> s;
  std::int64_t id = 0;
};

struct Town {
  AccountsServer srv;
  std::unique_ptr<Session> admin;
  std::int64_t admin_id = 0, north = 0, south = 0;

  explicit Town(const std::string& db_url) : srv("", db_url) {
    const auto pw = srv.add_user("admin@teststadt.test", "Admin", "admin");
    admin = std::make_unique<Session>(srv.login("admin@teststadt.test", pw));
    admin_id = admin->get("/api/me").json().at("user").at("id").as_int64();
    north = area("nord", "Nord");
    south = area("sued", "Süd");
  }
  std::int64_t area(const std::string& slug, const std::string& name) {
    return holes::create_neighbourhood(*admin, slug, name);
  }
  Person person(const std::string& name, std::int64_t nb, const std::string& role = "resident") {
    Person p;
    const auto pw = srv.add_user(name + "@teststadt.test", name, role);
    p.s = std::make_unique<Session>(srv.login(name + "@teststadt.test", pw));
    auto r = p.s->send_json("PATCH", "/api/me", {{"neighbourhood_id", nb}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    p.id = p.s->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }
};

int status(const HttpResponse& r) { return r.status; }

}  // namespace

TEST_CASE("an item's side doors are closed to those who cannot read it", "[holes][access][stream]") {
  for_each_dialect([](const DbTarget& target) {
    Town t(target.url);
    auto anna = t.person("anna", t.north), ben = t.person("ben", t.south);
    auto post = anna.s->send_json("POST", "/api/posts", {{"body", "Geheimtreff im Hinterhof"}});
    REQUIRE(post.status == 201);
    const auto id = "/api/content/" + std::to_string(post.json().at("id").as_int64());
    REQUIRE(anna.s->send_json("PATCH", id, {{"body", "Treffen im Hof, Tor 3"}}).status == 200);
    REQUIRE(anna.s->send_json("POST", id + "/comments", {{"body", "Ich bringe Stühle."}}).status == 201);
    // Anna herself sees all of it (so a 404 below is about Ben, not about the item).
    REQUIRE(anna.s->get(id + "/revisions").json().at("items").as_array().size() == 1);
    REQUIRE(anna.s->get(id + "/comments").json().at("items").as_array().size() == 1);

    REQUIRE(status(ben.s->get(id)) == 404);
    auto revs = ben.s->get(id + "/revisions");
    INFO(revs.body);
    CHECK(revs.status == 404);
    CHECK(revs.body.find("Hinterhof") == std::string::npos);
    auto comments = ben.s->get(id + "/comments");
    INFO(comments.body);
    CHECK(comments.status == 404);
    CHECK(comments.body.find("Stühle") == std::string::npos);
    CHECK(status(ben.s->send_json("POST", id + "/comments", {{"body", "Ich auch!"}})) == 404);
    CHECK(status(ben.s->send_json("PUT", id + "/reaction", {{"reaction", "heart"}})) == 404);
    CHECK(status(ben.s->send_json("DELETE", id + "/reaction", boost::json::object{})) == 404);
    CHECK(status(ben.s->send_json("POST", id + "/report", {{"reason", "spam"}})) == 404);
    CHECK(status(ben.s->send_json("PATCH", id, {{"body", "übernommen"}})) == 404);
    CHECK(status(ben.s->request("DELETE", id, "", {{"X-CSRF-Token", ben.s->client().csrf_token}})) == 404);

    // Nothing of Ben's landed: no comment, no reaction, no report, the item unchanged.
    auto item = anna.s->get(id).json();
    CHECK(item.at("comment_count").as_int64() == 1);
    CHECK(item.at("reaction_count").as_int64() == 0);
    CHECK(std::string(item.at("body").as_string()) == "Treffen im Hof, Tor 3");
    CHECK(t.admin->get("/api/moderation/reports").json().at("items").as_array().empty());
  });
}

TEST_CASE("readers change only what is theirs: others' items, comments and pins are refused", "[holes][access][stream]") {
  for_each_dialect([](const DbTarget& target) {
    Town t(target.url);
    auto anna = t.person("anna", t.north), clara = t.person("clara", t.north);
    auto post = anna.s->send_json("POST", "/api/posts", {{"body", "Hoffest am Samstag"}});
    REQUIRE(post.status == 201);
    const auto id = "/api/content/" + std::to_string(post.json().at("id").as_int64());
    auto mine = anna.s->send_json("POST", id + "/comments", {{"body", "Wer bringt Kuchen?"}});
    REQUIRE(mine.status == 201);
    const auto comment = "/api/comments/" + std::to_string(mine.json().at("id").as_int64());

    // Clara may read and comment, but not delete Anna's item or Anna's comment.
    auto del_item = clara.s->request("DELETE", id, "", {{"X-CSRF-Token", clara.s->client().csrf_token}});
    INFO(del_item.body);
    CHECK(del_item.status == 403);
    auto del_comment = clara.s->request("DELETE", comment, "", {{"X-CSRF-Token", clara.s->client().csrf_token}});
    INFO(del_comment.body);
    CHECK(del_comment.status == 403);
    CHECK(anna.s->get(id).status == 200);
    CHECK(anna.s->get(id + "/comments").json().at("items").as_array()[0].at("body").as_string() == "Wer bringt Kuchen?");

    // Only staff pin, even their own official items: a resident pinning is refused.
    auto amt = t.person("amt", t.north, "staff");
    auto an = amt.s->send_json("POST", "/api/announcements", {{"neighbourhood_id", t.north}, {"title", "Sperrmüll"}, {"body", "Am Montag."}});
    REQUIRE(an.status == 201);
    const auto an_id = "/api/content/" + std::to_string(an.json().at("id").as_int64());
    auto pin = clara.s->send_json("PUT", an_id + "/pin", {{"pinned", true}});
    INFO(pin.body);
    CHECK(pin.status == 403);
    CHECK_FALSE(clara.s->get(an_id).json().at("pinned").as_bool());
    CHECK(amt.s->send_json("PUT", an_id + "/pin", {{"pinned", true}}).status < 300);  // staff may
  });
}

TEST_CASE("a hidden comment is shown to its author and moderators only", "[holes][access][moderation]") {
  for_each_dialect([](const DbTarget& target) {
    Town t(target.url);
    auto anna = t.person("anna", t.north), clara = t.person("clara", t.north);
    auto mod = t.person("mo", t.north, "moderator");
    auto post = anna.s->send_json("POST", "/api/posts", {{"body", "Flohmarkt"}});
    REQUIRE(post.status == 201);
    const auto id = "/api/content/" + std::to_string(post.json().at("id").as_int64());
    auto c = clara.s->send_json("POST", id + "/comments", {{"body", "Beleidigender Unsinn"}});
    REQUIRE(c.status == 201);
    const auto cid = c.json().at("id").as_int64();
    auto hide = mod.s->send_json("POST", "/api/moderation/actions",
                                 {{"action", "hide"}, {"target_type", "comment"}, {"target_id", cid}, {"reason", "Beleidigung"}});
    INFO(hide.body);
    REQUIRE(hide.status == 204);

    auto seen_by = [&](Session& s) {
      auto r = s.get(id + "/comments");
      INFO(r.body);
      REQUIRE(r.status == 200);
      return r.json().at("items").as_array().size();
    };
    CHECK(seen_by(*anna.s) == 0);  // the item's author is not the comment's
    CHECK(seen_by(*clara.s) == 1);
    CHECK(seen_by(*mod.s) == 1);
    // Nor does it show under the card in Anna's stream.
    auto home = anna.s->get("/api/stream?scope=home");
    REQUIRE(home.status == 200);
    CHECK(home.body.find("Beleidigender Unsinn") == std::string::npos);
  });
}

TEST_CASE("a moderator cannot suspend an admin or another moderator", "[holes][access][moderation]") {
  for_each_dialect([](const DbTarget& target) {
    Town t(target.url);
    auto mod = t.person("mo", t.north, "moderator"), mia = t.person("mia", t.north, "moderator");
    for (const auto victim : {t.admin_id, mia.id}) {
      auto r = mod.s->send_json("POST", "/api/moderation/actions",
                                {{"action", "suspend"}, {"target_type", "user"}, {"target_id", victim}, {"reason", "Test"}});
      INFO(r.body);
      CHECK(r.status == 403);
    }
    CHECK(t.admin->get("/api/me").status == 200);
    CHECK(mia.s->send_json("POST", "/api/posts", {{"body", "Noch da."}}).status == 201);
  });
}
