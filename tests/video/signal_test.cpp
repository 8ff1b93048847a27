// The video plugin's signalling socket through the real server with real WebSocket clients, on
// SQLite and PostgreSQL and across two nodes of one PostgreSQL: joining (resident and guest),
// offers relayed between two participants only, chat, the host's lock, mute request, removal and
// end, capacity, and abuse (malformed frames, a participant of another room, a flood, no pass).
#include <string>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {

std::int64_t id_of(const boost::json::object& welcome) { return welcome.at("self").at("id").as_int64(); }

void send(WsClient& ws, const boost::json::object& frame) { ws.send(boost::json::serialize(frame)); }

}  // namespace

TEST_CASE("video signal: a resident and a guest meet, signal, chat, and the host moderates", "[video][signal]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    const auto port = server.port();
    auto anna = person(server, "anna");
    auto anon = server.client();
    auto room = create_room(anna, {{"name", "Café"}, {"capacity", 3}});
    const std::string slug = str(room.at("slug"));
    auto other = create_room(anna, {{"name", "Anderer Raum"}});

    WsClient host(port, signal_path(slug), anna.ws_headers(port));
    auto hw = frame_of(host, "welcome");
    CHECK(hw.at("self").at("host").as_bool());
    CHECK(hw.at("peers").as_array().empty());
    const auto host_id = id_of(hw);

    WsClient guest(port, signal_path(slug, guest_pass(anon, slug, "Gisela")), origin(port));
    auto gw = frame_of(guest, "welcome");
    CHECK(!gw.at("self").at("host").as_bool());
    CHECK(gw.at("self").at("name").as_string() == "Gisela");
    REQUIRE(gw.at("peers").as_array().size() == 1);
    CHECK(gw.at("peers").as_array()[0].at("id").as_int64() == host_id);
    const auto guest_id = id_of(gw);
    CHECK(frame_of(host, "peer-joined").at("peer").at("name").as_string() == "Gisela");

    // An offer reaches the one it is for, with who sent it.
    send(guest, {{"type", "signal"}, {"to", host_id}, {"data", {{"sdp", {{"type", "offer"}, {"sdp", "v=0 fake"}}}}}});
    auto offer = frame_of(host, "signal");
    CHECK(offer.at("from").as_int64() == guest_id);
    CHECK(offer.at("data").at("sdp").at("type").as_string() == "offer");

    // A participant of another room is out of reach; it never hears of this one.
    WsClient stranger(port, signal_path(str(other.at("slug")), guest_pass(anon, str(other.at("slug")), "Fremd")), origin(port));
    const auto stranger_id = id_of(frame_of(stranger, "welcome"));
    send(guest, {{"type", "signal"}, {"to", stranger_id}, {"data", {{"candidate", "x"}}}});
    CHECK(frame_of(guest, "error").at("code").as_string() == "not_in_room");
    for (const char* bad : {"kein json", "[1,2]", "{\"type\":5}", "{\"type\":\"signal\",\"to\":\"x\",\"data\":{}}",
                            "{\"type\":\"signal\",\"to\":1}", "{\"type\":\"tanz\"}", "{\"type\":\"chat\",\"text\":\"\"}"}) {
      guest.send(bad);
      INFO(bad);
      CHECK(frame_of(guest, "error").at("code").as_string() == "bad_message");
    }
    CHECK(!stranger.receive(std::chrono::milliseconds(200)));

    // Chat reaches everyone in the room.
    send(guest, {{"type", "chat"}, {"text", "Hallo zusammen"}});
    CHECK(frame_of(host, "chat").at("text").as_string() == "Hallo zusammen");
    CHECK(frame_of(guest, "chat").at("name").as_string() == "Gisela");

    // Host actions: refused for the guest; the host locks, asks to mute, removes.
    send(guest, {{"type", "lock"}, {"locked", true}});
    CHECK(frame_of(guest, "error").at("code").as_string() == "not_host");
    send(host, {{"type", "lock"}, {"locked", true}});
    CHECK(frame_of(guest, "room").at("locked").as_bool());
    CHECK(frame_of(host, "room").at("locked").as_bool());  // the host is in the room too
    auto locked_out = refusal(port, signal_path(slug, guest_pass(anon, slug, "Spät")), origin(port));
    CHECK(locked_out.find("HTTP 423") != std::string::npos);
    CHECK(locked_out.find("room_locked") != std::string::npos);
    send(host, {{"type", "lock"}, {"locked", false}});
    CHECK(!frame_of(host, "room").at("locked").as_bool());
    send(host, {{"type", "mute"}, {"peer", guest_id}});
    CHECK(frame_of(guest, "mute-request").at("by").as_string() == "anna");
    send(host, {{"type", "remove"}, {"peer", guest_id}});
    CHECK(wait_closed(guest) == "4003 removed_by_host");
    CHECK(frame_of(host, "peer-left").at("peer").as_int64() == guest_id);

    // Ending the room closes everyone in it, with the reason.
    WsClient again(port, signal_path(slug, guest_pass(anon, slug, "Gisela")), origin(port));
    frame_of(again, "welcome");
    CHECK(anna.send("DELETE", "/api/p/video/rooms/" + slug).status == 204);
    CHECK(wait_closed(again) == "4004 room_ended");
    CHECK(wait_closed(host) == "4004 room_ended");
  });
}

TEST_CASE("video signal: full rooms, missing passes, closed rooms and floods are refused with a reason", "[video][signal]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    const auto port = server.port();
    auto anna = person(server, "anna");
    auto anon = server.client();
    auto room = create_room(anna, {{"name", "Zu zweit"}, {"capacity", 2}});
    const std::string slug = str(room.at("slug"));

    auto no_pass = refusal(port, signal_path(slug), origin(port));
    CHECK(no_pass.find("HTTP 401") != std::string::npos);
    CHECK(no_pass.find("guest_token_needed") != std::string::npos);
    CHECK(refusal(port, signal_path("nichtda", guest_pass(anon, slug, "X")), origin(port)).find("room_not_found") != std::string::npos);
    auto foreign = refusal(port, signal_path(slug), {{"Origin", "https://evil.example"}, anna.ws_headers(port)[0]});
    CHECK(foreign.find("foreign_origin") != std::string::npos);

    WsClient one(port, signal_path(slug, guest_pass(anon, slug, "Eins")), origin(port));
    frame_of(one, "welcome");
    WsClient two(port, signal_path(slug), anna.ws_headers(port));
    frame_of(two, "welcome");
    auto full = refusal(port, signal_path(slug, guest_pass(anon, slug, "Drei")), origin(port));
    CHECK(full.find("HTTP 409") != std::string::npos);
    CHECK(full.find("room_full") != std::string::npos);

    // A pass is a guest's identity, not a key to every room: the socket checks the room's rules.
    auto members = create_room(anna, {{"name", "Nur Konten"}, {"guests_allowed", false}});
    auto guest_for_open = guest_pass(anon, slug, "Vier");
    CHECK(refusal(port, signal_path(str(members.at("slug")), guest_for_open), origin(port)).find("account_required") !=
          std::string::npos);

    // A flood closes only the flooding socket.
    try {
      for (int i = 0; i < 200; ++i) one.send("{\"type\":\"ping\"}");
    } catch (const std::exception&) {
      // the server may close before the last frames are written
    }
    CHECK(wait_closed(one) == "4008 rate_limited");
    send(two, {{"type", "chat"}, {"text", "noch da"}});
    CHECK(frame_of(two, "chat").at("text").as_string() == "noch da");
  });
}

TEST_CASE("video signal: participants on two nodes of one PostgreSQL reach each other", "[video][signal][pg]") {
  if (!PgTestDb::available()) {
    if (PgTestDb::required()) FAIL("QUARTIER_TEST_REQUIRE_PG=1 but QUARTIER_TEST_PG_URL is not set");
    SUCCEED("PostgreSQL not configured");
    return;
  }
  PgTestDb pg;
  TestServer a(video_setup(pg.url()));
  TestServer b(video_setup(pg.url()));
  auto anna = person(a, "anna");
  auto room = create_room(anna, {{"name", "Zwei Knoten"}});
  const std::string slug = str(room.at("slug"));
  auto anon_b = b.client();

  WsClient host(a.port(), signal_path(slug), anna.ws_headers(a.port()));
  const auto host_id = id_of(frame_of(host, "welcome"));
  WsClient guest(b.port(), signal_path(slug, guest_pass(anon_b, slug, "Bea")), origin(b.port()));
  auto gw = frame_of(guest, "welcome");
  REQUIRE(gw.at("peers").as_array().size() == 1);  // presence is in the shared database
  const auto guest_id = id_of(gw);
  CHECK(frame_of(host, "peer-joined").at("peer").at("id").as_int64() == guest_id);
  send(guest, {{"type", "signal"}, {"to", host_id}, {"data", {{"sdp", {{"type", "offer"}, {"sdp", "v=0 fake"}}}}}});
  CHECK(frame_of(host, "signal").at("from").as_int64() == guest_id);
  send(host, {{"type", "signal"}, {"to", guest_id}, {"data", {{"sdp", {{"type", "answer"}, {"sdp", "v=0 fake"}}}}}});
  CHECK(frame_of(guest, "signal").at("data").at("sdp").at("type").as_string() == "answer");
  send(host, {{"type", "remove"}, {"peer", guest_id}});
  CHECK(wait_closed(guest) == "4003 removed_by_host");
}

TEST_CASE("video signal: a guest who reconnects again and again, or asks for many passes, is stopped per address", "[video][signal]") {
  TestServer server(video_setup("", {"video"}, "[plugins.video]\njoins_per_minute = 3\nguest_passes_per_10min = 2\n"));
  const auto port = server.port();
  auto anna = person(server, "anna");
  auto anon = server.client();
  auto room = create_room(anna, {{"name", "Begrenzt"}});
  const std::string slug = str(room.at("slug"));
  const std::string token = guest_pass(anon, slug, "Eins");
  guest_pass(anon, slug, "Zwei");
  auto third = anon.send_json("POST", "/api/p/video/rooms/" + slug + "/guest", {{"name", "Drei"}});
  CHECK(third.status == 429);
  CHECK(third.json().at("error").at("code").as_string() == "too_many_guests");
  for (int i = 0; i < 3; ++i) {
    WsClient ws(port, signal_path(slug, token), origin(port));
    frame_of(ws, "welcome");
  }
  auto again = refusal(port, signal_path(slug, token), origin(port));
  CHECK(again.find("HTTP 429") != std::string::npos);
  CHECK(again.find("too_many_joins") != std::string::npos);
}
