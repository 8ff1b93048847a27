#pragma once
// What the core's modules share while the server runs. The App (app/app.cpp) owns the
// infrastructure (database, router, metrics, jobs, privacy registry, mail outbox, event bus,
// live hub) and hands references to every module, so no module depends on the order in which
// another was installed for them. The domain services that a module creates (accounts, content
// store, notifier) are published here as pointers for the modules installed after it.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/http/security_headers.hpp"
#include "platform/http/websocket.hpp"
#include "web/gate.hpp"

namespace qt::http {
class Metrics;
}
namespace qt::jobs {
class Scheduler;
class Durable;
}
namespace qt::events {
class Bus;
}
namespace qt::privacy {
class Registry;
}
namespace qt::mail {
class Outbox;
}
namespace qt::live {
class Hub;
}
namespace qt::accounts {
class Accounts;
}
namespace qt::content {
class Store;
}
namespace qt::notify {
class Notifier;
class MailFanout;
}
namespace qt::messages {
class Messages;
}
namespace qt::moderation {
class Moderation;
}

namespace qt::app {

struct Services {
  const config::Config& config;
  db::Database& db;
  http::Router& router;
  http::Metrics& metrics;
  jobs::Scheduler& jobs;
  privacy::Registry& privacy;  // export and erase providers of the core and of each plugin
  mail::Outbox& mail;          // queued mail with retry
  events::Bus& events;         // publish/subscribe on topics
  live::Hub& live;             // authenticated WebSocket fan-out on /api/live

  web::Gate gate;  // set by the accounts module; empty = public routes pass, every other gets 401
  // WebSocket endpoints (path -> handler); the App runs the gate on the upgrade request first.
  std::vector<std::pair<std::string, http::UpgradeHandler>> websockets;
  // Plugin WebSocket endpoints open to guests (ABI 1.3 ws_add with QT_ACCESS_PUBLIC): the gate
  // still checks the origin and signs in whoever has a session, but lets anonymous upgrades pass.
  std::vector<std::pair<std::string, http::UpgradeHandler>> public_websockets;
  // Pages that may use camera and microphone (ABI 1.3 page_policy_add), for the server.
  std::vector<http::PagePolicy> page_policies;

  accounts::Accounts* accounts = nullptr;  // set by the accounts module
  content::Store* content = nullptr;       // set by the content module
  notify::Notifier* notifier = nullptr;    // set by the content module
  moderation::Moderation* moderation = nullptr;  // set by the content module
  messages::Messages* messages = nullptr;        // set by the content module
  notify::MailFanout* mail_fanout = nullptr;     // set by the content module (urgent mail jobs)
  jobs::Durable* durable = nullptr;              // durable jobs and schedules (set by the App)
};

// A core module: install(Services&) creates its objects, registers its routes and publishes its
// services; App keeps the module alive for the life of the server, calls start() after every
// module is installed and stop() in reverse order at shutdown.
class Module {
 public:
  virtual ~Module() = default;
  virtual void start() {}
  virtual void stop() {}
};

using Installer = std::function<std::unique_ptr<Module>(Services&)>;
// The core modules in install order (app/modules.cpp).
std::vector<Installer> module_installers();

}  // namespace qt::app
