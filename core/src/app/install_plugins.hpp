#pragma once
// The plugin host module. install():
//  - opens, checks and initialises every enabled plugin from the plugin folder, checks
//    dependencies and applies each plugin's migrations (scope = plugin name);
//  - registers the plugins' routes under /api/p/<plugin>/, their UI assets under
//    /plugins/<plugin>/, GET /api/meta and GET /api/openapi.json (core + plugin fragments);
//  - attaches each plugin's privacy hooks to services.privacy.
// Throws app::StartupError(4, message naming the file) for a refused plugin: startup stops.
// Module::start() starts the plugins in dependency order; stop() stops them in reverse after
// draining their in-flight calls (up to [server] shutdown_grace_seconds).
// Installed after accounts and content (uses services.content, notifier, privacy, jobs).
#include <memory>

#include "app/services.hpp"

namespace qt::plugin_host {

std::unique_ptr<app::Module> install(app::Services& services);

}  // namespace qt::plugin_host
