#include "app/install_plugins.hpp"

#include <chrono>
#include <cstddef>
#include <stdexcept>

#include "app/app.hpp"
#include "domain/accounts/accounts.hpp"
#include "platform/events/bus.hpp"
#include "platform/log/log.hpp"
#include "platform/privacy/registry.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/meta.hpp"
#include "plugin_host/openapi.hpp"

namespace qt::plugin_host {
namespace {

#define QT_HAS_MEMBER(desc, member) \
  ((desc).size >= offsetof(qt_plugin_descriptor, member) + sizeof((desc).member))

class PluginHostModule : public app::Module {
 public:
  explicit PluginHostModule(app::Services& services) : services_(services) {
    HostServices host_services{services.config, services.db,       services.router, services.events,
                               &services.jobs,  services.content, services.notifier, &services.live,
                               services.moderation};
    host_services.messages = services.messages;
    host_services.mail_fanout = services.mail_fanout;
    host_services.durable = services.durable;
    host_services.websockets = &services.websockets;
    host_services.public_websockets = &services.public_websockets;
    host_services.page_policies = &services.page_policies;
    host_ = std::make_unique<Host>(host_services);
  }

  void load() {
    try {
      host_->load();
      add_openapi_route(services_.router, merged_openapi(*host_));
    } catch (const PluginError& e) {
      throw app::StartupError(4, e.what());
    }
    add_meta_routes(services_.router, services_.config, *host_, [&s = services_] {
      return s.accounts ? s.accounts->registration_mode() : s.config.auth.registration;
    });
    attach_privacy(services_.privacy);
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
  std::unique_ptr<Host> host_;
};

}  // namespace

std::unique_ptr<app::Module> install(app::Services& services) {
  auto m = std::make_unique<PluginHostModule>(services);
  m->load();
  return m;
}

}  // namespace qt::plugin_host
