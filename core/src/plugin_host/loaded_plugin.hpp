#pragma once
// The host's record of one plugin (the qt_host handle plugins receive): what it declared, its
// configuration, its state, and the in-flight counter that lets shutdown drain it.
#include <atomic>
#include <condition_variable>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "plugin_host/library.hpp"
#include "plugin_host/descriptor/settings.hpp"
#include "quartier/plugin.h"

namespace qt::plugin_host {
class Host;
}

struct qt_host {
  enum class State { opened, initialised, migrated, running, stopping, stopped };

  qt::plugin_host::Host* host = nullptr;
  std::string name;
  std::filesystem::path file;
  void* handle = nullptr;
  qt::plugin_host::VersionBlock version;

  // The descriptor as the plugin filled it, zero beyond the plugin's size.
  qt_plugin_descriptor desc{};
  std::string description;
  std::string ui_module;
  std::vector<std::string> dependencies;
  std::vector<std::pair<std::string, std::string>> migrations;  // file name, SQL
  bool single_threaded = false;
  // Declared settings (ABI 1.2); `declares_settings` false = the section is not checked.
  std::vector<qt::plugin_host::Setting> settings;
  bool declares_settings = false;
  boost::json::object config_section;  // [plugins.<name>] as written, without defaults

  // [plugins.<name>] as JSON text and per key (strings unquoted), built once, read-only after.
  std::string config_json = "{}";
  std::map<std::string, std::string, std::less<>> config_values;

  std::atomic<State> state{State::opened};
  bool in_init = false;   // route_add / event_subscribe / timer_every allowed
  bool in_start = false;  // timer_every allowed
  std::vector<std::string> routes;  // "GET /api/p/<name>/..." for logs and `plugins list`

  // Calls into the plugin currently running; shutdown waits for zero.
  std::mutex inflight_mutex;
  std::condition_variable inflight_cv;
  int inflight = 0;
  std::recursive_mutex serial;  // held around every call when single_threaded

  bool accepting() const { return state.load() == State::running; }
  // Waits until no call is in flight or the deadline passes; false on timeout.
  bool drain(std::chrono::steady_clock::duration timeout);
};

namespace qt::plugin_host {

using Plugin = ::qt_host;

// Held while the host calls into a plugin: counts the call, serialises single-threaded plugins
// and cleans up database work the callback left open. `ok()` is false (and nothing is counted)
// when the plugin does not take calls now (not yet started, or stopping) unless forced: start,
// stop and privacy hooks run regardless of routing state.
class PluginCall {
 public:
  // `what` names the call for the watchdog's log ("init", "GET /api/p/x/{id}", "job x.sweep").
  explicit PluginCall(Plugin& p, bool force = false, std::string what = "call");
  ~PluginCall();
  PluginCall(const PluginCall&) = delete;
  PluginCall& operator=(const PluginCall&) = delete;
  bool ok() const { return counted_; }

 private:
  Plugin& p_;
  bool counted_ = false;
  std::unique_lock<std::recursive_mutex> serial_;
  std::unique_ptr<class CallbackScope> scope_;
  std::uint64_t watch_ = 0;  // the watchdog's ticket
};

}  // namespace qt::plugin_host
