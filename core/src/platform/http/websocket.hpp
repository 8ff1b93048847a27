#pragma once
// WebSocket endpoints on the HTTP server (used by /api/live). The server performs the upgrade;
// an UpgradeHandler decides (after the gate has authenticated the request) whether to accept.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "platform/http/request.hpp"
#include "platform/http/response.hpp"

namespace qt::http {

// The sending side of an open WebSocket. Thread-safe: send() may be called from any thread;
// messages are queued and written in order. After close, sends are dropped.
class WsSender {
 public:
  virtual ~WsSender() = default;
  virtual void send(std::string text) = 0;
  virtual void close() = 0;
  virtual bool open() const = 0;
  // Closes with a close code (1000, 1008, 4000-4999) and a short reason the client sees
  // (at most 123 bytes). The default ignores both.
  virtual void close_with(std::uint16_t /*code*/, std::string /*reason*/) { close(); }
};

// What an accepted connection does; callbacks run on the connection's strand.
struct WsEndpoint {
  std::function<void(std::shared_ptr<WsSender>)> on_open;
  std::function<void(const std::string&)> on_message;
  std::function<void()> on_close;
};

// Returns a Response to refuse (e.g. 401) or an endpoint to accept.
using UpgradeResult = std::variant<Response, WsEndpoint>;
using UpgradeHandler = std::function<UpgradeResult(Request&)>;

}  // namespace qt::http
