#pragma once
// What the server's files share (internal to platform/http): Server::Impl, the lanes, the HTTP
// session, the WebSocket connection and fail(). server.cpp accepts, runs and shuts down;
// session.cpp reads requests and writes answers; ws_connection.cpp carries an upgraded
// connection; lanes.cpp runs slow handlers off the I/O threads.
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "platform/http/forwarded.hpp"
#include "platform/http/security_headers.hpp"
#include "platform/http/server.hpp"
#include "platform/log/throttle.hpp"
#include "platform/net/admission.hpp"

namespace qt::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ws = boost::beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Logs a network error of a connection or of the acceptor, as Beast's examples do. What peers do
// every day (close, reset, time out) goes to the debug log; the server's own trouble (out of file
// descriptors or memory) is a warning the operator must see.
void fail(beast::error_code ec, std::string_view what);

// The pools of router.hpp's Lane::cpu and Lane::wait. Each admits at most its queue limit of
// handlers (waiting or running); beyond that the caller answers 503.
class Lanes {
 public:
  // Creates the pools (run() calls it when a matcher is set, so the lanes can be used).
  void start(const ServerOptions& o);
  // Handlers in flight finish; the pools' threads end.
  void join();

  // Takes a place in the lane's queue; false when it is full. Each admitted job is post()ed.
  bool admit(Lane lane) {
    Pool& p = pool(lane);
    if (p.pending.fetch_add(1) < p.limit) return true;
    p.pending.fetch_sub(1);
    return false;
  }
  // Runs an admitted job() on the lane's pool and gives its place back. A template, so a request
  // and its match move into the pool's handler without another allocation.
  template <class Job>
  void post(Lane lane, Job&& job) {
    Pool& p = pool(lane);
    asio::post(*p.pool, [&p, job = std::forward<Job>(job)]() mutable {
      p.lower_priority();
      job();
      p.pending.fetch_sub(1);
    });
  }

 private:
  struct Pool {
    std::unique_ptr<asio::thread_pool> pool;
    std::size_t limit = 0;
    int nice = 0;                         // added to the threads' nice value (cpu lane only)
    std::atomic<std::size_t> pending{0};  // waiting or running there
    void lower_priority() const;
  };
  Pool& pool(Lane lane) { return lane == Lane::cpu ? cpu_ : wait_; }
  Pool cpu_, wait_;
};

class Session;

struct Server::Impl {
  ServerOptions options;
  Dispatcher dispatcher;
  Matcher matcher;
  Metrics& metrics;
  SecurityPolicy security;
  std::map<std::string, UpgradeHandler, std::less<>> websockets;

  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::atomic<bool> stopping{false};  // no new connections, finishing in flight
  std::atomic<bool> draining{false};  // shutdown begun, still accepting (ServerOptions::drain)
  std::unique_ptr<asio::steady_timer> drain_timer;

  std::mutex sessions_mutex;
  std::set<std::shared_ptr<Session>> sessions;  // HTTP and WebSocket connections alive now

  Lanes lanes;  // started by run() when a matcher is set

  TrustedProxies proxies;

  // Guarded by sessions_mutex.
  net::Admission admission;
  // Accepting pauses briefly when the process is out of descriptors (else accept fails at once,
  // again and again); both conditions are logged at most every 10 s.
  asio::steady_timer accept_pause{io};
  log::Throttle descriptors_log{std::chrono::seconds(10)};
  log::Throttle refused_log{std::chrono::seconds(10)};

  Impl(ServerOptions o, Dispatcher d, Metrics& m)
      : options(std::move(o)),
        dispatcher(std::move(d)),
        metrics(m),
        proxies(options.trusted_proxies),
        admission({options.max_connections, options.max_connections_per_address}) {
    security.hsts = options.tls_public;
    security.pages = options.page_policies;
  }

  void accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void admit(tcp::socket socket);
  void pause_accepting(beast::error_code ec);
  bool evict_idlest();  // with sessions_mutex held
  void begin_shutdown();
  void stop_accepting();
  void on_signal(beast::error_code ec);
  void wait_for_drain(Clock::time_point deadline);
  void remove(const std::shared_ptr<Session>& s);
};

// An upgraded connection: queues outgoing text frames and writes one at a time on the
// connection's strand; hands incoming messages to the endpoint.
class WsConnection : public WsSender, public std::enable_shared_from_this<WsConnection> {
 public:
  WsConnection(ws::stream<beast::tcp_stream> stream, WsEndpoint endpoint, std::function<void()> on_finished);

  void start(bhttp::request<bhttp::string_body> upgrade_request);
  void send(std::string text) override;
  void close() override;
  bool open() const override { return open_; }
  void close_with(std::uint16_t code, std::string reason) override;

 private:
  void on_accept(beast::error_code ec);
  void read();
  void write_next();
  void finish();
  void close_now(ws::close_reason reason);

  ws::stream<beast::tcp_stream> ws_;
  WsEndpoint endpoint_;
  std::function<void()> on_finished_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  std::atomic<bool> open_{false};
  bool closing_ = false;
  bool finished_ = false;
  std::optional<ws::close_reason> close_after_queue_;  // close_with: after the queued frames
};

// One HTTP/1.1 connection: reads a request, matches its route once, runs the handler (on the I/O
// thread or in its lane), writes the answer, and again while keep-alive lasts; hands itself over
// to a WsConnection on an accepted upgrade.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server, std::string address)
      : stream_(std::move(socket)), server_(server), remote_(std::move(address)) {}
  ~Session();

  void start();
  // From the shutdown path: close now if idle, else after the response in flight.
  void shutdown();

  const std::string& address() const { return remote_; }
  // Since when the connection waits for a request (steady clock ticks), 0 while one is handled
  // or after a WebSocket upgrade: the admission closes the one idle longest to make room.
  std::int64_t idle_since() const { return idle_since_.load(std::memory_order_relaxed); }
  // Closes the connection if it is still idle when its strand gets to it; false if it was
  // already chosen once.
  bool evict();
  bool evicting() const { return evicted_.load(std::memory_order_relaxed); }

 private:
  // What write() needs of the request besides the Request itself.
  struct Reply {
    unsigned version = 11;
    bool keep_alive = false;
    bool head = false;
  };

  void read_header();
  void on_header(beast::error_code ec, std::size_t);
  void match_route();
  void continue_or_read_body();
  void reject_body();
  bool stream_to_file();
  void read_body();
  void read_file_part();
  void on_body(beast::error_code ec, std::size_t);
  Request to_request(const bhttp::request_header<>& br);
  void handle();
  void proceed(Request req, Reply reply);
  void handle_off(Lane lane, Request req, Reply reply);
  void upgrade();
  void send_error(int status, std::string_view code, std::string_view message, bool close_after,
                  const boost::json::value& details = nullptr);
  void write(Response res, const Request& req, Reply reply);
  void log_request(const Request& req, int status, std::uint64_t bytes);
  void close();
  void linger();
  void drain_some(std::uint64_t drained);

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  // On a route with a body_dir the header parser becomes this one, writing the body to
  // body_file_ (removed with the last Request holding it, or when the connection ends).
  std::optional<bhttp::request_parser<bhttp::file_body>> file_parser_;
  std::shared_ptr<BodyFile> body_file_;
  std::shared_ptr<WsConnection> ws_;
  std::string remote_;
  // The request being read: its decoded path (empty if invalid) and its route, matched once.
  std::string path_;
  Match match_;
  Clock::time_point started_{};
  bool busy_ = false;
  std::uint64_t body_limit_ = 0;  // of the request being read
  bool linger_ = false;
  std::unique_ptr<std::array<char, 16 * 1024>> drain_;
  std::atomic<std::int64_t> idle_since_{0};
  std::atomic<bool> evicted_{false};
};

}  // namespace qt::http
