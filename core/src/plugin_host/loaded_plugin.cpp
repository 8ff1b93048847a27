#include "plugin_host/loaded_plugin.hpp"

#include "plugin_host/host.hpp"
#include "plugin_host/thread_db.hpp"

bool qt_host::drain(std::chrono::steady_clock::duration timeout) {
  std::unique_lock lock(inflight_mutex);
  return inflight_cv.wait_for(lock, timeout, [this] { return inflight == 0; });
}

namespace qt::plugin_host {

PluginCall::PluginCall(Plugin& p, bool force, std::string what) : p_(p) {
  {
    std::lock_guard lock(p.inflight_mutex);
    if (!force && !p.accepting()) return;
    ++p.inflight;
    counted_ = true;
  }
  if (p.single_threaded) serial_ = std::unique_lock(p.serial);
  scope_ = std::make_unique<CallbackScope>(p.name);
  if (p.host) watch_ = p.host->watchdog().begin(p.name, std::move(what));
}

PluginCall::~PluginCall() {
  if (!counted_) return;
  if (p_.host) p_.host->watchdog().end(watch_);
  scope_.reset();
  if (serial_.owns_lock()) serial_.unlock();
  std::lock_guard lock(p_.inflight_mutex);
  if (--p_.inflight == 0) p_.inflight_cv.notify_all();
}

}  // namespace qt::plugin_host
