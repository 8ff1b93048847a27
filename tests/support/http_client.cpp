#include "http_client.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

namespace qt::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ws = boost::beast::websocket;
using tcp = asio::ip::tcp;

std::optional<std::string> HttpResponse::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return v;
  return std::nullopt;
}

boost::json::value HttpResponse::json() const { return boost::json::parse(body); }

std::string HttpResponse::error_code() const {
  try {
    const auto v = json();
    if (const auto* o = v.if_object())
      if (const auto* e = o->if_contains("error"))
        if (const auto* c = e->as_object().if_contains("code")) return std::string(c->as_string());
  } catch (...) {
  }
  return {};
}

namespace {

// The contract check (tests/contract/check_responses.mjs) validates every JSON response the
// suites received against the OpenAPI description, and every frame WebSocket /api/live sent
// against components/schemas/LiveEvent. With QT_TEST_RESPONSE_LOG set, each one is appended to
// that file as a JSON line; one write() on an O_APPEND file, so parallel tests do not interleave
// lines.
void append_record(boost::json::object line) {
  static const char* file = std::getenv("QT_TEST_RESPONSE_LOG");
  if (!file || !*file) return;
  if (auto* capture = Catch::getCurrentContext().getResultCapture()) line["test"] = capture->getCurrentTestName();
  auto text = boost::json::serialize(line) + "\n";
  int fd = ::open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  [[maybe_unused]] auto n = ::write(fd, text.data(), text.size());
  ::close(fd);
}

void record_response(const std::string& method, const std::string& target, const HttpResponse& res) {
  if (target.rfind("/api/", 0) != 0 || method == "HEAD") return;  // HEAD: no body to check
  auto type = res.header("content-type");
  if (!type || type->find("application/json") == std::string::npos) return;
  if (res.header("content-encoding")) return;  // gzip bytes: the same answer is checked unencoded
  append_record({{"method", method}, {"target", target}, {"status", res.status}, {"body", res.body}});
}

// A text frame the server sent on /api/live (plugins' WebSocket endpoints have no schema here).
void record_live_frame(const std::string& path, const std::string& text) {
  append_record({{"method", "WS"}, {"target", path}, {"status", 101}, {"body", text}});
}

}  // namespace

struct HttpClient::Conn {
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool connected = false;
};

HttpClient::HttpClient(std::uint16_t port, std::string host)
    : conn_(std::make_unique<Conn>()), port_(port), host_(std::move(host)) {}
HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                                 std::vector<std::pair<std::string, std::string>> headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto& c = *conn_;
    if (!c.connected) {
      c.stream.expires_after(std::chrono::seconds(10));
      c.stream.connect(tcp::endpoint(asio::ip::make_address(host_), port_));
      c.connected = true;
      c.buffer.clear();
    }
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, host_ + ":" + std::to_string(port_));
    req.set(bhttp::field::user_agent, "quartier-tests");
    if (!cookies_.empty()) {
      std::string cookie;
      for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
      req.set(bhttp::field::cookie, cookie);
    }
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      req.body() = body;
      req.prepare_payload();
    }
    beast::error_code ec;
    c.stream.expires_after(std::chrono::seconds(30));
    bhttp::write(c.stream, req, ec);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    if (!ec) bhttp::read(c.stream, c.buffer, parser, ec);
    if (ec) {
      // The server may have closed an idle kept-alive connection: reconnect once.
      c.stream.socket().close(ec);
      c.connected = false;
      if (attempt == 0) continue;
      throw std::runtime_error("HTTP " + method + " " + target + " failed: " + ec.message());
    }
    auto res = parser.release();
    HttpResponse out;
    out.status = res.result_int();
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (name == "set-cookie") {
        const std::string v(f.value());
        const auto eq = v.find('='), semi = v.find(';');
        const auto key = v.substr(0, eq);
        const auto val = v.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
        if (val.empty() || v.find("Max-Age=0") != std::string::npos) cookies_.erase(key);
        else cookies_[key] = val;
      }
      out.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    out.body = std::move(res.body());
    record_response(method, target, out);
    if (!res.keep_alive()) {
      c.stream.socket().close(ec);
      c.connected = false;
    }
    return out;
  }
  throw std::runtime_error("unreachable");
}

HttpResponse HttpClient::send_json(const std::string& method, const std::string& target, const boost::json::value& body) {
  std::vector<std::pair<std::string, std::string>> h{{"Content-Type", "application/json"}};
  if (!csrf_token.empty()) h.emplace_back("X-CSRF-Token", csrf_token);
  h.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(port_));
  return request(method, target, boost::json::serialize(body), std::move(h));
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, std::chrono::milliseconds timeout) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  stream.expires_after(timeout);
  beast::error_code ec;
  asio::write(stream.socket(), asio::buffer(bytes), ec);
  std::string out;
  char buf[4096];
  for (;;) {
    stream.expires_after(timeout);
    const auto n = stream.read_some(asio::buffer(buf), ec);
    if (ec) break;
    out.append(buf, n);
  }
  return out;
}

struct WsClient::Impl {
  asio::io_context io;
  ws::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer buffer;
  // A read that timed out stays pending and is picked up by the next receive(): cancelling a
  // WebSocket read would leave the stream unusable.
  bool read_pending = false;
  bool read_done = false;
  bool closed = false;
  std::string message;
  std::string live_path;  // "/api/live...": received frames go to the contract check's log
};

WsClient::WsClient(std::uint16_t port, const std::string& path, std::vector<std::pair<std::string, std::string>> headers)
    : impl_(std::make_unique<Impl>()) {
  auto& lowest = beast::get_lowest_layer(impl_->ws);
  lowest.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  impl_->ws.set_option(ws::stream_base::decorator([headers](ws::request_type& req) {
    for (const auto& [k, v] : headers) req.set(k, v);
  }));
  ws::response_type res;
  beast::error_code ec;
  impl_->ws.handshake(res, "127.0.0.1:" + std::to_string(port), path, ec);
  if (ec) throw std::runtime_error("websocket refused: HTTP " + std::to_string(res.result_int()) + " " + res.body());
  if (path == "/api/live" || path.rfind("/api/live?", 0) == 0) impl_->live_path = path;
}

WsClient::~WsClient() {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().close(ec);
}

void WsClient::send(const std::string& text) { impl_->ws.write(asio::buffer(text)); }

std::optional<std::string> WsClient::receive(std::chrono::milliseconds timeout) {
  auto& i = *impl_;
  if (i.closed) return std::nullopt;
  if (!i.read_pending) {
    i.read_pending = true;
    i.read_done = false;
    i.buffer.clear();
    i.ws.async_read(i.buffer, [&i](beast::error_code ec, std::size_t) {
      i.read_done = true;
      if (ec) i.closed = true;
      else i.message = beast::buffers_to_string(i.buffer.data());
    });
  }
  i.io.restart();
  i.io.run_for(timeout);
  if (!i.read_done) return std::nullopt;
  i.read_pending = false;
  if (i.closed) return std::nullopt;
  if (!i.live_path.empty()) record_live_frame(i.live_path, i.message);
  return std::move(i.message);
}

bool WsClient::closed() const { return impl_->closed; }

std::string WsClient::close_reason() const {
  const auto& r = impl_->ws.reason();
  if (!impl_->closed || r.code == 0) return "";
  return std::to_string(r.code) + " " + std::string(r.reason.c_str());
}

}  // namespace qt::test
