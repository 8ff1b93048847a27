#pragma once
// WebSocket /api/live: the upgrade handler the module registers in services.websockets. The App
// runs the accounts gate on the upgrade request first, so req.user_id is the signed-in person;
// anonymous upgrades are refused with 401.
#include "platform/http/websocket.hpp"
#include "platform/live/hub.hpp"

namespace qt::live {

http::UpgradeHandler upgrade_handler(Hub& hub);

}  // namespace qt::live
