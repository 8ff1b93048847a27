// Guest passes bound to one room, and the lobby: guests (and, if the host wants, residents) wait
// until a host admits or rejects them; on SQLite and PostgreSQL and across two nodes of one
// PostgreSQL, with real WebSocket clients through the real server.
#include <string>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {

std::int64_t id_of(const boost::json::object& welcome) { return welcome.at("self").at("id").as_int64(); }
void send(WsClient& ws, const boost::json::object& frame) { ws.send(boost::json::serialize(frame)); }
std::string names(const boost::json::object& lobby) {
  std::string out;
  for (const auto& w : lobby.at("waiting").as_array()) out += (out.empty() ? "" : ",") + str(w.at("name"));
  return out;
}

// The hosts' lobby frame that lists exactly these names (earlier lists on the way are skipped).
boost::json::object lobby_of(WsClient& host, const std::string& expected) {
  for (int i = 0; i < 10; ++i) {
    auto lobby = frame_of(host, "lobby");
    if (names(lobby) == expected) return lobby;
  }
  FAIL("the lobby never listed '" << expected << "'");
  return {};
}

}  // namespace

TEST_CASE("video guest pass: a pass admits only to the room it was issued for", "[video][signal][lobby]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    const auto port = server.port();
    auto anna = person(server, "anna");
    auto anon = server.client();
    const std::string a = str(create_room(anna, {{"name", "Raum A"}}).at("slug"));
    const std::string b = str(create_room(anna, {{"name", "Raum B"}}).at("slug"));
    WsClient host_b(port, signal_path(b), anna.ws_headers(port));
    frame_of(host_b, "welcome");

    const auto pass_a = guest_parts(anon, a, "Gisela");
    // Room A's pass on room B: an error frame that says why, then a close with the reason.
    WsClient wrong(port, signal_path(b, pass_a.token + "&pass=" + pass_a.pass), origin(port));
    auto err = frame_of(wrong, "error");
    CHECK(str(err.at("code")) == "guest_pass_wrong_room");
    CHECK(str(err.at("message")).find("anderen Raum") != std::string::npos);
    CHECK(wait_closed(wrong) == "4001 guest_pass_wrong_room");
    // No pass, or an altered one, is refused the same way; room B never heard of the guest.
    for (const std::string& pass : {std::string(), std::string("AAAA"), pass_a.pass.substr(1) + "A"}) {
      WsClient ws(port, signal_path(a, pass_a.token + "&pass=" + pass), origin(port));
      INFO(pass);
      CHECK(wait_closed(ws) == "4001 guest_pass_wrong_room");
    }
    CHECK(!host_b.receive(std::chrono::milliseconds(200)));
    CHECK(anna.get("/api/p/video/rooms/" + b).json().at("participants").as_int64() == 1);
    // Room B's own pass for the same person works; so does A's pass on A.
    WsClient right(port, signal_path(b, guest_pass(anon, b, "Gisela")), origin(port));
    CHECK(str(frame_of(right, "welcome").at("self").at("name")) == "Gisela");
    WsClient own(port, signal_path(a, pass_a.token + "&pass=" + pass_a.pass), origin(port));
    frame_of(own, "welcome");
  });
}

TEST_CASE("video lobby: guests wait until the host admits or rejects them", "[video][signal][lobby]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    const auto port = server.port();
    auto anna = person(server, "anna");
    auto bert = person(server, "bert");
    auto anon = server.client();
    auto room = create_room(anna, {{"name", "Sprechstunde"}, {"lobby", true}});
    CHECK(room.at("lobby").as_bool());
    CHECK(!room.at("lobby_residents").as_bool());
    const std::string slug = str(room.at("slug"));

    WsClient host(port, signal_path(slug), anna.ws_headers(port));
    auto hw = frame_of(host, "welcome");
    CHECK(hw.at("waiting").as_array().empty());
    const auto host_id = id_of(hw);

    WsClient gisela(port, signal_path(slug, guest_pass(anon, slug, "Gisela")), origin(port));
    CHECK(str(frame_of(gisela, "waiting").at("room").at("name")) == "Sprechstunde");
    auto lobby = frame_of(host, "lobby");
    CHECK(names(lobby) == "Gisela");
    const auto gisela_id = lobby.at("waiting").as_array()[0].at("id").as_int64();
    CHECK(anna.get("/api/p/video/rooms/" + slug).json().at("waiting").as_array().size() == 1);
    CHECK(anna.get("/api/p/video/rooms/" + slug).json().at("participants").as_int64() == 1);  // waiting takes no seat

    // Waiting is waiting: no chat, no signal, no entering before the host says so.
    send(gisela, {{"type", "chat"}, {"text", "Hallo?"}});
    CHECK(str(frame_of(gisela, "error").at("code")) == "waiting");
    send(gisela, {{"type", "signal"}, {"to", host_id}, {"data", {{"candidate", "x"}}}});
    CHECK(str(frame_of(gisela, "error").at("code")) == "waiting");
    send(gisela, {{"type", "enter"}});
    CHECK(str(frame_of(gisela, "error").at("code")) == "not_admitted");

    // A resident enters at once (residents wait only if the host asks for it) and is no host.
    WsClient b(port, signal_path(slug), bert.ws_headers(port));
    frame_of(b, "welcome");
    send(b, {{"type", "admit"}, {"peer", gisela_id}});
    CHECK(str(frame_of(b, "error").at("code")) == "not_host");
    send(host, {{"type", "admit"}, {"peer", host_id}});
    CHECK(str(frame_of(host, "error").at("code")) == "not_waiting");
    send(host, {{"type", "admit"}, {"peer", "Gisela"}});
    CHECK(str(frame_of(host, "error").at("code")) == "bad_message");

    send(host, {{"type", "admit"}, {"peer", gisela_id}});
    frame_of(gisela, "admitted");
    CHECK(names(frame_of(host, "lobby")).empty());
    send(gisela, {{"type", "enter"}});
    auto gw = frame_of(gisela, "welcome");
    CHECK(gw.at("peers").as_array().size() == 2);
    CHECK(!gw.at("self").at("host").as_bool());
    CHECK(!gw.contains("waiting"));  // the list is for hosts
    CHECK(str(frame_of(host, "peer-joined").at("peer").at("name")) == "Gisela");
    send(gisela, {{"type", "chat"}, {"text", "Danke!"}});
    CHECK(str(frame_of(host, "chat").at("text")) == "Danke!");

    // Rejected: the guest is told, with the reason; the hosts' list empties.
    WsClient harald(port, signal_path(slug, guest_pass(anon, slug, "Harald")), origin(port));
    frame_of(harald, "waiting");
    auto second = lobby_of(host, "Harald");
    send(host, {{"type", "reject"}, {"peer", second.at("waiting").as_array()[0].at("id").as_int64()}});
    CHECK(wait_closed(harald) == "4005 rejected_by_host");
    CHECK(names(frame_of(host, "lobby")).empty());

    // Someone who gives up waiting leaves the list.
    {
      WsClient ida(port, signal_path(slug, guest_pass(anon, slug, "Ida")), origin(port));
      frame_of(ida, "waiting");
      CHECK(names(frame_of(host, "lobby")) == "Ida");
    }
    CHECK(names(frame_of(host, "lobby")).empty());
  });
}

TEST_CASE("video lobby: residents wait too when the host wants it, and switching the lobby off lets everyone in",
          "[video][signal][lobby]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    const auto port = server.port();
    auto anna = person(server, "anna");
    auto bert = person(server, "bert");
    auto anon = server.client();
    auto room = create_room(anna, {{"name", "Verein"}});
    const std::string slug = str(room.at("slug"));
    CHECK(!room.at("lobby").as_bool());
    // Only a host changes the lobby; bad input changes nothing.
    CHECK(bert.send("PATCH", "/api/p/video/rooms/" + slug, {{"lobby", true}}).status == 403);
    auto bad = anna.send("PATCH", "/api/p/video/rooms/" + slug, {{"lobby", "ja"}, {"name", "Neu"}});
    CHECK(bad.status == 400);
    CHECK(bad.json().at("error").at("code").as_string() == "invalid_lobby");
    CHECK(str(anna.get("/api/p/video/rooms/" + slug).json().at("name")) == "Verein");
    auto on = anna.send("PATCH", "/api/p/video/rooms/" + slug, {{"lobby", true}, {"lobby_residents", true}});
    REQUIRE(on.status == 200);
    CHECK(on.json().at("lobby_residents").as_bool());

    WsClient host(port, signal_path(slug), anna.ws_headers(port));
    frame_of(host, "welcome");
    WsClient b(port, signal_path(slug), bert.ws_headers(port));
    frame_of(b, "waiting");
    WsClient g(port, signal_path(slug, guest_pass(anon, slug, "Gast Eins")), origin(port));
    frame_of(g, "waiting");
    auto lobby = lobby_of(host, "bert,Gast Eins");
    CHECK(!lobby.at("waiting").as_array()[0].at("guest").as_bool());

    // The lobby goes: whoever waits is admitted and enters.
    REQUIRE(anna.send("PATCH", "/api/p/video/rooms/" + slug, {{"lobby", false}}).status == 200);
    frame_of(b, "admitted");
    frame_of(g, "admitted");
    CHECK(!frame_of(host, "room").at("lobby").as_bool());
    send(b, {{"type", "enter"}});
    send(g, {{"type", "enter"}});
    CHECK(frame_of(b, "welcome").at("peers").as_array().size() >= 1);
    CHECK(frame_of(g, "welcome").at("peers").as_array().size() >= 1);

    // Ending the room closes those who wait as well.
    REQUIRE(anna.send("PATCH", "/api/p/video/rooms/" + slug, {{"lobby", true}}).status == 200);
    WsClient late(port, signal_path(slug, guest_pass(anon, slug, "Spät")), origin(port));
    frame_of(late, "waiting");
    CHECK(anna.send("DELETE", "/api/p/video/rooms/" + slug).status == 204);
    CHECK(wait_closed(late) == "4004 room_ended");
  });
}

TEST_CASE("video lobby: a guest waiting on one node is admitted by a host on another", "[video][signal][lobby][pg]") {
  if (!PgTestDb::available()) {
    if (PgTestDb::required()) FAIL("QUARTIER_TEST_REQUIRE_PG=1 but QUARTIER_TEST_PG_URL is not set");
    SUCCEED("PostgreSQL not configured");
    return;
  }
  PgTestDb pg;
  TestServer a(video_setup(pg.url()));
  TestServer b(video_setup(pg.url()));
  auto anna = person(a, "anna");
  const std::string slug = str(create_room(anna, {{"name", "Zwei Knoten"}, {"lobby", true}}).at("slug"));
  auto anon_b = b.client();

  WsClient host(a.port(), signal_path(slug), anna.ws_headers(a.port()));
  const auto host_id = id_of(frame_of(host, "welcome"));
  // A pass from node A works on node B: the key is the cluster's.
  auto anon_a = a.client();
  WsClient guest(b.port(), signal_path(slug, guest_pass(anon_a, slug, "Bea")), origin(b.port()));
  frame_of(guest, "waiting");
  auto lobby = frame_of(host, "lobby");
  REQUIRE(names(lobby) == "Bea");
  send(host, {{"type", "admit"}, {"peer", lobby.at("waiting").as_array()[0].at("id").as_int64()}});
  frame_of(guest, "admitted");
  send(guest, {{"type", "enter"}});
  auto gw = frame_of(guest, "welcome");
  REQUIRE(gw.at("peers").as_array().size() == 1);
  CHECK(gw.at("peers").as_array()[0].at("id").as_int64() == host_id);
  CHECK(str(frame_of(host, "peer-joined").at("peer").at("name")) == "Bea");

  WsClient other(b.port(), signal_path(slug, guest_pass(anon_b, slug, "Otto")), origin(b.port()));
  frame_of(other, "waiting");
  lobby = lobby_of(host, "Otto");
  send(host, {{"type", "reject"}, {"peer", lobby.at("waiting").as_array()[0].at("id").as_int64()}});
  CHECK(wait_closed(other) == "4005 rejected_by_host");
}

TEST_CASE("video lobby: a full lobby refuses more, with a reason, and frees places as people go", "[video][signal][lobby]") {
  TestServer server(video_setup("", {"video"}, "[plugins.video]\nlobby_max_waiting = 2\n"));
  const auto port = server.port();
  auto anna = person(server, "anna");
  auto anon = server.client();
  const std::string slug = str(create_room(anna, {{"name", "Beliebt"}, {"lobby", true}}).at("slug"));
  WsClient host(port, signal_path(slug), anna.ws_headers(port));
  frame_of(host, "welcome");
  WsClient one(port, signal_path(slug, guest_pass(anon, slug, "Eins")), origin(port));
  frame_of(one, "waiting");
  {
    WsClient two(port, signal_path(slug, guest_pass(anon, slug, "Zwei")), origin(port));
    frame_of(two, "waiting");
    lobby_of(host, "Eins,Zwei");
    auto third = refusal(port, signal_path(slug, guest_pass(anon, slug, "Drei")), origin(port));
    CHECK(third.find("HTTP 409") != std::string::npos);
    CHECK(third.find("lobby_full") != std::string::npos);
  }
  // "Zwei" gave up: once the hosts' list says so, a place is free again.
  lobby_of(host, "Eins");
  WsClient four(port, signal_path(slug, guest_pass(anon, slug, "Vier")), origin(port));
  frame_of(four, "waiting");
  lobby_of(host, "Eins,Vier");
}
