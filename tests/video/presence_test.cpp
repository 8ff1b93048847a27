// A node that dies without saying goodbye (kill -9) must not keep its participants in the rooms:
// the others hear "peer-left" once its rows go stale, and the seats are free again.
#include <signal.h>

#include <chrono>
#include <string>

#include <boost/json.hpp>

#include "pg_test_db.hpp"
#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {

// The next frame of this type, however long the sweep takes on a busy machine (a state, not a time).
boost::json::object wait_frame(WsClient& ws, const std::string& type, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    auto f = ws.receive(std::chrono::milliseconds(500));
    if (!f) {
      if (ws.closed()) FAIL("socket closed while waiting for '" << type << "': " << ws.close_reason());
      continue;
    }
    auto v = boost::json::parse(*f);
    if (v.is_object() && v.as_object().contains("type") && v.at("type") == type.c_str()) return v.as_object();
  }
  FAIL("no '" << type << "' frame within " << limit.count() << " s");
  return {};
}

}  // namespace

TEST_CASE("video presence: a killed node's participants leave their rooms and free their seats", "[video][signal][pg]") {
  if (!PgTestDb::available()) {
    if (PgTestDb::required()) FAIL("QUARTIER_TEST_REQUIRE_PG=1 but QUARTIER_TEST_PG_URL is not set");
    SUCCEED("PostgreSQL not configured");
    return;
  }
  PgTestDb pg;
  const std::string settings = "[plugins.video]\npresence_timeout_seconds = 15\n";
  TestServer a(video_setup(pg.url(), {"groups", "video"}, settings));
  TestServer b(video_setup(pg.url(), {"groups", "video"}, settings));
  auto anna = person(a, "anna");
  auto room = create_room(anna, {{"name", "Sprechstunde"}, {"capacity", 2}});
  const std::string slug = str(room.at("slug"));
  auto anon_b = b.client();

  WsClient host(a.port(), signal_path(slug), anna.ws_headers(a.port()));
  const auto host_id = frame_of(host, "welcome").at("self").at("id").as_int64();
  WsClient guest(b.port(), signal_path(slug, guest_pass(anon_b, slug, "Bea")), origin(b.port()));
  REQUIRE(frame_of(guest, "welcome").at("peers").as_array().size() == 1);
  auto full = refusal(b.port(), signal_path(slug, guest_pass(anon_b, slug, "Cem")), origin(b.port()));
  CHECK(full.find("room_full") != std::string::npos);

  // Node a dies: no on_close, no on_stop, its row stays behind in the shared database.
  REQUIRE(::kill(a.pid(), SIGKILL) == 0);
  a.stop();
  const auto left = wait_frame(guest, "peer-left", std::chrono::seconds(120));
  CHECK(left.at("peer").as_int64() == host_id);

  // Bea joined as early as Anna: she is still listed only because node b kept her row fresh.
  WsClient cem(b.port(), signal_path(slug, guest_pass(anon_b, slug, "Cem")), origin(b.port()));
  const auto welcome = frame_of(cem, "welcome");
  REQUIRE(welcome.at("peers").as_array().size() == 1);
  CHECK(welcome.at("peers").as_array()[0].at("name") == "Bea");
}

TEST_CASE("video presence: guests waiting on a killed node leave the hosts' lobby list", "[video][signal][lobby][pg]") {
  if (!PgTestDb::available()) {
    if (PgTestDb::required()) FAIL("QUARTIER_TEST_REQUIRE_PG=1 but QUARTIER_TEST_PG_URL is not set");
    SUCCEED("PostgreSQL not configured");
    return;
  }
  PgTestDb pg;
  const std::string settings = "[plugins.video]\npresence_timeout_seconds = 15\n";
  TestServer a(video_setup(pg.url(), {"groups", "video"}, settings));
  TestServer b(video_setup(pg.url(), {"groups", "video"}, settings));
  auto anna = person(b, "anna");
  const std::string slug = str(create_room(anna, {{"name", "Sprechstunde"}, {"lobby", true}}).at("slug"));
  auto anon_a = a.client();

  WsClient host(b.port(), signal_path(slug), anna.ws_headers(b.port()));
  frame_of(host, "welcome");
  WsClient guest(a.port(), signal_path(slug, guest_pass(anon_a, slug, "Bea")), origin(a.port()));
  frame_of(guest, "waiting");
  REQUIRE(wait_frame(host, "lobby", std::chrono::seconds(30)).at("waiting").as_array().size() == 1);

  // Node a dies with Bea waiting: the sweep takes her row, the host's list empties.
  REQUIRE(::kill(a.pid(), SIGKILL) == 0);
  a.stop();
  for (;;) {
    const auto lobby = wait_frame(host, "lobby", std::chrono::seconds(120));
    if (lobby.at("waiting").as_array().empty()) break;
  }
  CHECK(anna.get("/api/p/video/rooms/" + slug).json().at("waiting").as_array().empty());
}
