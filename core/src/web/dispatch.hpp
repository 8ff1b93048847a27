#pragma once
// From a request to a response: router, gate, handler, errors as JSON (domain errors mapped by
// web/errors.hpp), static files.
#include <string>

#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"
#include "web/gate.hpp"

namespace qt::web {

// Runs the route the server matched (http::Server::set_matcher, once per request) through the
// gate and its handler; answers 405 and 404, and serves static files outside /api. The gate and
// the static files are kept by reference and must outlive the dispatcher; an empty gate lets
// public routes pass and answers 401 to every other.
http::Dispatcher make_dispatcher(const Gate& gate, const http::StaticFiles& static_files);

// Wraps a WebSocket handler so the gate authenticates the upgrade request first (and refuses a
// foreign origin); `access` public_ lets anonymous upgrades pass to the handler.
http::UpgradeHandler gated_upgrade(const Gate& gate, const std::string& path, http::UpgradeHandler handler,
                                   http::Access access = http::Access::user);

}  // namespace qt::web
