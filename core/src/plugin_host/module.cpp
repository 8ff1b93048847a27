#include "plugin_host/module.hpp"

#include <chrono>
#include <cstddef>
#include <stdexcept>

#include "accounts/accounts.hpp"
#include "app/app.hpp"
#include "events/bus.hpp"
#include "log/log.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/meta.hpp"
#include "privacy/registry.hpp"

namespace qt::plugin_host {
namespace {

#define QT_HAS_MEMBER(desc, member) \
  ((desc).size >= offsetof(qt_plugin_descriptor, member) + sizeof((desc).member))

class PluginHostModule : public app::Module {
 public:
  explicit PluginHostModule(app::Services& services) : services_(services) {
    if (!services.events) {
      own_bus_ = std::make_unique<events::Bus>();
      services.events = own_bus_.get();
    }
    host_ = std::make_unique<Host>(HostServices{services.config, services.db, services.router, *services.events,
                                                &services.jobs, services.content, services.notifier, services.live});
  }

  void load() {
    try {
      host_->load();
    } catch (const PluginError& e) {
      throw app::StartupError(4, e.what());
    }
    add_meta_routes(services_.router, services_.config, *host_, [&s = services_] {
      return s.accounts ? s.accounts->registration_mode() : s.config.auth.registration;
    });
    if (services_.privacy) attach_privacy(*services_.privacy);
  }

  void start() override {
    try {
      host_->start();
    } catch (const PluginError& e) {
      throw app::StartupError(4, e.what());
    }
  }

  void stop() override { host_->stop(std::chrono::seconds(services_.config.server.shutdown_grace_seconds)); }

 private:
  // Each plugin with a privacy hook becomes a provider named after it: its export part appears
  // under its name in GET /api/me/export, its erase runs inside the account deletion transaction.
  void attach_privacy(privacy::Registry& registry) {
    Host* host = host_.get();
    for (Plugin* p : host->plugins()) {
      bool exports = QT_HAS_MEMBER(p->desc, privacy_export) && p->desc.privacy_export;
      bool erases = QT_HAS_MEMBER(p->desc, privacy_erase) && p->desc.privacy_erase;
      if (!exports && !erases) continue;
      privacy::ExportFn exporter;
      privacy::EraseFn eraser;
      if (exports)
        exporter = [host, p](std::int64_t user, soci::session& s) { return host->export_user(*p, user, &s); };
      if (erases) eraser = [host, p](std::int64_t user, soci::session& s) { host->erase_user(*p, user, s); };
      try {
        registry.add(p->name, std::move(exporter), std::move(eraser));
      } catch (const std::invalid_argument& e) {
        throw app::StartupError(4, p->file.string() + ": plugin '" + p->name + "': its privacy hooks cannot be registered: " +
                                       e.what() + " (a core module uses this name; rename the plugin).");
      }
    }
  }

  app::Services& services_;
  std::unique_ptr<events::Bus> own_bus_;
  std::unique_ptr<Host> host_;
};

}  // namespace

std::unique_ptr<app::Module> install(app::Services& services) {
  auto m = std::make_unique<PluginHostModule>(services);
  m->load();
  return m;
}

}  // namespace qt::plugin_host
