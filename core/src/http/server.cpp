#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>

#include "http/metrics.hpp"
#include "http/security_headers.hpp"
#include "http/url_decode.hpp"
#include "log/log.hpp"

namespace qt::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ws = boost::beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::string make_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

class Session;

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Dispatcher dispatcher;
  Metrics& metrics;
  SecurityPolicy security;
  std::map<std::string, UpgradeHandler, std::less<>> websockets;

  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::atomic<bool> stopping{false};

  std::mutex sessions_mutex;
  std::set<std::shared_ptr<Session>> sessions;  // HTTP and WebSocket connections alive now

  // Handlers off the I/O threads (router.hpp's Lane), created by run() when lanes is set.
  struct OffPool {
    std::unique_ptr<asio::thread_pool> pool;
    std::size_t limit = 0;
    int nice = 0;
    std::atomic<std::size_t> pending{0};  // waiting or running there
  };
  LaneCheck lanes;
  BodyLimitCheck body_limits;
  OffPool cpu_pool, wait_pool;

  Impl(ServerOptions o, Dispatcher d, Metrics& m) : options(std::move(o)), dispatcher(std::move(d)), metrics(m) {
    security.hsts = options.tls_public;
  }

  void accept();
  void begin_shutdown();
  void wait_for_drain(Clock::time_point deadline);
  void remove(const std::shared_ptr<Session>& s) {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(s);
  }
};

namespace {

// Queues outgoing WebSocket text frames; writes one at a time on the connection's strand.
class WsConnection : public WsSender, public std::enable_shared_from_this<WsConnection> {
 public:
  WsConnection(ws::stream<beast::tcp_stream> stream, WsEndpoint endpoint, Metrics& metrics,
               std::function<void()> on_finished)
      : ws_(std::move(stream)), endpoint_(std::move(endpoint)), metrics_(metrics), on_finished_(std::move(on_finished)) {}

  void start(bhttp::request<bhttp::string_body> upgrade_request) {
    ws_.set_option(ws::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(64 * 1024);
    ws_.set_option(ws::stream_base::decorator([](ws::response_type& res) {
      res.set(bhttp::field::server, "Quartier");
    }));
    ws_.async_accept(upgrade_request, beast::bind_front_handler(&WsConnection::on_accept, shared_from_this()));
  }

  void send(std::string text) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      if (!self->open_) return;
      // A client that stops reading must not make the server buffer without bound.
      if (self->queue_.size() >= 1024) {
        self->close();
        return;
      }
      self->queue_.push_back(std::move(text));
      if (self->queue_.size() == 1) self->write_next();
    });
  }

  void close() override {
    asio::post(ws_.get_executor(), [self = shared_from_this()] {
      if (!self->open_ || self->closing_) return;
      self->closing_ = true;
      self->ws_.async_close(ws::close_code::going_away, [self](beast::error_code) { self->finish(); });
    });
  }

  bool open() const override { return open_; }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return finish();
    open_ = true;
    if (endpoint_.on_open) endpoint_.on_open(shared_from_this());
    read();
  }

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      if (self->endpoint_.on_message) self->endpoint_.on_message(beast::buffers_to_string(self->buffer_.data()));
      self->buffer_.consume(self->buffer_.size());
      self->read();
    });
  }

  void write_next() {
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      self->queue_.pop_front();
      if (!self->queue_.empty()) self->write_next();
    });
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    open_ = false;
    queue_.clear();
    if (endpoint_.on_close) endpoint_.on_close();
    // Dropping the callback breaks the Session <-> connection reference cycle.
    if (auto done = std::move(on_finished_)) done();
  }

  ws::stream<beast::tcp_stream> ws_;
  WsEndpoint endpoint_;
  Metrics& metrics_;
  std::function<void()> on_finished_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  std::atomic<bool> open_{false};
  bool closing_ = false;
  bool finished_ = false;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {}

  void start() {
    server_.metrics.connection_opened();
    beast::error_code ec;
    const auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read_header, shared_from_this()));
  }

  // From the shutdown path: close now if idle, else after the response in flight.
  void shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->ws_) {
        self->ws_->close();
      } else if (!self->busy_) {
        self->close();
      }
    });
  }

  ~Session() { server_.metrics.connection_closed(); }

 private:
  void read_header() {
    if (server_.stopping) return close();
    busy_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    // The route's own limit is set once the header names the route (on_header).
    body_limit_ = server_.options.max_body_bytes;
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::header_limit)
      return send_error(431, "headers_too_large",
                        "Die Kopfzeilen der Anfrage sind zu groß. / The request headers are too large.", true);
    // A Content-Length over every route's limit is caught while parsing the header.
    if (ec == bhttp::error::body_limit) return reject_body();
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset)
      return close();
    if (ec)
      return send_error(400, "bad_request", "Die Anfrage ist kein gültiges HTTP. / The request is not valid HTTP.", true);
    busy_ = true;
    started_ = Clock::now();
    auto& req = parser_->get();
    const bool has_body = parser_->chunked() || parser_->content_length().value_or(0) > 0;
    if (has_body && server_.body_limits) {
      if (const auto target = std::string_view(req.target()); auto path = decode_path(target.substr(0, target.find('?'))))
        if (const auto route_limit = server_.body_limits(req.method_string(), *path)) body_limit_ = route_limit;
    }
    parser_->body_limit(body_limit_);
    if (auto len = parser_->content_length(); len && *len > body_limit_) return reject_body();

    if (ws::is_upgrade(req)) return upgrade();

    if (bhttp::token_list(req[bhttp::field::expect]).exists("100-continue")) {
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, req.version());
      bhttp::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
        if (e) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  // 413 before (or while) the body is read. The client may still be sending it: closing at once
  // would reset the connection and the browser would show a network error instead of this answer,
  // so the rest is read and dropped for a while first (linger()).
  void reject_body() {
    const double mib = static_cast<double>(body_limit_) / (1024.0 * 1024.0);
    linger_ = true;
    send_error(413, "body_too_large",
               fmt::format("Der Inhalt der Anfrage ist größer als hier erlaubt (höchstens {:.1f} MiB, {} Bytes); bitte "
                           "eine kleinere Datei oder weniger Text senden. / The request body is larger than allowed "
                           "here (at most {:.1f} MiB, {} bytes); please send a smaller file or less text.",
                           mib, body_limit_, mib, body_limit_),
               true, boost::json::object{{"limit", body_limit_}});
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) return reject_body();
    // On a read timeout the stream has already closed the socket: nothing can be answered.
    if (ec) return close();
    handle();
  }

  Request to_request(const bhttp::request<bhttp::string_body>& br) {
    Request req;
    req.method = std::string(br.method_string());
    req.target = std::string(br.target());
    const auto target = std::string_view(req.target);
    const auto q = target.find('?');
    const auto raw_path = target.substr(0, q);
    if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
    if (auto decoded = decode_path(raw_path)) req.path = std::move(*decoded);
    for (const auto& f : br) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.push_back({std::move(name), std::string(f.value())});
    }
    req.remote_address = remote_;
    req.request_id = make_request_id();
    req.tls = server_.options.tls_public;
    return req;
  }

  void handle() {
    auto br = parser_->release();
    Request req = to_request(br);
    req.body = std::move(br.body());
    const unsigned version = br.version();
    const bool keep_alive = br.keep_alive(), head = br.method() == bhttp::verb::head;
    Response res;
    if (req.path.empty() || req.path.front() != '/') {
      res = Response::error(400, "bad_path", "Der Pfad der Anfrage ist ungültig. / The request path is invalid.");
      req.route_pattern = "invalid";
    } else if (const Lane lane = server_.lanes ? server_.lanes(req.method, req.path) : Lane::io; lane != Lane::io) {
      return handle_off(lane == Lane::cpu ? server_.cpu_pool : server_.wait_pool, std::move(req), version,
                        keep_alive, head);
    } else {
      res = server_.dispatcher(req);
    }
    write(std::move(res), req, version, keep_alive, head);
  }

  // A slow handler runs on a pool off the I/O threads; the answer is written back on this
  // connection's strand. The I/O thread is free meanwhile (the connection reads nothing until then).
  void handle_off(Server::Impl::OffPool& off, Request req, unsigned version, bool keep_alive, bool head) {
    if (off.pending.fetch_add(1) >= off.limit) {
      off.pending.fetch_sub(1);
      req.route_pattern = "busy";
      auto res = Response::error(503, "busy",
                                 "Der Server ist gerade ausgelastet; bitte in einigen Sekunden erneut versuchen. / "
                                 "The server is busy; please try again in a few seconds.");
      res.set_header("Retry-After", "2");
      return write(std::move(res), req, version, keep_alive, head);
    }
    asio::post(*off.pool, [self = shared_from_this(), &off, req = std::move(req), version, keep_alive,
                           head]() mutable {
      if (off.nice) {
        // The cpu lane runs at lower priority: when the cores are busy, the I/O threads' short
        // requests go first and a login takes a little longer.
        thread_local const bool lowered =
            setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), off.nice) == 0;
        (void)lowered;
      }
      Response res = self->server_.dispatcher(req);
      off.pending.fetch_sub(1);
      asio::post(self->stream_.get_executor(), [self, req = std::move(req), res = std::move(res), version,
                                                keep_alive, head]() mutable {
        self->write(std::move(res), req, version, keep_alive, head);
      });
    });
  }

  void upgrade() {
    // Read the (empty) rest of the upgrade request, then decide.
    auto br = parser_->release();
    Request req = to_request(br);
    auto it = server_.websockets.find(req.path);
    if (it == server_.websockets.end()) {
      req.route_pattern = "websocket_not_found";
      return write(Response::error(404, "not_found", "Keinen WebSocket unter diesem Pfad. / No WebSocket at this path."),
                   req, br.version(), false, false);
    }
    req.route_pattern = it->first;
    auto result = it->second(req);
    if (auto* refusal = std::get_if<Response>(&result))
      return write(std::move(*refusal), req, br.version(), false, false);
    log_request(req, 101, 0);
    stream_.expires_never();
    auto self = shared_from_this();
    ws_ = std::make_shared<WsConnection>(ws::stream<beast::tcp_stream>(std::move(stream_)),
                                         std::move(std::get<WsEndpoint>(result)), server_.metrics,
                                         [self] { self->server_.remove(self); });
    ws_->start(std::move(br));
  }

  void send_error(int status, std::string_view code, std::string_view message, bool close_after,
                  const boost::json::value& details = nullptr) {
    Request req;
    req.method = parser_ && parser_->is_header_done() ? std::string(parser_->get().method_string()) : "-";
    req.route_pattern = "rejected";
    req.request_id = make_request_id();
    if (started_ == Clock::time_point{}) started_ = Clock::now();
    write(details.is_null() ? Response::error(status, code, message) : Response::error(status, code, message, details),
          req, 11, !close_after, false);
  }

  void write(Response res, const Request& req, unsigned version, bool keep_alive, bool head) {
    apply_security_headers(res, server_.security);
    res.set_header("X-Request-Id", req.request_id);
    keep_alive = keep_alive && !server_.stopping;

    const auto status = static_cast<bhttp::status>(res.status);
    std::optional<bhttp::message_generator> msg;
    std::uint64_t bytes = 0;
    if (res.file) {
      bhttp::file_body::value_type body;
      beast::error_code ec;
      body.open(res.file->c_str(), beast::file_mode::scan, ec);
      if (ec) {
        res = Response::error(500, "internal", "Interner Fehler. / Internal error.");
        apply_security_headers(res, server_.security);
      } else {
        bhttp::response<bhttp::file_body> r{status, version};
        for (const auto& h : res.headers) r.set(h.name, h.value);
        bytes = body.size();
        if (res.status == 304 || head) {
          bhttp::response<bhttp::empty_body> e{status, version};
          for (const auto& h : res.headers) e.set(h.name, h.value);
          if (res.status != 304) e.content_length(bytes);
          e.keep_alive(keep_alive);
          msg.emplace(std::move(e));
          bytes = 0;
        } else {
          r.body() = std::move(body);
          r.prepare_payload();
          r.keep_alive(keep_alive);
          msg.emplace(std::move(r));
        }
      }
    }
    if (!msg) {
      bhttp::response<bhttp::string_body> r{status, version};
      for (const auto& h : res.headers) r.set(h.name, h.value);
      bytes = res.body.size();
      if (res.status == 304 || res.status == 204 || res.status < 200) {
        bytes = 0;
      } else if (head) {
        r.content_length(bytes);
        bytes = 0;
      } else {
        r.body() = std::move(res.body);
        r.prepare_payload();
      }
      r.keep_alive(keep_alive);
      msg.emplace(std::move(r));
    }
    log_request(req, res.status, bytes);
    beast::async_write(stream_, std::move(*msg),
                       [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                         if (ec || !keep_alive) return self->close();
                         self->read_header();
                       });
  }

  void log_request(const Request& req, int status, std::uint64_t bytes) {
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    server_.metrics.observe(req.method, req.route_pattern, status, seconds);
    if (server_.options.access_log)
      log::info("request", {{"method", req.method},
                            {"route", req.route_pattern},
                            {"status", status},
                            {"duration_ms", seconds * 1000.0},
                            {"bytes", static_cast<std::int64_t>(bytes)},
                            {"request_id", req.request_id}});
    started_ = {};
  }

  void close() {
    if (linger_) return linger();
    busy_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
    server_.remove(shared_from_this());
  }

  // After a 413: stop sending, read and drop what the client still sends (at most 64 MiB or
  // 10 s), then close. See reject_body().
  void linger() {
    linger_ = false;
    busy_ = false;  // nothing left to answer: a shutdown may close it at once
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(std::chrono::seconds(10));
    drain_ = std::make_unique<std::array<char, 16 * 1024>>();
    drain_some(0);
  }

  void drain_some(std::uint64_t drained) {
    if (drained > 64 * 1024 * 1024 || server_.stopping) return close();
    stream_.async_read_some(asio::buffer(*drain_),
                            [self = shared_from_this(), drained](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->drain_some(drained + n);
                            });
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<WsConnection> ws_;
  std::string remote_;
  Clock::time_point started_{};
  bool busy_ = false;
  std::uint64_t body_limit_ = 0;  // of the request being read
  bool linger_ = false;
  std::unique_ptr<std::array<char, 16 * 1024>> drain_;
};

}  // namespace

void Server::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || stopping) return;
      log::warn("accept failed", {{"error", ec.message()}});
    } else if (!stopping) {
      socket.set_option(tcp::no_delay(true), ec);
      auto s = std::make_shared<Session>(std::move(socket), *this);
      {
        std::lock_guard lock(sessions_mutex);
        sessions.insert(s);
      }
      s->start();
    }
    if (!stopping) accept();
  });
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  log::info("shutting down: no new connections, finishing requests in flight",
            {{"grace_seconds", static_cast<std::int64_t>(options.shutdown_grace.count())}});
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Session>> all;
  {
    std::lock_guard lock(sessions_mutex);
    all.assign(sessions.begin(), sessions.end());
  }
  for (auto& s : all) s->shutdown();
  wait_for_drain(Clock::now() + options.shutdown_grace);
}

void Server::Impl::wait_for_drain(Clock::time_point deadline) {
  auto timer = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(20));
  timer->async_wait([this, timer, deadline](beast::error_code) {
    std::size_t left;
    {
      std::lock_guard lock(sessions_mutex);
      left = sessions.size();
    }
    if (left == 0) {
      io.stop();
    } else if (Clock::now() >= deadline) {
      log::warn("shutdown grace period over; closing remaining connections",
                {{"connections", static_cast<std::int64_t>(left)}});
      io.stop();
    } else {
      wait_for_drain(deadline);
    }
  });
}

Server::Server(ServerOptions options, Dispatcher dispatcher, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatcher), metrics)) {}

Server::~Server() {
  // Sessions hold references to impl_; drop them before the io_context goes.
  std::set<std::shared_ptr<Session>> left;
  {
    std::lock_guard lock(impl_->sessions_mutex);
    left.swap(impl_->sessions);
  }
  left.clear();
}

void Server::set_lane_check(LaneCheck check) { impl_->lanes = std::move(check); }
void Server::set_body_limit_check(BodyLimitCheck check) { impl_->body_limits = std::move(check); }

void Server::add_websocket(std::string path, UpgradeHandler handler) {
  impl_->websockets.emplace(std::move(path), std::move(handler));
}

std::uint16_t Server::listen() {
  auto& o = impl_->options;
  beast::error_code ec;
  const auto address = asio::ip::make_address(o.host == "localhost" ? "127.0.0.1" : o.host, ec);
  if (ec) throw std::system_error(ec, "cannot use listen address '" + o.host + "'");
  const tcp::endpoint ep{address, o.port};
  auto& a = impl_->acceptor;
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep, ec);
  if (ec)
    throw std::system_error(ec, fmt::format("cannot listen on {}:{} (is another program using the port? change "
                                            "[server] listen)",
                                            o.host, o.port));
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void Server::run(const std::function<void()>& on_ready) {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int) {
    if (!ec) impl.begin_shutdown();
  });
  impl.accept();
  if (on_ready) on_ready();
  int n = impl.options.threads > 0 ? impl.options.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (n < 1) n = 1;
  if (impl.lanes) {
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    const int cpu = impl.options.cpu_threads > 0 ? impl.options.cpu_threads : cores;
    impl.cpu_pool.pool = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(cpu));
    impl.cpu_pool.limit = impl.options.cpu_queue;
    impl.cpu_pool.nice = 5;
    impl.wait_pool.pool = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(std::max(1, impl.options.wait_threads)));
    impl.wait_pool.limit = impl.options.wait_queue;
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([&impl] { impl.io.run(); });
  impl.io.run();
  for (auto& t : threads) t.join();
  // Handlers in flight finish; their answers are dropped.
  for (auto* off : {&impl.cpu_pool, &impl.wait_pool})
    if (off->pool) off->pool->join();
}

void Server::stop() {
  asio::post(impl_->io, [this] { impl_->begin_shutdown(); });
}

}  // namespace qt::http
