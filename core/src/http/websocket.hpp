#pragma once
// WebSocket endpoints on the HTTP server (used by /api/live). The server performs the upgrade;
// an UpgradeHandler decides (after the gate has authenticated the request) whether to accept.
#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "http/request.hpp"
#include "http/response.hpp"

namespace qt::http {

// The sending side of an open WebSocket. Thread-safe: send() may be called from any thread;
// messages are queued and written in order. After close, sends are dropped.
class WsSender {
 public:
  virtual ~WsSender() = default;
  virtual void send(std::string text) = 0;
  virtual void close() = 0;
  virtual bool open() const = 0;
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
