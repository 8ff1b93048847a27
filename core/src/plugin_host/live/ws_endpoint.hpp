#pragma once
// The HTTP side of a plugin's WebSocket endpoint (ABI 1.3 ws_add): checks a ?guest= token, asks
// the plugin's on_open before the socket is accepted, then hands frames and the close to it.
#include "platform/http/websocket.hpp"
#include "plugin_host/host.hpp"
#include "quartier/plugin.h"

namespace qt::plugin_host {

// The endpoint as the plugin declared it (copied; path already full: /api/p/<plugin>/...).
struct WsSpec {
  int32_t access = QT_ACCESS_PUBLIC;
  qt_ws_open_fn on_open = nullptr;
  qt_ws_message_fn on_message = nullptr;
  qt_ws_close_fn on_close = nullptr;
  void* user = nullptr;
};

http::UpgradeHandler ws_upgrade_handler(Host& host, Plugin& plugin, WsSpec spec);

}  // namespace qt::plugin_host
