#include "plugin_host/module.hpp"

#include <chrono>

#include "app/app.hpp"
#include "events/bus.hpp"
#include "log/log.hpp"
#include "plugin_host/host.hpp"
#include "plugin_host/meta.hpp"

namespace qt::plugin_host {
namespace {

class PluginHostModule : public app::Module {
 public:
  explicit PluginHostModule(app::Services& services) : services_(services) {
    if (!services.events) {
      own_bus_ = std::make_unique<events::Bus>();
      services.events = own_bus_.get();
    }
    host_ = std::make_unique<Host>(HostServices{services.config, services.db, services.router, *services.events,
                                                &services.jobs, services.content, services.notifier});
  }

  void load() {
    try {
      host_->load();
    } catch (const PluginError& e) {
      throw app::StartupError(4, e.what());
    }
    add_meta_routes(services_.router, services_.config, *host_);
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
