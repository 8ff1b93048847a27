#pragma once
// From a request to a response: router, gate, handler, errors as JSON, static files.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/services.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

namespace qt::app {

http::Dispatcher make_dispatcher(Services& services, const http::StaticFiles& static_files);

// Wraps a WebSocket handler so the gate authenticates the upgrade request first.
http::UpgradeHandler gated_upgrade(Services& services, const std::string& path, http::UpgradeHandler handler);

using Installer = std::function<std::unique_ptr<Module>(Services&)>;
// The core modules in install order (app/modules.cpp).
std::vector<Installer> module_installers();

}  // namespace qt::app
