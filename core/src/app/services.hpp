#pragma once
// What the core's modules share while the server runs. Owned by App (app/app.hpp); modules
// keep references, never copies.
#include <functional>
#include <optional>

#include "config/config.hpp"
#include "db/database.hpp"
#include "http/router.hpp"

namespace qt::http {
class Metrics;
}

namespace qt::app {

// Runs before every routed handler: resolves the session into req.user_id/role/language and
// enforces route.options.access and CSRF. Returns a response to stop the request (401/403/429).
using Gate = std::function<std::optional<http::Response>(http::Request&, const http::Route&)>;

struct Services {
  const config::Config& config;
  db::Database& db;
  http::Router& router;
  http::Metrics& metrics;
  Gate gate;  // empty = everything public passes, non-public routes get 401
};

}  // namespace qt::app
