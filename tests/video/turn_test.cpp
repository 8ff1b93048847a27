// TURN credentials in the welcome frame: with turn_secret set, each turn: server comes with a
// username "<expiry>:<tag>" and the password coturn's use-auth-secret expects,
// base64(HMAC-SHA1(secret, username)), here recomputed with OpenSSL's EVP_MAC and EVP_EncodeBlock.
#include <openssl/evp.h>
#include <openssl/params.h>

#include <chrono>
#include <string>

#include <boost/json.hpp>

#include "video_fixture.hpp"

using namespace qt::test;
using namespace qt::test::video;

namespace {

std::string expected_password(const std::string& secret, const std::string& username) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  REQUIRE(mac);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char digest[] = "SHA1";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0), OSSL_PARAM_construct_end()};
  unsigned char out[64];
  std::size_t len = 0;
  REQUIRE(EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), params) == 1);
  REQUIRE(EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(username.data()), username.size()) == 1);
  REQUIRE(EVP_MAC_final(ctx, out, &len, sizeof out) == 1);
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  unsigned char b64[128];
  const int n = EVP_EncodeBlock(b64, out, static_cast<int>(len));
  return std::string(reinterpret_cast<char*>(b64), static_cast<std::size_t>(n));
}

}  // namespace

TEST_CASE("video TURN: time-limited credentials from the shared secret, STUN without, the secret never shown", "[video][signal]") {
  const std::string secret = "Kanal-Geheimnis-2026";
  TestServer server(video_setup("", {"groups", "video"},
                                "[plugins.video]\nice_servers = [\"stun:stun.teststadt.test:3478\", "
                                "\"turn:turn.teststadt.test:3478?transport=udp\", \"turns:turn.teststadt.test:5349\"]\n"
                                "turn_secret = \"" + secret + "\"\nturn_ttl_seconds = 600\n"));
  const auto port = server.port();
  auto anna = person(server, "anna");
  auto room = create_room(anna, {{"name", "Sprechstunde"}});
  WsClient host(port, signal_path(std::string(room.at("slug").as_string())), anna.ws_headers(port));
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto welcome = frame_of(host, "welcome");
  const auto& ice = welcome.at("ice_servers").as_array();
  REQUIRE(ice.size() == 3);
  CHECK(ice[0].at("urls") == "stun:stun.teststadt.test:3478");
  CHECK_FALSE(ice[0].as_object().contains("username"));
  for (std::size_t i = 1; i < 3; ++i) {
    const std::string username(ice[i].at("username").as_string());
    const auto colon = username.find(':');
    REQUIRE(colon != std::string::npos);
    const auto expiry = std::stoll(username.substr(0, colon));
    CHECK(expiry >= now + 600 - 60);
    CHECK(expiry <= now + 600 + 60);
    CHECK(username.find("anna") == std::string::npos);  // nothing personal in the TURN server's log
    CHECK(std::string(ice[i].at("credential").as_string()) == expected_password(secret, username));
  }

  auto admin = person(server, "ada", "admin");
  auto listing = admin.get("/api/admin/plugins/settings");
  REQUIRE(listing.status == 200);
  CHECK(listing.body.find(secret) == std::string::npos);
}

TEST_CASE("video TURN: without a secret, servers are handed out as configured", "[video][signal]") {
  TestServer server(video_setup("", {"groups", "video"}, "[plugins.video]\nice_servers = [\"turn:turn.teststadt.test:3478\"]\n"));
  auto anna = person(server, "anna");
  auto room = create_room(anna, {{"name", "Café"}});
  WsClient host(server.port(), signal_path(std::string(room.at("slug").as_string())), anna.ws_headers(server.port()));
  const auto ice = frame_of(host, "welcome").at("ice_servers").as_array();
  REQUIRE(ice.size() == 1);
  CHECK(ice[0].as_object() == boost::json::object{{"urls", "turn:turn.teststadt.test:3478"}});
}
