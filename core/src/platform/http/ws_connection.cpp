// An upgraded WebSocket connection (server_impl.hpp's WsConnection).
#include "platform/http/server_impl.hpp"

namespace qt::http {

namespace {
// A client that stops reading must not make the server buffer without bound.
constexpr std::size_t kMaxQueuedFrames = 1024;
constexpr std::size_t kMaxMessageBytes = 64 * 1024;
}  // namespace

WsConnection::WsConnection(ws::stream<beast::tcp_stream> stream, WsEndpoint endpoint, std::function<void()> on_finished)
    : ws_(std::move(stream)), endpoint_(std::move(endpoint)), on_finished_(std::move(on_finished)) {}

void WsConnection::start(bhttp::request<bhttp::string_body> upgrade_request) {
  ws_.set_option(ws::stream_base::timeout::suggested(beast::role_type::server));
  ws_.read_message_max(kMaxMessageBytes);
  ws_.set_option(ws::stream_base::decorator([](ws::response_type& res) { res.set(bhttp::field::server, "Quartier"); }));
  ws_.async_accept(upgrade_request, beast::bind_front_handler(&WsConnection::on_accept, shared_from_this()));
}

void WsConnection::send(std::string text) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
    if (!self->open_ || self->closing_ || self->close_after_queue_) return;
    if (self->queue_.size() >= kMaxQueuedFrames) {
      self->close();
      return;
    }
    self->queue_.push_back(std::move(text));
    if (self->queue_.size() == 1) self->write_next();
  });
}

void WsConnection::close() {
  asio::post(ws_.get_executor(), [self = shared_from_this()] {
    if (!self->open_ || self->closing_) return;
    self->close_now(ws::close_code::going_away);
  });
}

void WsConnection::close_with(std::uint16_t code, std::string reason) {
  if (reason.size() > 123) reason.resize(123);  // a close frame's payload is at most 125 bytes
  asio::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)] {
    if (!self->open_ || self->closing_) return;
    ws::close_reason cr(static_cast<ws::close_code>(code), reason);
    if (self->queue_.empty()) return self->close_now(cr);
    self->close_after_queue_ = cr;  // the frames already queued (e.g. an error) go out first
  });
}

void WsConnection::close_now(ws::close_reason reason) {
  closing_ = true;
  ws_.async_close(reason, [self = shared_from_this()](beast::error_code ec) {
    if (ec) fail(ec, "websocket close");
    self->finish();
  });
}

void WsConnection::on_accept(beast::error_code ec) {
  if (ec) {
    fail(ec, "websocket accept");
    return finish();
  }
  open_ = true;
  if (endpoint_.on_open) endpoint_.on_open(shared_from_this());
  read();
}

void WsConnection::read() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) {
      if (ec != ws::error::closed) fail(ec, "websocket read");
      return self->finish();
    }
    if (self->endpoint_.on_message) self->endpoint_.on_message(beast::buffers_to_string(self->buffer_.data()));
    self->buffer_.consume(self->buffer_.size());
    self->read();
  });
}

void WsConnection::write_next() {
  ws_.text(true);
  ws_.async_write(asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) {
      fail(ec, "websocket write");
      return self->finish();
    }
    self->queue_.pop_front();
    if (!self->queue_.empty()) return self->write_next();
    if (self->close_after_queue_ && !self->closing_) self->close_now(*self->close_after_queue_);
  });
}

void WsConnection::finish() {
  if (finished_) return;
  finished_ = true;
  open_ = false;
  queue_.clear();
  if (endpoint_.on_close) endpoint_.on_close();
  // Dropping the callback breaks the Session <-> connection reference cycle.
  if (auto done = std::move(on_finished_)) done();
}

}  // namespace qt::http
