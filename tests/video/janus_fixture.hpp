#pragma once
// A real Janus (Debian's janus package) on the loopback for the SFU tests, started by
// tests/video/janus/janus_loopback.sh with a generated minimal configuration (VideoRoom only, HTTP
// and WebSocket transports on 127.0.0.1, ICE on the loopback, stored tokens required on every
// request, the admin API on 127.0.0.1 with a secret), a client of its HTTP API that plays a browser
// (a session, a VideoRoom handle, requests, keepalives) and one request to its admin API.
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "http_client.hpp"
#include "temp_dir.hpp"

namespace qt::test::video {

class LoopbackJanus {
 public:
  static constexpr const char* kAdminKey = "room-admin-key-for-tests";
  static constexpr const char* kAdminSecret = "admin-secret-for-tests";
  static constexpr int kSessionTimeout = 60;  // janus.jcfg session_timeout (s)
  LoopbackJanus();  // fails the test when janus is not installed or does not answer within 30 s
  ~LoopbackJanus();
  LoopbackJanus(const LoopbackJanus&) = delete;
  LoopbackJanus& operator=(const LoopbackJanus&) = delete;
  std::uint16_t http_port() const { return http_port_; }
  // A request to Janus's admin API (admin_secret added) at "" or "/<session>[/<handle>]".
  boost::json::object admin(const std::string& path, boost::json::object body) const;
  // The ids of the sessions Janus has now (admin list_sessions).
  std::vector<std::int64_t> sessions() const;
  // The [plugins.video] lines that point Quartier at this Janus.
  std::string plugin_toml() const;

 private:
  TempDir dir_;
  std::uint16_t http_port_ = 0, ws_port_ = 0, admin_port_ = 0;
  pid_t pid_ = -1;
};

// What Janus answered: the whole message, and for plugin requests the VideoRoom's data.
struct JanusAnswer {
  boost::json::object message;
  boost::json::object data;
  int error_code() const;  // Janus's or the VideoRoom's error code, 0 = none
};

// A client that talks to Janus like a browser would (over HTTP instead of the WebSocket).
class JanusClient {
 public:
  JanusClient(std::uint16_t port, std::string token);
  // Creates the session and attaches the VideoRoom; false (with the answer) when Janus refused.
  JanusAnswer open();
  // A VideoRoom request; join requests answer through an event, which this waits for.
  JanusAnswer request(boost::json::object body);
  // A keepalive (what keeps a session alive in Janus) with this client's token, on its own session
  // or on `other`'s.
  JanusAnswer keepalive(std::int64_t other = 0);
  std::int64_t session() const { return session_; }

 private:
  JanusAnswer post(const std::string& path, boost::json::object msg);
  HttpClient http_;
  std::string token_;
  std::int64_t session_ = 0, handle_ = 0;
};

}  // namespace qt::test::video
