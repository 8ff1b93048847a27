#pragma once
// The plugin host: opens the enabled plugins from the plugin folder, checks them, initialises
// them, applies their migrations, starts them in dependency order and stops them in reverse.
//
// Lifecycle: load() (install time: open, version check, init, dependency check, order,
// migrations) -> start() -> stop() (stop routing, drain in-flight calls, stop; then destroy).
// Libraries are never dlclose'd.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "plugin_host/watchdog.hpp"
#include "platform/config/config.hpp"
#include "platform/db/database.hpp"
#include "platform/http/request.hpp"
#include "platform/http/response.hpp"
#include "platform/http/router.hpp"
#include "platform/http/security_headers.hpp"
#include "platform/http/websocket.hpp"
#include "plugin_host/library.hpp"
#include "plugin_host/live/registry.hpp"
#include "plugin_host/loaded_plugin.hpp"
#include "quartier/plugin.h"

namespace qt::events {
class Bus;
}
namespace qt::jobs {
class Scheduler;
class Durable;
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
namespace qt::live {
class Hub;
}
namespace qt::moderation {
class Moderation;
}

namespace qt::plugin_host {

struct HostServices {
  const config::Config& config;
  db::Database& db;
  http::Router& router;
  events::Bus& bus;
  jobs::Scheduler* jobs = nullptr;          // job_post / timers (absent: those functions are NULL)
  content::Store* content = nullptr;        // content/containers (absent: those functions are NULL)
  notify::Notifier* notifier = nullptr;     // notify (absent: NULL)
  live::Hub* live = nullptr;                // live "content" events for new items (absent: none)
  moderation::Moderation* moderation = nullptr;  // reports in plugin containers (absent: NULL)
  messages::Messages* messages = nullptr;        // conversation_start (absent: NULL)
  notify::MailFanout* mail_fanout = nullptr;     // urgent mails of notify_area (absent: mailed at delivery)
  jobs::Durable* durable = nullptr;         // durable jobs, schedules and http_fetch (absent: NULL)
  // ABI 1.3 (video): where ws_add and page_policy_add register (absent: ws_*, guest_* and
  // page_policy_add are NULL, and no guest key is read at start).
  std::vector<std::pair<std::string, http::UpgradeHandler>>* websockets = nullptr;         // access user
  std::vector<std::pair<std::string, http::UpgradeHandler>>* public_websockets = nullptr;  // access public
  std::vector<http::PagePolicy>* page_policies = nullptr;
};

class Host {
 public:
  explicit Host(HostServices services);
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // [plugins] dir (one folder or several, searched in order), or <exe>/../lib/quartier/plugins
  // when empty.
  static std::vector<std::filesystem::path> plugin_dirs(const config::PluginsConfig& c);
  // The first of `dirs` that holds <name>.so, or nullopt.
  static std::optional<std::filesystem::path> find_library(const std::vector<std::filesystem::path>& dirs,
                                                           const std::string& name);
  // "a" or "a, b" for messages.
  static std::string describe_dirs(const std::vector<std::filesystem::path>& dirs);

  // Opens, checks and initialises every enabled plugin, checks dependencies, orders them and
  // applies their migrations. Throws PluginError naming the file on the first refusal.
  void load();
  // Calls start() in dependency order; throws PluginError if one fails.
  void start();
  // Reverse order: stop routing to it, wait for its in-flight calls (up to drain_timeout),
  // call stop(); then destroy() on all. Idempotent.
  void stop(std::chrono::steady_clock::duration drain_timeout);

  // Plugins in start order.
  const std::vector<Plugin*>& plugins() const { return order_; }
  Plugin* find(std::string_view name) const;
  const std::vector<std::filesystem::path>& dirs() const { return dirs_; }
  // The plugin's UI folder (<its folder>/<name>/ui) and module URL ("/plugins/<name>/<ui_module>" or "").
  std::filesystem::path ui_dir(const Plugin& p) const { return p.file.parent_path() / p.name / "ui"; }
  static std::string ui_url(const Plugin& p);

  // Privacy hooks of one plugin (attached to privacy::Registry by the module). export returns
  // null when the plugin has no export hook; its statements run on `s` when given. erase runs on
  // tx (the caller's transaction) and throws PluginError when the plugin fails.
  boost::json::value export_user(Plugin& p, std::int64_t user_id, soci::session* s = nullptr);
  void erase_user(Plugin& p, std::int64_t user_id, soci::session& tx);

  // The HTTP side of a route a plugin registered.
  http::Response dispatch(Plugin& p, qt_handler_fn handler, void* user, http::Request& req);

  // For the ABI functions.
  const HostServices& services() const { return services_; }
  const qt_host_api& api() const { return api_; }
  // ABI 1.3: plugin WebSocket connections and rooms, and the key of guest tokens (from start()).
  LiveRegistry& live() { return *live_; }
  const std::string& guest_key() const { return guest_key_; }
  void remember_timer(std::uint64_t id) { timers_.push_back(id); }
  Watchdog& watchdog() { return watchdog_; }

 private:
  Plugin& open_one(const std::string& name);
  void init_one(Plugin& p);
  void check_dependencies();
  void migrate_one(Plugin& p);
  std::string refusal_prefix(const Plugin& p) const;

  HostServices services_;
  Watchdog watchdog_;
  qt_host_api api_{};
  std::vector<std::filesystem::path> dirs_;
  std::vector<std::unique_ptr<Plugin>> loaded_;  // in [plugins] enabled order
  std::vector<Plugin*> order_;                   // dependency order
  std::vector<std::uint64_t> timers_;
  std::unique_ptr<LiveRegistry> live_;
  std::string guest_key_;
  bool stopped_ = false;
};

// Fills the host function table for the services present (functions whose service is
// absent stay NULL, so QT_HOST_HAS tells the plugin).
qt_host_api make_host_api(const HostServices& services);

// Sets the thread's last error text (api->last_error) and clears it.
void set_last_error(std::string message);
void clear_last_error();
const std::string& last_error();

}  // namespace qt::plugin_host
