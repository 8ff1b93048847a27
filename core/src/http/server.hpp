#pragma once
// The HTTP/1.1 server on Boost.Beast: async, one io_context run by N threads, keep-alive,
// limits on header size, body size and read time, WebSocket upgrades, graceful shutdown.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/websocket.hpp"

namespace qt::http {

class Metrics;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = ephemeral
  int threads = 0;            // 0 = one per core
  std::size_t max_header_bytes = 16 * 1024;
  std::uint64_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  bool access_log = true;
  bool tls_public = false;  // public URL is https: HSTS, secure cookies
  // Lane::cpu requests run on this many extra threads (0 = one per core) at a lower CPU
  // priority, Lane::wait requests on wait_threads; at most *_queue of each wait or run at once,
  // beyond that the answer is 503 with Retry-After.
  int cpu_threads = 0;
  std::size_t cpu_queue = 128;
  int wait_threads = 16;
  std::size_t wait_queue = 1024;
};

// The lane of a request's handler (the App asks the router's RouteOptions).
using LaneCheck = std::function<Lane(std::string_view method, std::string_view path)>;
// The body limit of a request's route in bytes, 0 = ServerOptions::max_body_bytes (the App asks
// the router's RouteOptions). Asked once the header is read, before any of the body.
using BodyLimitCheck = std::function<std::uint64_t(std::string_view method, std::string_view path)>;

// Turns a request into a response; must not throw (the App converts errors to JSON).
// Sets req.route_pattern for logs and metrics.
using Dispatcher = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, Dispatcher dispatcher, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Requests it puts in Lane::cpu or Lane::wait are handled on those pools (set before run()).
  void set_lane_check(LaneCheck check);
  // Routes that take larger (or smaller) bodies than max_body_bytes (set before run()).
  void set_body_limit_check(BodyLimitCheck check);

  // path -> handler, matched exactly, for GET requests that ask to upgrade.
  void add_websocket(std::string path, UpgradeHandler handler);

  // Binds (throws std::system_error with a clear message if the address is taken) and returns
  // the bound port.
  std::uint16_t listen();
  // Runs until stop() or SIGINT/SIGTERM, then shuts down gracefully. Returns when done.
  void run(const std::function<void()>& on_ready = {});
  // Begins a graceful shutdown; safe from any thread.
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace qt::http
