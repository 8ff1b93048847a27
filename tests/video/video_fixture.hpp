#pragma once
// The real server with the video plugin (and the abi13_live fixture where a test asks for it),
// people made with the CLI (`quartier user add`), WebSocket helpers that wait on frames, not time.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <regex>
#include <string>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "test_server.hpp"

namespace qt::test::video {

inline ServerSetup video_setup(const std::string& db_url, std::vector<std::string> plugins = {"groups", "video"},
                               const std::string& extra = "") {
  ServerSetup s;
  s.database_url = db_url;
  s.plugins = std::move(plugins);
  s.plugin_dirs = {QT_VIDEO_FIXTURE_DIR, QT_BUNDLED_PLUGIN_DIR};
  s.extra_toml = extra;
  return s;
}

// A signed-in person: their id and a client holding their session cookie and CSRF token.
struct Person {
  std::int64_t id = 0;
  std::string password;
  std::unique_ptr<HttpClient> http;

  HttpResponse get(const std::string& target) { return http->get(target); }
  HttpResponse send(const std::string& method, const std::string& target, const boost::json::value& body = boost::json::object{}) {
    return http->send_json(method, target, body);
  }
  std::vector<std::pair<std::string, std::string>> ws_headers(std::uint16_t port) const {
    std::string cookie;
    for (const auto& [k, v] : http->cookies()) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    return {{"Cookie", cookie}, {"Origin", "http://127.0.0.1:" + std::to_string(port)}};
  }
};

inline Person person(TestServer& server, const std::string& name, const std::string& role = "resident") {
  const std::string email = name + "@teststadt.test";
  auto r = run_quartier({"-c", server.config_path().string(), "user", "add", "--email", email, "--name", name, "--role", role});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.output, m, std::regex("password: ([A-Z0-9-]+)")));
  Person p;
  p.password = m[1];
  p.http = std::make_unique<HttpClient>(server.port());
  auto login = p.http->send_json("POST", "/api/auth/login", {{"email", email}, {"password", std::string(m[1])}});
  INFO(login.body);
  REQUIRE(login.status == 200);
  p.http->csrf_token = std::string(login.json().at("csrf_token").as_string());
  p.id = p.http->get("/api/me").json().at("user").at("id").as_int64();
  return p;
}

// The same-origin header a browser sends with a WebSocket upgrade.
inline std::vector<std::pair<std::string, std::string>> origin(std::uint16_t port) {
  return {{"Origin", "http://127.0.0.1:" + std::to_string(port)}};
}

// The next frame that is JSON with "type" == type (others skipped); fails after 30 s of nothing.
inline boost::json::object frame_of(WsClient& ws, const std::string& type) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    auto f = ws.receive(std::chrono::milliseconds(500));
    if (!f) {
      if (ws.closed()) FAIL("socket closed while waiting for '" << type << "': " << ws.close_reason());
      continue;
    }
    boost::system::error_code ec;
    auto v = boost::json::parse(*f, ec);
    if (ec || !v.is_object()) continue;
    const auto* t = v.as_object().if_contains("type");
    if (t && t->is_string() && t->as_string() == type) return v.as_object();
  }
  FAIL("no '" << type << "' frame within 30 s");
  return {};
}

// The next text frame, whatever it is (30 s at most).
inline std::string next_text(WsClient& ws) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto f = ws.receive(std::chrono::milliseconds(500))) return *f;
    if (ws.closed()) return "";
  }
  return "";
}

// Reads until the server closes the socket; returns "<code> <reason>".
inline std::string wait_closed(WsClient& ws) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!ws.closed() && std::chrono::steady_clock::now() < deadline) ws.receive(std::chrono::milliseconds(500));
  return ws.close_reason();
}

// The HTTP status and body of a refused upgrade ("" when it was accepted).
inline std::string refusal(std::uint16_t port, const std::string& path, std::vector<std::pair<std::string, std::string>> headers) {
  try {
    WsClient ws(port, path, std::move(headers));
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

inline std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

// Creates a room and returns its JSON (201 required).
inline boost::json::object create_room(Person& owner, boost::json::object body) {
  auto r = owner.send("POST", "/api/p/video/rooms", body);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().as_object();
}

// A guest pass for a room (201 required): the core's token and the plugin's room pass.
struct GuestPass {
  std::string token, pass;
};

inline GuestPass guest_parts(HttpClient& http, const std::string& slug, const std::string& name) {
  auto r = http.send_json("POST", "/api/p/video/rooms/" + slug + "/guest", {{"name", name}});
  INFO(r.body);
  REQUIRE(r.status == 201);
  return {str(r.json().at("token")), str(r.json().at("pass"))};
}

// A guest pass as the socket's query wants it after "guest=": "<token>&pass=<room pass>".
inline std::string guest_pass(HttpClient& http, const std::string& slug, const std::string& name) {
  auto p = guest_parts(http, slug, name);
  return p.token + "&pass=" + p.pass;
}

inline std::string signal_path(const std::string& slug, const std::string& token = "") {
  return "/api/p/video/signal?room=" + slug + (token.empty() ? "" : "&guest=" + token);
}

}  // namespace qt::test::video
