#pragma once
// WebSocket /api/live: the upgrade handler the module registers in services.websockets. The App
// runs the accounts gate on the upgrade request first, so req.user_id is the signed-in person;
// anonymous upgrades are refused with 401.
#include "http/websocket.hpp"
#include "live/hub.hpp"

namespace qt::live {

http::UpgradeHandler upgrade_handler(Hub& hub);

}  // namespace qt::live
