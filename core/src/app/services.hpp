#pragma once
// What the core's modules share while the server runs. Owned by App (app/app.hpp); modules
// keep references, never copies. A module that provides a service sets its pointer in install();
// modules installed later may use the services of those installed before them
// (order: accounts, content/stream, plugin host).
#include <functional>
#include <optional>

#include "config/config.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "http/websocket.hpp"

namespace qt::http {
class Metrics;
}
namespace qt::jobs {
class Scheduler;  // jobs/scheduler.hpp: background jobs and timers (lead)
}
namespace qt::events {
class Bus;  // events/bus.hpp: publish/subscribe on topics (plugin host helper)
}
namespace qt::privacy {
class Registry;  // privacy/registry.hpp: export and erase providers (accounts helper)
}
namespace qt::accounts {
class Accounts;  // accounts/accounts.hpp: people, sessions, roles (accounts helper)
}
namespace qt::mail {
class Outbox;  // mail/outbox.hpp: queued mail with retry (accounts helper)
}
namespace qt::content {
class Store;  // content/store.hpp: containers, memberships, content items (stream helper)
}
namespace qt::notify {
class Notifier;  // notify/notifier.hpp: notifications in-app, live, mail (stream helper)
}
namespace qt::live {
class Hub;  // live/hub.hpp: authenticated WebSocket fan-out on /api/live (stream helper)
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
  jobs::Scheduler& jobs;
  Gate gate;  // empty = public routes pass, every other route gets 401
  // WebSocket endpoints (path -> handler); the live hub registers /api/live here. The App
  // runs the gate on the upgrade request before calling the handler.
  std::vector<std::pair<std::string, http::UpgradeHandler>> websockets;

  events::Bus* events = nullptr;
  privacy::Registry* privacy = nullptr;
  accounts::Accounts* accounts = nullptr;
  mail::Outbox* mail = nullptr;
  content::Store* content = nullptr;
  notify::Notifier* notifier = nullptr;
  live::Hub* live = nullptr;
};

// Each module has core/src/<module>/module.hpp with
//   std::unique_ptr<qt::app::Module> install(qt::app::Services&);
// which creates its objects, registers routes and sets its Services pointer. App keeps the
// returned Module alive for the life of the server and calls start() after every module is
// installed and stop() (in reverse order) at shutdown.
class Module {
 public:
  virtual ~Module() = default;
  virtual void start() {}
  virtual void stop() {}
};

}  // namespace qt::app
