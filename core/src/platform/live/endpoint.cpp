#include "platform/live/endpoint.hpp"

#include <atomic>
#include <memory>

namespace qt::live {

http::UpgradeHandler upgrade_handler(Hub& hub) {
  return [&hub](http::Request& req) -> http::UpgradeResult {
    if (req.user_id == 0)
      return http::Response::error(401, "unauthenticated", "Bitte anmelden. / Please sign in.");
    const std::int64_t user = req.user_id;
    // Connection id shared by the three callbacks of this connection (0 = not open yet).
    auto id = std::make_shared<std::atomic<ConnectionId>>(0);
    http::WsEndpoint ep;
    ep.on_open = [&hub, user, id](std::shared_ptr<http::WsSender> sender) {
      std::weak_ptr<http::WsSender> weak = sender;
      id->store(hub.on_open(user, [weak](std::string text) {
        if (auto s = weak.lock()) s->send(std::move(text));
      }));
    };
    ep.on_message = [&hub, id](const std::string& text) {
      if (auto c = id->load()) hub.on_message(c, text);
    };
    ep.on_close = [&hub, id] {
      if (auto c = id->exchange(0)) hub.on_close(c);
    };
    return ep;
  };
}

}  // namespace qt::live
