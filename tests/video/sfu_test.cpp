// Rooms over the mesh limit through a real Janus on the loopback (Debian's janus, VideoRoom): the
// room is made in Janus when the first participant is seated, each participant gets a token that
// Janus takes (in its token store and on the room's allowed list) and nothing else does (no token,
// another's, an invented one); a removed participant's token is refused, they are kicked, and the
// Janus sessions they kept open (a tampered client that does not hang up) are destroyed; ending or
// deleting the room destroys it in Janus; on SQLite and PostgreSQL, with real WebSocket clients through the real
// server. Without a reachable Janus the page hears why; without janus_admin_api large rooms are refused.
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "janus_fixture.hpp"
#include "pg_test_db.hpp"
#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {

constexpr int kUnauthorized = 433;  // JANUS_VIDEOROOM_ERROR_UNAUTHORIZED

void send(WsClient& ws, const boost::json::object& frame) { ws.send(boost::json::serialize(frame)); }

// Waits (30 s at most) until `done` is true; Janus changes after a job of the server ran.
void eventually(const std::string& what, const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) FAIL(what << " did not happen within 30 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// Joins the Janus room as a publisher the way a browser does; the answer (joined or an error).
JanusAnswer join(std::uint16_t janus_port, const std::string& session_token, std::int64_t room, std::int64_t id,
                 const std::string& room_token) {
  JanusClient c(janus_port, session_token);
  auto opened = c.open();
  if (opened.error_code()) return opened;
  boost::json::object body{{"request", "join"}, {"ptype", "publisher"}, {"room", room}, {"display", "test"}};
  if (id) body["id"] = id;
  if (!room_token.empty()) body["token"] = room_token;
  return c.request(std::move(body));
}

bool room_exists(const LoopbackJanus& janus, std::int64_t room) {
  auto a = janus.admin("", {{"janus", "message_plugin"}, {"plugin", "janus.plugin.videoroom"},
                            {"request", {{"request", "exists"}, {"room", room}}}});
  return a.at("response").at("exists").as_bool();
}

// Whether the token is in Janus's token store (what lets a client send Janus anything).
bool granted(const LoopbackJanus& janus, const std::string& token) {
  const auto answer = janus.admin("", {{"janus", "list_tokens"}});
  for (const auto& t : answer.at("data").at("tokens").as_array())
    if (t.at("token").as_string() == token) return true;
  return false;
}

bool has_session(const LoopbackJanus& janus, std::int64_t session) {
  for (auto s : janus.sessions())
    if (s == session) return true;
  return false;
}

}  // namespace

TEST_CASE("video sfu: Janus gets the room and admits only those Quartier seated, until they go", "[video][sfu]") {
  LoopbackJanus janus;
  const auto jp = janus.http_port();
  for_each_dialect([&](const DbTarget& target) {
    TestServer server(video_setup(target.url, {"groups", "video"}, "[plugins.video]\n" + janus.plugin_toml()));
    const auto port = server.port();
    auto anna = person(server, "anna");
    auto bob = person(server, "bob");
    auto room = create_room(anna, {{"name", "Bürgerversammlung"}, {"capacity", 30}});
    CHECK(str(room.at("media")) == "sfu");
    CHECK(room.at("capacity").as_int64() == 30);
    const std::string slug = str(room.at("slug"));

    WsClient host(port, signal_path(slug), anna.ws_headers(port));
    frame_of(host, "welcome");
    auto ticket = frame_of(host, "sfu");
    CHECK(str(ticket.at("url")) == "/janus-ws");
    const auto jroom = ticket.at("room").as_int64();
    const auto anna_id = ticket.at("id").as_int64();
    const std::string anna_token = str(ticket.at("token"));
    CHECK(room_exists(janus, jroom));

    // Janus takes nobody without a token Quartier granted: not even a session.
    CHECK(join(jp, "", jroom, 0, "").error_code() == 403);
    CHECK(join(jp, "1999999999,janus,janus.plugin.videoroom,x:AAAA", jroom, 0, "").error_code() == 403);
    CHECK(join(jp, "erfunden", jroom, 0, "").error_code() == 403);
    // A valid session is not enough for the room: its allowed list wants the participant's token.
    CHECK(join(jp, anna_token, jroom, 0, "").error_code() == kUnauthorized);
    CHECK(join(jp, anna_token, jroom, 0, "erfunden").error_code() == kUnauthorized);

    WsClient bobs(port, signal_path(slug), bob.ws_headers(port));
    frame_of(bobs, "welcome");
    auto bob_ticket = frame_of(bobs, "sfu");
    const auto bob_id = bob_ticket.at("id").as_int64();
    const std::string bob_token = str(bob_ticket.at("token"));
    CHECK(bob_token != anna_token);
    // The others learn bob's id in Janus with bob, so they know whose video a feed is.
    auto joined = frame_of(host, "peer-joined");
    CHECK(joined.at("peer").at("sfu_id").as_int64() == bob_id);
    // With their own token each gets in (a browser would now publish its camera).
    auto in = join(jp, bob_token, jroom, bob_id, bob_token);
    INFO(boost::json::serialize(in.data));
    CHECK(str(in.data.at("videoroom")) == "joined");
    CHECK(join(jp, anna_token, jroom, anna_id, anna_token).data.at("videoroom").as_string() == "joined");

    // Bob's client is tampered with: it keeps its Janus sessions when Quartier lets him go (one that
    // joined the room, one with a bare handle, as for a subscription) and goes on sending keepalives.
    JanusClient kept(jp, bob_token), spare(jp, bob_token);
    REQUIRE(kept.open().error_code() == 0);
    REQUIRE(kept.request({{"request", "join"}, {"ptype", "publisher"}, {"room", jroom}, {"token", bob_token}}).error_code() == 0);
    REQUIRE(spare.open().error_code() == 0);
    CHECK(kept.keepalive().error_code() == 0);

    // The host removes bob: Janus kicks him, and his token no longer opens the room.
    send(host, {{"type", "remove"}, {"peer", joined.at("peer").at("id")}});
    CHECK(wait_closed(bobs) == "4003 removed_by_host");
    // His sessions are destroyed at once (not after Janus's session_timeout), with whatever they
    // received; his token opens nothing any more, not even a keepalive.
    eventually("bob's kept Janus sessions destroyed", [&] { return !has_session(janus, kept.session()) && !has_session(janus, spare.session()); });
    CHECK(kept.keepalive().error_code() == 403);
    JanusClient annas(jp, anna_token);
    REQUIRE(annas.open().error_code() == 0);
    CHECK(annas.keepalive(kept.session()).error_code() == 458);  // no such session
    CHECK(!granted(janus, bob_token));
    CHECK(join(jp, bob_token, jroom, 0, "").error_code() == 403);
    eventually("bob kicked out of Janus", [&] {
      JanusClient c(jp, anna_token);
      REQUIRE(c.open().error_code() == 0);
      auto list = c.request({{"request", "listparticipants"}, {"room", jroom}});
      for (const auto& p : list.data.at("participants").as_array())
        if (p.at("id").as_int64() == bob_id) return false;
      return true;
    });
    eventually("bob's token refused", [&] { return join(jp, anna_token, jroom, 0, bob_token).error_code() == kUnauthorized; });
    // Anna's own stays good while she is in the room.
    CHECK(join(jp, anna_token, jroom, 0, anna_token).error_code() == 0);

    // Ending the room destroys it in Janus.
    send(host, {{"type", "end"}});
    CHECK(wait_closed(host) == "4004 room_ended");
    eventually("the Janus room destroyed", [&] { return !room_exists(janus, jroom); });
    eventually("anna's token taken back", [&] { return !granted(janus, anna_token); });
    CHECK(JanusClient(jp, anna_token).open().error_code() == 403);

    // Entering again makes it anew; deleting the room (DELETE) destroys it in Janus too.
    WsClient again(port, signal_path(slug), anna.ws_headers(port));
    frame_of(again, "welcome");
    const std::string again_token = str(frame_of(again, "sfu").at("token"));
    CHECK(room_exists(janus, jroom));
    CHECK(anna.send("DELETE", "/api/p/video/rooms/" + slug).status == 204);
    CHECK(wait_closed(again) == "4004 room_ended");
    eventually("the deleted room destroyed in Janus", [&] { return !room_exists(janus, jroom); });
    eventually("the token of the deleted room taken back", [&] { return !granted(janus, again_token); });
    CHECK(JanusClient(jp, again_token).open().error_code() == 403);
  });
}

TEST_CASE("video sfu: without Janus large rooms are refused, and an unreachable Janus is reported", "[video][sfu]") {
  {
    TestServer server(video_setup("", {"video"}));
    auto anna = person(server, "anna");
    auto r = anna.send("POST", "/api/p/video/rooms", {{"name", "Groß"}, {"capacity", 20}});
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid_capacity");
    CHECK(r.body.find("Janus") != std::string::npos);
    r = anna.send("POST", "/api/p/video/rooms", {{"name", "Groß"}, {"media", "sfu"}});
    CHECK(r.error_code() == "invalid_capacity");
    r = anna.send("POST", "/api/p/video/rooms", {{"name", "Groß"}, {"media", "funk"}});
    CHECK(r.error_code() == "invalid_media");
    CHECK(anna.get("/api/p/video/rooms").json().at("mine").as_array().empty());
  }
  // A Janus that does not answer: the participant is seated (chat works) and told why there is no media.
  TestServer server(video_setup("", {"video"}, "[plugins.video]\njanus_admin_api = \"http://127.0.0.1:9/admin\"\n"
                                               "janus_room_admin_key = \"k\"\njanus_admin_secret = \"s\"\n"
                                               "http_allow = [\"127.0.0.1\"]\n"));
  const auto port = server.port();
  auto anna = person(server, "anna");
  auto room = create_room(anna, {{"name", "Rat"}, {"capacity", 12}});
  WsClient host(port, signal_path(str(room.at("slug"))), anna.ws_headers(port));
  frame_of(host, "welcome");
  auto err = frame_of(host, "error");
  CHECK(str(err.at("code")) == "sfu_unavailable");
  CHECK(str(err.at("message")).find("Videoserver") != std::string::npos);
}

TEST_CASE("video sfu: a wrong Janus setting stops the plugin with a message for the operator", "[video][sfu]") {
  TempDir dir;
  auto check = [&](const std::string& section, const std::string& named) {
    const auto cfg = dir.write("q.toml", "[server]\nlisten = \"127.0.0.1:0\"\n[database]\nurl = \"sqlite:" +
                                             (dir / "q.db").string() + "\"\n[plugins]\ndir = \"" QT_BUNDLED_PLUGIN_DIR
                                             "\"\nenabled = [\"video\"]\n[plugins.video]\n" + section);
    auto r = run_quartier({"check-config", "--config", cfg.string()});
    INFO(section << r.output);
    CHECK(r.exit_code != 0);
    CHECK(r.output.find(named) != std::string::npos);
  };
  const std::string api = "janus_admin_api = \"http://127.0.0.1:7088/admin\"\n";
  check(api, "janus_admin_secret");
  check(api + "janus_admin_secret = \"s\"\n", "janus_room_admin_key");
  check("janus_admin_api = \"127.0.0.1:7088\"\njanus_admin_secret = \"s\"\njanus_room_admin_key = \"k\"\n", "http://");
  // The settings of signed tokens are gone (they could not take a participant's token back).
  check("janus_api = \"http://127.0.0.1:8088/janus\"\n", "unknown key 'janus_api'");
  check(api + "janus_admin_secret = \"s\"\njanus_room_admin_key = \"k\"\njanus_token_secret = \"t\"\n",
        "unknown key 'janus_token_secret'");
}
