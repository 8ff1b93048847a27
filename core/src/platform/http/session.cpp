// One HTTP/1.1 connection (server_impl.hpp's Session): read, match once, handle, write, again.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <limits>
#include <random>

#include <fmt/format.h>

#include "platform/http/encoding/gzip.hpp"
#include "platform/http/files/range_body.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/server_impl.hpp"
#include "platform/http/url_decode.hpp"
#include "platform/log/log.hpp"

namespace qt::http {

namespace {

std::string make_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

// The answer's headers onto a Beast message. Set-Cookie may repeat (RFC 6265 section 3: one
// cookie per header), every other name is set once.
template <class Message>
void copy_headers(Message& m, const std::vector<Header>& headers) {
  for (const auto& h : headers) {
    if (beast::iequals(h.name, "set-cookie"))
      m.insert(h.name, h.value);
    else
      m.set(h.name, h.value);
  }
}

// The Beast message for an answer with a file body (a byte range of it for a 206); nullopt
// when the file cannot be opened. `bytes` is what goes over the wire (0 for HEAD and 304).
std::optional<bhttp::message_generator> file_message(const Response& res, unsigned version, bool keep_alive,
                                                     bool head, std::uint64_t& bytes) {
  RangeFileBody::value_type body;
  beast::error_code ec;
  body.file.open(res.file->c_str(), beast::file_mode::scan, ec);
  if (ec) return std::nullopt;
  const auto size = body.file.size(ec);
  if (ec) return std::nullopt;
  body.offset = std::min(res.file_offset, size);
  body.length = std::min(res.file_length.value_or(size), size - body.offset);
  const auto status = static_cast<bhttp::status>(res.status);
  if (res.status == 304 || head) {
    bhttp::response<bhttp::empty_body> e{status, version};
    copy_headers(e, res.headers);
    if (res.status != 304) e.content_length(body.length);
    e.keep_alive(keep_alive);
    bytes = 0;
    return bhttp::message_generator(std::move(e));
  }
  bhttp::response<RangeFileBody> r{status, version};
  copy_headers(r, res.headers);
  bytes = body.length;
  r.body() = std::move(body);
  r.prepare_payload();
  r.keep_alive(keep_alive);
  return bhttp::message_generator(std::move(r));
}

// The Beast message for an answer with a string body (moved out of res).
bhttp::message_generator string_message(Response& res, unsigned version, bool keep_alive, bool head,
                                        std::uint64_t& bytes) {
  bhttp::response<bhttp::string_body> r{static_cast<bhttp::status>(res.status), version};
  copy_headers(r, res.headers);
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
  return bhttp::message_generator(std::move(r));
}

}  // namespace

Session::~Session() { server_.metrics.connection_closed(); }

void Session::start() {
  server_.metrics.connection_opened();
  asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read_header, shared_from_this()));
}

void Session::shutdown() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->ws_) {
      self->ws_->close();
    } else if (!self->busy_) {
      self->close();
    }
  });
}

bool Session::evict() {
  if (evicted_.exchange(true)) return false;
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (!self->busy_ && !self->ws_ && self->idle_since() != 0)
      self->close();
    else
      self->evicted_ = false;  // a request came first: it may be chosen again when idle
  });
  return true;
}

void Session::read_header() {
  if (server_.stopping) return close();
  idle_since_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
  busy_ = false;
  file_parser_.reset();
  body_file_.reset();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
  // The route's own limit is set once the header names the route (on_header).
  body_limit_ = server_.options.max_body_bytes;
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  stream_.expires_after(server_.options.read_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code ec, std::size_t) {
  idle_since_.store(0, std::memory_order_relaxed);
  if (ec == bhttp::error::header_limit)
    return send_error(431, "headers_too_large",
                      "Die Kopfzeilen der Anfrage sind zu groß. / The request headers are too large.", true);
  // A Content-Length over every route's limit is caught while parsing the header.
  if (ec == bhttp::error::body_limit) return reject_body();
  // A peer that leaves in the middle of its header hears nothing (and is not logged as a request).
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return close();
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
    fail(ec, "read header");
    return close();
  }
  if (ec)
    return send_error(400, "bad_request", "Die Anfrage ist kein gültiges HTTP. / The request is not valid HTTP.", true);
  busy_ = true;
  started_ = Clock::now();
  match_route();
  parser_->body_limit(body_limit_);
  if (auto len = parser_->content_length(); len && *len > body_limit_) return reject_body();
  if (ws::is_upgrade(parser_->get())) return upgrade();
  if (match_.kind == Match::Kind::found && !match_.route->options.body_dir.empty() && !stream_to_file()) return;
  continue_or_read_body();
}

// The body goes to a new temporary file in the route's body_dir instead of memory: the header
// parser becomes a file parser (Beast carries the parsed header and limits over).
bool Session::stream_to_file() {
  const auto& dir = match_.route->options.body_dir;
  std::error_code fec;
  std::filesystem::create_directories(dir, fec);
  auto file = std::make_shared<BodyFile>();
  file->path = dir / ("upload-" + make_request_id() + ".part");
  file_parser_.emplace(std::move(*parser_));
  parser_.reset();
  file_parser_->body_limit(body_limit_);
  beast::error_code ec;
  file_parser_->get().body().open(file->path.c_str(), beast::file_mode::write_new, ec);
  if (ec) {
    log::error("cannot create the file for an upload", {{"path", file->path.string()}, {"error", ec.message()}});
    file->path.clear();
    send_error(507, "storage_unavailable",
               "Die Datei kann gerade nicht gespeichert werden; bitte später erneut versuchen. / The file cannot be "
               "stored right now; please try again later.",
               true);
    return false;
  }
  body_file_ = std::move(file);
  return true;
}

// The one match of this request: its lane (handle()), its body limit (now), and what the
// dispatcher gets. The path is decoded here once and reused by to_request().
void Session::match_route() {
  const auto& req = parser_->get();
  const auto target = std::string_view(req.target());
  auto decoded = decode_path(target.substr(0, target.find('?')));
  path_ = decoded ? std::move(*decoded) : std::string();
  match_ = decoded && server_.matcher ? server_.matcher(req.method_string(), path_) : Match{};
  if (match_.kind == Match::Kind::found && match_.route->options.max_body_bytes)
    body_limit_ = match_.route->options.max_body_bytes;
}

void Session::continue_or_read_body() {
  const auto& req = file_parser_ ? file_parser_->get().base() : parser_->get().base();
  if (!bhttp::token_list(req[bhttp::field::expect]).exists("100-continue")) return read_body();
  auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, req.version());
  bhttp::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code ec, std::size_t) {
    if (ec) {
      fail(ec, "write 100-continue");
      return self->close();
    }
    self->read_body();
  });
}

// 413 before (or while) the body is read. The client may still be sending it: closing at once
// would reset the connection and the browser would show a network error instead of this answer,
// so the rest is read and dropped for a while first (linger()).
void Session::reject_body() {
  const double mib = static_cast<double>(body_limit_) / (1024.0 * 1024.0);
  linger_ = true;
  send_error(413, "body_too_large",
             fmt::format("Der Inhalt der Anfrage ist größer als hier erlaubt (höchstens {:.1f} MiB, {} Bytes); bitte "
                         "eine kleinere Datei oder weniger Text senden. / The request body is larger than allowed "
                         "here (at most {:.1f} MiB, {} bytes); please send a smaller file or less text.",
                         mib, body_limit_, mib, body_limit_),
             true, boost::json::object{{"limit", body_limit_}});
}

void Session::read_body() {
  if (file_parser_) return read_file_part();
  bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_body, shared_from_this()));
}

// A body on its way to disk may take long (1 GiB over a phone's connection): the read timeout
// then applies to each piece, not to the whole body, so only a stalled upload times out.
void Session::read_file_part() {
  // An empty body (Content-Length: 0) is complete with the header: reading would wait for bytes
  // that never come.
  if (file_parser_->is_done()) return on_body({}, 0);
  stream_.expires_after(server_.options.read_timeout);
  bhttp::async_read_some(stream_, buffer_, *file_parser_, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    if (ec || self->file_parser_->is_done()) return self->on_body(ec, n);
    self->read_file_part();
  });
}

void Session::on_body(beast::error_code ec, std::size_t) {
  if (ec == bhttp::error::body_limit) return reject_body();
  // On a read timeout the stream has already closed the socket, and a peer that went away hears
  // nothing: close. A body that is not valid HTTP (a malformed chunk) gets a 400 first.
  if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
      ec == asio::error::operation_aborted || ec == asio::error::connection_reset || ec == asio::error::eof) {
    fail(ec, "read body");
    return close();
  }
  if (ec)
    return send_error(400, "bad_request",
                      "Der Inhalt der Anfrage ist kein gültiges HTTP (z. B. ein fehlerhafter Chunk). / The request "
                      "body is not valid HTTP (e.g. a malformed chunk).",
                      true);
  handle();
}

Request Session::to_request(const bhttp::request_header<>& br) {
  Request req;
  req.method = std::string(br.method_string());
  req.target = std::string(br.target());
  if (const auto q = req.target.find('?'); q != std::string::npos) req.query = req.target.substr(q + 1);
  req.path = std::move(path_);
  for (const auto& f : br) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.push_back({std::move(name), std::string(f.value())});
  }
  req.remote_address = remote_;
  if (!server_.proxies.empty()) {
    std::string forwarded, standard;
    for (const auto& [name, value] : req.headers) {
      if (name == "x-forwarded-for") forwarded += (forwarded.empty() ? "" : ",") + value;
      if (name == "forwarded") standard += (standard.empty() ? "" : ",") + value;
    }
    // X-Forwarded-For first (what the documented nginx site sets); the RFC 7239 header otherwise.
    if (forwarded.empty() && !standard.empty()) forwarded = TrustedProxies::forwarded_for_of(standard);
    req.remote_address = server_.proxies.client_address(remote_, forwarded);
  }
  req.request_id = make_request_id();
  req.tls = server_.options.tls_public;
  return req;
}

void Session::handle() {
  if (file_parser_) {
    auto br = file_parser_->release();
    file_parser_.reset();
    br.body().close();
    Request req = to_request(br);
    std::error_code fec;
    body_file_->size = std::filesystem::file_size(body_file_->path, fec);
    req.body_file = std::move(body_file_);
    return proceed(std::move(req), Reply{br.version(), br.keep_alive(), br.method() == bhttp::verb::head});
  }
  auto br = parser_->release();
  Request req = to_request(br);
  req.body = std::move(br.body());
  proceed(std::move(req), Reply{br.version(), br.keep_alive(), br.method() == bhttp::verb::head});
}

void Session::proceed(Request req, Reply reply) {
  if (req.path.empty() || req.path.front() != '/') {
    req.route_pattern = "invalid";
    return write(Response::error(400, "bad_path", "Der Pfad der Anfrage ist ungültig. / The request path is invalid."),
                 req, reply);
  }
  if (match_.kind == Match::Kind::found && match_.route->options.lane != Lane::io)
    return handle_off(match_.route->options.lane, std::move(req), reply);
  Response res = server_.dispatcher(req, match_);
  write(std::move(res), req, reply);
}

// A slow handler runs in its lane off the I/O threads; the answer is written back on this
// connection's strand. The I/O thread is free meanwhile (the connection reads nothing until then).
void Session::handle_off(Lane lane, Request req, Reply reply) {
  if (!server_.lanes.admit(lane)) {
    req.route_pattern = "busy";
    auto res = Response::error(503, "busy",
                               "Der Server ist gerade ausgelastet; bitte in einigen Sekunden erneut versuchen. / "
                               "The server is busy; please try again in a few seconds.");
    res.set_header("Retry-After", "2");
    return write(std::move(res), req, reply);
  }
  auto job = [self = shared_from_this(), req = std::move(req), match = std::move(match_), reply]() mutable {
    Response res = self->server_.dispatcher(req, match);
    asio::post(self->stream_.get_executor(), [self, req = std::move(req), res = std::move(res), reply]() mutable {
      self->write(std::move(res), req, reply);
    });
  };
  server_.lanes.post(lane, std::move(job));
}

void Session::upgrade() {
  auto br = parser_->release();
  Request req = to_request(br);
  auto it = server_.websockets.find(req.path);
  if (it == server_.websockets.end()) {
    req.route_pattern = "websocket_not_found";
    return write(Response::error(404, "not_found", "Keinen WebSocket unter diesem Pfad. / No WebSocket at this path."),
                 req, Reply{br.version(), false, false});
  }
  req.route_pattern = it->first;
  auto result = it->second(req);
  if (auto* refusal = std::get_if<Response>(&result))
    return write(std::move(*refusal), req, Reply{br.version(), false, false});
  log_request(req, 101, 0);
  stream_.expires_never();
  auto self = shared_from_this();
  ws_ = std::make_shared<WsConnection>(ws::stream<beast::tcp_stream>(std::move(stream_)),
                                       std::move(std::get<WsEndpoint>(result)), [self] { self->server_.remove(self); });
  ws_->start(std::move(br));
}

void Session::send_error(int status, std::string_view code, std::string_view message, bool close_after,
                         const boost::json::value& details) {
  Request req;
  req.method = parser_ && parser_->is_header_done() ? std::string(parser_->get().method_string()) : "-";
  req.route_pattern = "rejected";
  req.request_id = make_request_id();
  if (started_ == Clock::time_point{}) started_ = Clock::now();
  write(details.is_null() ? Response::error(status, code, message) : Response::error(status, code, message, details),
        req, Reply{11, !close_after, false});
}

void Session::write(Response res, const Request& req, Reply reply) {
  apply_security_headers(res, server_.security, req.path);
  res.set_header("X-Request-Id", req.request_id);
  const bool keep_alive = reply.keep_alive && !server_.stopping && !server_.draining;
  std::uint64_t bytes = 0;
  std::optional<bhttp::message_generator> msg;
  if (res.file) {
    msg = file_message(res, reply.version, keep_alive, reply.head, bytes);
    if (!msg) {
      res = Response::error(500, "internal", "Interner Fehler. / Internal error.");
      apply_security_headers(res, server_.security, req.path);
    }
  }
  if (!msg) {
    if (!reply.head) compress_answer(res, req.header("accept-encoding"));
    msg.emplace(string_message(res, reply.version, keep_alive, reply.head, bytes));
  }
  log_request(req, res.status, bytes);
  auto on_written = [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
    if (ec) fail(ec, "write");
    if (ec || !keep_alive) return self->close();
    self->read_header();
  };
  beast::async_write(stream_, std::move(*msg), std::move(on_written));
}

void Session::log_request(const Request& req, int status, std::uint64_t bytes) {
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

void Session::close() {
  if (linger_) return linger();
  busy_ = false;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
  server_.remove(shared_from_this());
}

// After a 413: stop sending, read and drop what the client still sends (at most 64 MiB or
// 10 s), then close. See reject_body().
void Session::linger() {
  linger_ = false;
  busy_ = false;  // nothing left to answer: a shutdown may close it at once
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return close();
  stream_.expires_after(std::chrono::seconds(10));
  drain_ = std::make_unique<std::array<char, 16 * 1024>>();
  drain_some(0);
}

void Session::drain_some(std::uint64_t drained) {
  if (drained > 64 * 1024 * 1024 || server_.stopping) return close();
  auto on_read = [self = shared_from_this(), drained](beast::error_code ec, std::size_t n) {
    if (ec) return self->close();
    self->drain_some(drained + n);
  };
  stream_.async_read_some(asio::buffer(*drain_), std::move(on_read));
}

}  // namespace qt::http
