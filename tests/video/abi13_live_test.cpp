// ABI 1.3 (video) from plain C: the abi13_live fixture's WebSocket endpoints through the real
// server with real WebSocket clients on SQLite and PostgreSQL: guests by token (and refused when
// the token is expired, forged or another plugin's), signed-in people, rooms, sends to one
// connection, closes with a reason, refusals by the plugin and by the origin check, the page
// policy headers; and across two nodes on one PostgreSQL.
#include <string>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "plugin_host/live/guest_token.hpp"
#include "quartier/plugin.h"
#include "sql_access.hpp"
#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {

ServerSetup fixture_setup(const std::string& url) { return video_setup(url, {"abi13_live"}); }

std::string guest_token(HttpClient& http, const std::string& name) {
  auto r = http.send_json("POST", "/api/p/abi13_live/guest", {{"name", name}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return str(r.json().at("token"));
}

std::uint64_t conn_of(const std::string& greeting) {
  return boost::json::parse(greeting).at("conn").to_number<std::uint64_t>();
}

}  // namespace

TEST_CASE("abi13 live: guests, people, rooms, sends and closes through the real server", "[video][abi13]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(fixture_setup(target.url));
    const auto port = server.port();
    auto http = server.client();

    // Calls the host refuses during init, as the fixture recorded them.
    auto init = http.get("/api/p/abi13_live/init").json().as_object();
    CHECK(init.at("ws_add_no_slash").as_int64() == QT_ERR_INVALID);
    CHECK(init.at("ws_add_twice").as_int64() == QT_ERR_INVALID);
    CHECK(init.at("policy_api_path").as_int64() == QT_ERR_INVALID);
    CHECK(init.at("ws_join_unknown").as_int64() == QT_ERR_NOT_FOUND);

    const std::string token = guest_token(http, "  Gisela Gast ");
    auto bad_name = http.send_json("POST", "/api/p/abi13_live/guest", {{"name", "\u202e"}});
    CHECK(bad_name.status == 400);
    CHECK(http.get("/api/p/abi13_live/check?token=" + token).json().at("name").as_string() == "Gisela Gast");

    WsClient guest(port, "/api/p/abi13_live/live?room=r1&guest=" + token, origin(port));
    auto hello = boost::json::parse(next_text(guest)).as_object();
    CHECK(hello.at("user").as_int64() == 0);
    CHECK(hello.at("name").as_string() == "Gisela Gast");
    CHECK(str(hello.at("guest")).size() == 23);
    CHECK(hello.at("has_address").as_bool());
    const auto guest_conn = hello.at("conn").to_number<std::uint64_t>();
    CHECK(guest_conn < (std::uint64_t{1} << 53));

    auto anna = person(server, "anna");
    WsClient member(port, "/api/p/abi13_live/live?room=r1", anna.ws_headers(port));
    auto member_hello = boost::json::parse(next_text(member)).as_object();
    CHECK(member_hello.at("user").as_int64() == anna.id);
    CHECK(member_hello.at("guest").as_string() == "");
    WsClient other_room(port, "/api/p/abi13_live/live?room=r2", origin(port));
    const auto other_conn = conn_of(next_text(other_room));

    // A room send reaches the others in the room, not the sender and not other rooms.
    guest.send("room r1 hallo aus r1");
    CHECK(next_text(member) == "hallo aus r1");
    other_room.send("room r2 nur r2");
    member.send("room r1 zurück");
    CHECK(next_text(guest) == "zurück");  // and not r2's text, sent before it

    // A send to one connection.
    member.send("to " + std::to_string(guest_conn) + " nur für dich");
    CHECK(next_text(guest) == "nur für dich");

    // Leave takes a connection out of a room.
    member.send("leave r1");
    CHECK(next_text(member) == "left");
    guest.send("room r1 niemand hört");
    member.send("leave r1");
    CHECK(next_text(member) == "not-in-room");  // and not the room text

    // A plugin closes its own connection with a reason; a send to it is then 'gone'.
    other_room.send("close");
    CHECK(wait_closed(other_room) == "4001 bye");
    member.send("to " + std::to_string(other_conn) + " hallo?");
    CHECK(next_text(member) == "gone");

    // ... and another connection; a failing handler closes with 1011.
    member.send("kick " + std::to_string(guest_conn));
    CHECK(wait_closed(guest) == "4003 removed");
    member.send("fail");
    CHECK(wait_closed(member).rfind("1011", 0) == 0);
  });
}

TEST_CASE("abi13 live: refused upgrades say why", "[video][abi13]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(fixture_setup(target.url));
    const auto port = server.port();
    auto http = server.client();
    const std::string token = guest_token(http, "Gast");

    // The plugin refuses in on_open with its own error.
    auto closed = refusal(port, "/api/p/abi13_live/live?room=closed", origin(port));
    CHECK(closed.find("HTTP 403") != std::string::npos);
    CHECK(closed.find("room_closed") != std::string::npos);
    // A foreign origin never reaches the plugin.
    auto foreign = refusal(port, "/api/p/abi13_live/live?room=r1&guest=" + token, {{"Origin", "https://evil.example"}});
    CHECK(foreign.find("HTTP 403") != std::string::npos);
    CHECK(foreign.find("foreign_origin") != std::string::npos);
    // A signed-in-only endpoint refuses guests.
    auto members = refusal(port, "/api/p/abi13_live/members?guest=" + token, origin(port));
    CHECK(members.find("HTTP 401") != std::string::npos);

    // A forged token: one character of the signature changed.
    std::string forged = token;
    forged.back() = forged.back() == 'A' ? 'B' : 'A';
    auto bad = refusal(port, "/api/p/abi13_live/live?room=r1&guest=" + forged, origin(port));
    CHECK(bad.find("HTTP 401") != std::string::npos);
    CHECK(bad.find("guest_token_invalid") != std::string::npos);
    CHECK(http.get("/api/p/abi13_live/check?token=" + forged).status == 403);
    // Garbage and a name changed inside the payload.
    CHECK(refusal(port, "/api/p/abi13_live/live?guest=g1.xyz", origin(port)).find("guest_token_invalid") != std::string::npos);

    // Signed with the instance's key, but expired, or for another plugin.
    const std::string key = SqlAccess(target.url).text("SELECT value FROM instance_settings WHERE key = 'plugins.guest_token_key'");
    REQUIRE(!key.empty());
    qt::plugin_host::GuestIdentity old{"abi13_live", qt::plugin_host::new_guest_id(), "Alt", 1000};
    const auto expired = qt::plugin_host::issue_guest_token(key, old);
    auto late = refusal(port, "/api/p/abi13_live/live?room=r1&guest=" + expired, origin(port));
    CHECK(late.find("HTTP 401") != std::string::npos);
    CHECK(late.find("guest_token_expired") != std::string::npos);
    auto check_late = http.get("/api/p/abi13_live/check?token=" + expired);
    CHECK(check_late.status == 403);
    CHECK(check_late.body.find("expired") != std::string::npos);
    qt::plugin_host::GuestIdentity foreign_plugin{"video", qt::plugin_host::new_guest_id(), "Fremd",
                                                  4102444800000};
    const auto other = qt::plugin_host::issue_guest_token(key, foreign_plugin);
    CHECK(refusal(port, "/api/p/abi13_live/live?guest=" + other, origin(port)).find("guest_token_invalid") != std::string::npos);
    // The same token signed with another key.
    const auto wrong_key = qt::plugin_host::issue_guest_token("not the key", {"abi13_live", "gX", "X", 4102444800000});
    CHECK(refusal(port, "/api/p/abi13_live/live?guest=" + wrong_key, origin(port)).find("guest_token_invalid") != std::string::npos);
  });
}

TEST_CASE("abi13 live: pages under the policy may use camera and microphone, no other page may", "[video][abi13]") {
  TestServer server(fixture_setup(""));
  auto http = server.client();
  auto room = http.get("/abi13/room/xyz");
  INFO(room.status << " " << room.body);
  CHECK(room.header("permissions-policy").value_or("").find("camera=(self), microphone=(self)") != std::string::npos);
  CHECK(room.header("content-security-policy").value_or("").find("connect-src 'self' turn:turn.example.test:3478 stun:stun.example.test:3478;") !=
        std::string::npos);
  for (const std::string path : {"/", "/abi13/other", "/api/p/abi13_live/init", "/abi13/roo"}) {
    auto r = http.get(path);
    INFO(path);
    CHECK(r.header("permissions-policy").value_or("").find("camera=(), microphone=()") != std::string::npos);
    CHECK(r.header("content-security-policy").value_or("").find("connect-src 'self';") != std::string::npos);
  }
  CHECK(http.get("/api/p/abi13_live/address").json().at("address").as_string() == "127.0.0.1");
}

TEST_CASE("abi13 live: rooms and sends reach connections on another node of one PostgreSQL", "[video][abi13][pg]") {
  if (!PgTestDb::available()) {
    if (PgTestDb::required()) FAIL("QUARTIER_TEST_REQUIRE_PG=1 but QUARTIER_TEST_PG_URL is not set");
    SUCCEED("PostgreSQL not configured");
    return;
  }
  PgTestDb pg;
  TestServer a(fixture_setup(pg.url()));
  TestServer b(fixture_setup(pg.url()));
  auto http_a = a.client();
  // A token issued on node A holds on node B (one key per instance).
  const std::string token = guest_token(http_a, "Wanderer");
  WsClient on_a(a.port(), "/api/p/abi13_live/live?room=shared", origin(a.port()));
  const auto conn_a = conn_of(next_text(on_a));
  WsClient on_b(b.port(), "/api/p/abi13_live/live?room=shared&guest=" + token, origin(b.port()));
  const auto conn_b = conn_of(next_text(on_b));
  CHECK(conn_a != conn_b);

  // The relay is polled: send until the first one arrives (the LISTEN may start a moment later).
  std::string got;
  for (int i = 0; i < 50 && got.empty(); ++i) {
    on_a.send("room shared über die Knoten");
    if (auto f = on_b.receive(std::chrono::milliseconds(200))) got = *f;
  }
  CHECK(got == "über die Knoten");
  on_b.send("to " + std::to_string(conn_a) + " direkt zurück");
  std::string back;
  while (back.empty() || back == "über die Knoten") back = next_text(on_a);
  CHECK(back == "direkt zurück");
  on_a.send("kick " + std::to_string(conn_b));
  CHECK(wait_closed(on_b) == "4003 removed");
}
