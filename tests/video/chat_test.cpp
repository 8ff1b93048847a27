// The chat is relayed, not stored, unless a host chose "save chat" before: then the lines are kept
// for that host (guests' lines without their name), readable and deletable afterwards, in the
// host's export and erased with their account.
#include <string>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "sql_access.hpp"
#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {

void send(WsClient& ws, const boost::json::object& frame) { ws.send(boost::json::serialize(frame)); }

// Sends a line and waits until the other has it (relayed, and stored if saved, before it arrives);
// the sender's own echo and earlier lines on the way are skipped.
void say(WsClient& from, WsClient& to, const std::string& text) {
  send(from, {{"type", "chat"}, {"text", text}});
  for (int i = 0; i < 10; ++i)
    if (str(frame_of(to, "chat").at("text")) == text) return;
  FAIL("'" << text << "' never arrived");
}

}  // namespace

TEST_CASE("video chat: vanishes unless the host saved it, and a saved chat is the host's to read, delete and export",
          "[video][chat][privacy]") {
  for_each_dialect([](const DbTarget& target) {
    TestServer server(video_setup(target.url));
    const auto port = server.port();
    auto anna = person(server, "anna");
    auto bert = person(server, "bert");
    auto anon = server.client();
    SqlAccess sql(target.url);
    auto room = create_room(anna, {{"name", "Stammtisch"}});
    const std::string slug = str(room.at("slug"));
    const std::string chat = "/api/p/video/rooms/" + slug + "/chat";
    CHECK(!room.at("chat_saved").as_bool());
    {
      WsClient host(port, signal_path(slug), anna.ws_headers(port));
      frame_of(host, "welcome");
      WsClient guest(port, signal_path(slug, guest_pass(anon, slug, "Gisela")), origin(port));
      frame_of(guest, "welcome");
      say(guest, host, "nicht gespeichert");
      CHECK(sql.scalar("SELECT COUNT(*) FROM video_chat") == 0);

      // Only a host switches saving on; everyone in the room hears of it.
      CHECK(bert.send("PATCH", "/api/p/video/rooms/" + slug, {{"save_chat", true}}).status == 403);
      auto bad = anna.send("PATCH", "/api/p/video/rooms/" + slug, {{"save_chat", 1}});
      CHECK(bad.status == 400);
      CHECK(bad.json().at("error").at("code").as_string() == "invalid_save_chat");
      REQUIRE(anna.send("PATCH", "/api/p/video/rooms/" + slug, {{"save_chat", true}}).status == 200);
      CHECK(frame_of(guest, "room").at("chat_saved").as_bool());
      say(guest, host, "Guten Abend");
      say(host, guest, "Willkommen");
    }
    // The room is empty; the saved lines stay for anna, guests without their name.
    auto saved = anna.get(chat);
    REQUIRE(saved.status == 200);
    INFO(saved.body);
    const auto saved_json = saved.json();
    const auto& lines = saved_json.at("messages").as_array();
    REQUIRE(lines.size() == 2);
    CHECK(str(lines[0].at("name")) == "Gast");
    CHECK(lines[0].at("guest").as_bool());
    CHECK(str(lines[0].at("text")) == "Guten Abend");
    CHECK(str(lines[1].at("name")) == "anna");
    CHECK(sql.rows_naming("video_", 0, {"Gisela"}).empty());  // guests leave no data
    // Nobody else reads it: bert sees no saved chat, a stranger must sign in.
    CHECK(bert.get(chat).json().at("messages").as_array().empty());
    CHECK(server.client().get(chat).status == 401);
    CHECK(anna.get("/api/p/video/rooms/nichtda/chat").status == 404);

    auto exported = anna.get("/api/me/export").json().at("data").at("video").as_object();
    REQUIRE(exported.at("saved_chats").as_array().size() == 1);
    CHECK(exported.at("saved_chats").as_array()[0].at("messages").as_array().size() == 2);

    // Deleted by the host: gone.
    CHECK(anna.send("DELETE", chat).status == 204);
    CHECK(anna.get(chat).json().at("messages").as_array().empty());
    CHECK(sql.scalar("SELECT COUNT(*) FROM video_chat") == 0);

    // Erased with the host's account, and bert's lines in it with his.
    {
      WsClient host(port, signal_path(slug), anna.ws_headers(port));
      frame_of(host, "welcome");
      WsClient b(port, signal_path(slug), bert.ws_headers(port));
      frame_of(b, "welcome");
      say(b, host, "Von Bert");
      say(host, b, "Von Anna");
    }
    CHECK(sql.scalar("SELECT COUNT(*) FROM video_chat") == 2);
    // Bert's own lines in anna's saved chat are in his export.
    auto berts = bert.get("/api/me/export").json().at("data").at("video").as_object();
    REQUIRE(berts.at("lines_in_others_saved_chats").as_array().size() == 1);
    CHECK(str(berts.at("lines_in_others_saved_chats").as_array()[0].at("text")) == "Von Bert");
    CHECK(bert.send("DELETE", "/api/me", {{"password", bert.password}}).status < 300);
    CHECK(sql.scalar("SELECT COUNT(*) FROM video_chat") == 1);
    CHECK(anna.send("DELETE", "/api/me", {{"password", anna.password}}).status < 300);
    CHECK(sql.scalar("SELECT COUNT(*) FROM video_chat") == 0);
  });
}
