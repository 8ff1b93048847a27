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
#include <vector>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"
#include "platform/http/security_headers.hpp"
#include "platform/http/websocket.hpp"

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
  // After SIGTERM, keep accepting and serving this long while shutting_down() is true (so
  // /readyz answers 503 and load balancers take the node out), answering with Connection: close;
  // then stop accepting and finish in flight. A second SIGTERM/SIGINT ends the drain at once.
  std::chrono::seconds drain{0};
  bool access_log = true;
  bool tls_public = false;  // public URL is https: HSTS, secure cookies
  // Proxies whose X-Forwarded-For names the client (IP addresses or CIDR networks; see forwarded.hpp).
  std::vector<std::string> trusted_proxies;
  // Connections open at once (0 = no cap; the App derives it from the open-files limit) and from
  // one client address (0 = no cap; trusted proxies are exempt). Beyond the total the connection
  // idle longest is closed to make room; beyond the per-address cap the new one is.
  std::size_t max_connections = 0;
  std::size_t max_connections_per_address = 0;
  // Lane::cpu requests run on this many extra threads (0 = one per core) at a lower CPU
  // priority, Lane::wait requests on wait_threads; at most *_queue of each wait or run at once,
  // beyond that the answer is 503 with Retry-After.
  int cpu_threads = 0;
  std::size_t cpu_queue = 128;
  int wait_threads = 16;
  std::size_t wait_queue = 1024;
  // Pages that may use the camera and microphone (security_headers.hpp), from plugins.
  std::vector<PagePolicy> page_policies;
};

// Matches a request's method and (decoded) path to its route, once per request, as soon as the
// header is read: the route's RouteOptions say the lane its handler runs in and the largest body
// it takes, and the dispatcher gets the same match. The App passes Router::match.
using Matcher = std::function<Match(std::string_view method, std::string_view path)>;

// Turns a request into a response; must not throw (the App converts errors to JSON).
// `match` is the Matcher's answer for req.method and req.path (not_found without a Matcher); the
// dispatcher may move its params. Sets req.route_pattern for logs and metrics.
using Dispatcher = std::function<Response(Request&, Match&)>;

// True on the server's I/O threads (handlers of Lane::io routes run there): code that would
// block for long (outbound HTTP) refuses to run on them.
bool on_io_thread() noexcept;

class Server {
 public:
  Server(ServerOptions options, Dispatcher dispatcher, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Set before run(). Without it every request runs on the I/O threads with max_body_bytes and
  // the dispatcher gets a not_found match. A route in Lane::cpu or Lane::wait runs on that pool;
  // a route's max_body_bytes (0 = the server's) replaces the server's limit.
  void set_matcher(Matcher matcher);

  // path -> handler, matched exactly, for GET requests that ask to upgrade.
  void add_websocket(std::string path, UpgradeHandler handler);

  // Binds (throws std::system_error with a clear message if the address is taken) and returns
  // the bound port.
  std::uint16_t listen();
  // Runs until stop() or SIGINT/SIGTERM, then shuts down gracefully. Returns when done.
  void run(const std::function<void()>& on_ready = {});
  // Begins a graceful shutdown; safe from any thread.
  void stop();
  // True from the first SIGTERM/SIGINT or stop() on, through the drain and the grace period.
  bool shutting_down() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace qt::http
