// ABI 1.2, area "events": the core events and the SQL sandbox, seen by the plain-C fixture
// abi12_c (tests/plugins/fixtures/abi12/events.c) through the real server on SQLite and
// PostgreSQL. Events are delivered after the commit on the bus's own thread, so the tests wait
// (bounded) for the state they need, never for a time.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "pg_test_db.hpp"
#include "sql_access.hpp"
#include "test_server.hpp"

using namespace qt::test;

namespace {

const std::filesystem::path kFixtures = QT_TEST_PLUGIN_DIR;
const std::string kBase = "/api/p/abi12_c/events";

struct Person {
  std::int64_t id = 0;
  std::string email, password;
  std::unique_ptr<HttpClient> http;
  HttpResponse send(const std::string& method, const std::string& target, const boost::json::value& body = boost::json::object{}) {
    return http->send_json(method, target, body);
  }
};

struct Rig {
  TestServer server;
  explicit Rig(const DbTarget& target) : server(setup(target)) {}
  static ServerSetup setup(const DbTarget& target) {
    ServerSetup s;
    s.database_url = target.url;
    s.plugins = {"abi12_c"};
    s.plugin_dir = kFixtures.string();
    return s;
  }
  Person person(const std::string& name, const std::string& role = "resident") {
    Person p;
    p.email = name + "@teststadt.test";
    auto r = run_quartier({"-c", server.config_path().string(), "user", "add", "--email", p.email, "--name", name, "--role", role});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
    p.password = m[1];
    p.http = std::make_unique<HttpClient>(server.port());
    auto login = p.http->send_json("POST", "/api/auth/login", {{"email", p.email}, {"password", p.password}});
    INFO(login.body);
    REQUIRE(login.status == 200);
    p.http->csrf_token = std::string(login.json().at("csrf_token").as_string());
    p.id = p.http->get("/api/me").json().at("user").at("id").as_int64();
    return p;
  }
};

boost::json::array seen(Person& p, const std::string& topic) {
  auto r = p.http->get(kBase + "/seen?topic=" + topic);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.json().at("events").as_array();
}

std::size_t count_with(const boost::json::array& events, const char* key, std::int64_t value) {
  std::size_t n = 0;
  for (const auto& e : events)
    if (e.as_object().contains(key) && e.at(key).as_int64() == value) ++n;
  return n;
}

// Waits (at most 20 s) until `topic` was seen with key == value; returns that payload.
boost::json::object wait_for(Person& p, const std::string& topic, const char* key, std::int64_t value) {
  for (int i = 0; i < 400; ++i) {
    for (const auto& e : seen(p, topic))
      if (e.as_object().contains(key) && e.at(key).as_int64() == value) return e.as_object();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("no " << topic << " event with " << key << " = " << value);
  return {};
}

std::int64_t id_of(const HttpResponse& r, int status) {
  INFO(r.status << " " << r.body);
  REQUIRE(r.status == status);
  return r.json().at("id").as_int64();
}

}  // namespace

TEST_CASE("core events reach a plain-C subscriber after the commit, once per change, whoever made it",
          "[plugins][abi12][events]") {
  for_each_dialect([](const DbTarget& target) {
    Rig rig(target);
    auto ada = rig.person("ada");
    auto ben = rig.person("ben");
    auto mo = rig.person("mo", "moderator");

    // Containers and memberships made by the plugin.
    const auto room = id_of(ada.send("POST", kBase + "/containers"), 201);
    auto added = wait_for(ada, "membership.added", "user_id", ada.id);
    CHECK(added.at("container_id").as_int64() == room);
    CHECK(added.at("role").as_string() == "owner");
    CHECK(added.at("owner").as_string() == "abi12_c");
    const auto members = kBase + "/containers/" + std::to_string(room) + "/members/" + std::to_string(ben.id);
    REQUIRE(ada.send("POST", members).status == 204);
    wait_for(ada, "membership.added", "user_id", ben.id);
    REQUIRE(ada.send("PUT", members).status == 204);
    CHECK(wait_for(ada, "membership.changed", "user_id", ben.id).at("role").as_string() == "moderator");
    REQUIRE(ada.send("DELETE", members).status == 204);
    wait_for(ada, "membership.removed", "user_id", ben.id);
    // A failing call changes nothing and publishes nothing: removing a non-member is 404.
    CHECK(ada.send("DELETE", members).status == 404);

    // Items and comments made through the core's routes; a subscriber that fails (content.created)
    // does not fail the request.
    const auto post = id_of(ada.send("POST", "/api/posts", {{"container_id", room}, {"body", "Hoffest am Samstag"}}), 201);
    auto created = wait_for(ada, "content.created", "id", post);
    CHECK(created.at("container_id").as_int64() == room);
    CHECK(created.at("kind").as_string() == "post");
    CHECK(created.at("actor_id").as_int64() == ada.id);
    REQUIRE(ada.send("PATCH", "/api/content/" + std::to_string(post), {{"body", "Hoffest am Sonntag"}}).status == 200);
    CHECK(wait_for(ada, "content.updated", "id", post).at("actor_id").as_int64() == ada.id);
    const auto comment = id_of(ada.send("POST", "/api/content/" + std::to_string(post) + "/comments", {{"body", "Ich komme!"}}), 201);
    CHECK(wait_for(ada, "comment.created", "id", comment).at("content_id").as_int64() == post);
    REQUIRE(ada.send("DELETE", "/api/comments/" + std::to_string(comment)).status == 204);
    wait_for(ada, "comment.deleted", "id", comment);

    // Moderation.
    auto act = [&](const char* action) {
      return mo.send("POST", "/api/moderation/actions",
                     {{"action", action}, {"target_type", "content"}, {"target_id", post}, {"reason", "Prüfung"}});
    };
    REQUIRE(act("hide").status == 204);
    CHECK(wait_for(ada, "content.hidden", "id", post).at("actor_id").as_int64() == mo.id);
    REQUIRE(act("unhide").status == 204);
    wait_for(ada, "content.unhidden", "id", post);

    // Deleted once: the second delete is refused and publishes nothing.
    REQUIRE(ada.send("DELETE", "/api/content/" + std::to_string(post)).status == 204);
    wait_for(ada, "content.deleted", "id", post);
    CHECK(ada.send("DELETE", "/api/content/" + std::to_string(post)).status == 404);

    // A rollback publishes nothing: the rolled-back item's event never comes, though a later
    // item's (delivered in order) does. (SQLite may give the later item the rolled-back id.)
    const auto before = seen(ada, "content.created").size();
    id_of(ada.send("POST", kBase + "/containers/" + std::to_string(room) + "/rollback"), 200);
    const auto note = id_of(ada.send("POST", kBase + "/containers/" + std::to_string(room) + "/items"), 201);
    CHECK(wait_for(ada, "content.created", "id", note).at("kind").as_string() == "abi12_c.note");
    CHECK(seen(ada, "content.created").size() == before + 1);

    // The plugin deletes its container: its items' content.deleted, then container.deleted.
    REQUIRE(ada.send("DELETE", kBase + "/containers/" + std::to_string(room)).status == 204);
    CHECK(wait_for(ada, "container.deleted", "id", room).at("owner").as_string() == "abi12_c");
    CHECK(count_with(seen(ada, "content.deleted"), "id", note) == 1);
    CHECK(count_with(seen(ada, "content.deleted"), "id", post) == 1);
    CHECK(ada.send("DELETE", kBase + "/containers/" + std::to_string(room)).status == 404);

    // People: a profile change names the fields, never their values; erasure.
    REQUIRE(ben.send("PATCH", "/api/me", {{"display_name", "Benjamin"}}).status == 200);
    auto updated = wait_for(ada, "user.updated", "id", ben.id);
    CHECK(updated.at("changed").as_array() == boost::json::array{"display_name"});
    REQUIRE(ben.send("DELETE", "/api/me", {{"password", ben.password}}).status < 300);
    wait_for(ada, "user.erased", "id", ben.id);

    // No payload carries an e-mail address or a text.
    for (const char* topic : {"content.created", "content.updated", "comment.created", "membership.added", "user.updated"})
      for (const auto& e : seen(ada, topic)) {
        const auto text = boost::json::serialize(e);
        CHECK(text.find("@teststadt.test") == std::string::npos);
        CHECK(text.find("Hoffest") == std::string::npos);
      }
    CHECK(rig.server.log().find("plugin event callback failed") != std::string::npos);
  });
}

TEST_CASE("the SQL sandbox lets a plugin use its own tables and the core's views, nothing else",
          "[plugins][abi12][sandbox]") {
  for_each_dialect([](const DbTarget& target) {
    Rig rig(target);
    SqlAccess db(target.url);
    auto ada = rig.person("ada", "admin");
    auto sql = [&](const std::string& text) {
      return ada.http->request("POST", kBase + "/sql", text, {{"Content-Type", "text/plain"}, {"X-CSRF-Token", ada.http->csrf_token}});
    };
    auto rows = [&](const std::string& text) {
      auto r = sql(text);
      INFO(text << " -> " << r.status << " " << r.body);
      REQUIRE(r.status == 200);
      return r.json().at("rows").as_int64();
    };
    auto refused = [&](const std::string& text, const std::string& table) {
      auto r = sql(text);
      INFO(text << " -> " << r.status << " " << r.body);
      CHECK(r.status == 403);
      CHECK_THAT(r.body, Catch::Contains(table) && Catch::Contains("abi12_c_*") && Catch::Contains("plugin_users"));
    };

    // Allowed: its own tables, the views, also joined.
    CHECK(rows("SELECT id, body FROM abi12_c_events_notes") == 1);
    CHECK(rows("SELECT id, display_name, role, status FROM plugin_users WHERE id = " + std::to_string(ada.id)) == 1);
    CHECK(rows("SELECT n.body, u.display_name FROM abi12_c_events_notes n JOIN plugin_users u ON u.id = n.id") == 1);
    CHECK(rows("SELECT c.id FROM plugin_containers c JOIN plugin_memberships m ON m.container_id = c.id") >= 0);
    CHECK(rows("INSERT INTO abi12_c_events_notes (body) VALUES ('zweite')") == 0);

    // Refused, with the table and the rule named; and nothing changed.
    const auto notes = db.scalar("SELECT COUNT(*) FROM abi12_c_events_notes");
    refused("SELECT email FROM users", "users");
    refused("SELECT id FROM sessions", "sessions");
    refused("UPDATE users SET display_name = 'x'", "users");
    refused("DELETE FROM sessions", "sessions");
    refused("SELECT (SELECT email FROM users LIMIT 1)", "users");
    refused("WITH x AS (SELECT email FROM users) SELECT * FROM x", "users");
    refused("SELECT n.body FROM abi12_c_events_notes n JOIN users u ON u.id = n.id WHERE u.email LIKE '%a%'", "users");
    refused("SELECT \"email\" FROM \"users\"", "users");
    refused(target.dialect == qt::db::Dialect::sqlite ? "SELECT email FROM main.users" : "SELECT email FROM public.users", "users");
    refused("INSERT INTO abi12_c_events_notes (body) SELECT email FROM users", "users");
    refused("SELECT token_hash FROM sessions s JOIN plugin_users u ON u.id = s.user_id", "sessions");
    refused("CREATE TABLE abi12_c_events_more (id INTEGER)", "migration");
    refused("DROP TABLE abi12_c_events_notes", "migration");
    CHECK(db.scalar("SELECT COUNT(*) FROM abi12_c_events_notes") == notes);
    CHECK(db.scalar("SELECT COUNT(*) FROM users WHERE display_name = 'x'") == 0);
    CHECK(ada.http->get("/api/me").status == 200);  // the sessions are all still there
    if (target.dialect == qt::db::Dialect::postgresql) {
      auto r = sql("SELECT query_to_xml('SELECT email FROM users', true, true, '')");
      CHECK(r.status == 403);
      CHECK_THAT(r.body, Catch::Contains("query_to_xml"));
    } else {
      refused("PRAGMA table_info(users)", "abi12_c_*");
    }
  });
}
