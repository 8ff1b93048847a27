#include "plugin_host/host.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>

#include <boost/json.hpp>
#include <dlfcn.h>

#include "domain/municipality/instance_settings.hpp"
#include "platform/db/migrations.hpp"
#include "platform/util/clock.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/log/log.hpp"
#include "platform/util/paths.hpp"
#include "plugin_host/abi_types.hpp"
#include "plugin_host/descriptor/descriptor.hpp"
#include "plugin_host/sql_sandbox.hpp"
#include "plugin_host/thread_db.hpp"

namespace qt::plugin_host {
namespace {

qt_plugin_init_fn find_init(Plugin& p, const std::string& prefix) {
  dlerror();
  void* sym = dlsym(p.handle, QT_PLUGIN_INIT_SYMBOL);
  if (!sym)
    throw PluginError(prefix + "missing entry symbol " QT_PLUGIN_INIT_SYMBOL "(); export it with "
                      "QT_PLUGIN_EXPORT and rebuild the plugin.");
  // dlsym gives an object pointer; copying its bytes is the defined way to a function pointer.
  qt_plugin_init_fn init = nullptr;
  std::memcpy(&init, &sym, sizeof init);
  return init;
}

// The plugin's [plugins.<name>] section, as JSON and as strings by key (config_get).
void take_config(Plugin& p, const boost::json::object& section) {
  p.config_json = boost::json::serialize(section);
  p.config_values.clear();
  for (const auto& [key, value] : section)
    p.config_values[std::string(key)] = value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
}

// The section against the settings the plugin declared (ABI 1.2): refused when it does not fit,
// else the defaults fill the absent keys.
void apply_settings(Plugin& p, const std::string& prefix) {
  if (!p.declares_settings) return;
  auto problems = setting_problems(p.name, p.settings, p.config_section);
  if (!problems.empty()) {
    std::string all;
    for (const auto& problem : problems) all += "\n  - " + problem;
    throw PluginError(prefix + "its configuration does not fit the settings it declares:" + all +
                      "\n  Fix [plugins." + p.name + "] in the configuration file.");
  }
  take_config(p, with_defaults(p.settings, p.config_section));
}

// Calls the plugin's init with the host table; no exception crosses back, a failure is refused
// with the plugin's own last error.
qt_plugin_descriptor call_init(Plugin& p, qt_plugin_init_fn init, const qt_host_api& api, const std::string& prefix) {
  qt_plugin_descriptor desc{};
  desc.size = sizeof desc;
  qt_status status = QT_ERR_INTERNAL;
  p.in_init = true;
  {
    PluginCall call(p, true, "init");
    clear_last_error();
    try {
      status = init(&api, &p, &desc);
    } catch (...) {
      set_last_error("an exception escaped " QT_PLUGIN_INIT_SYMBOL "()");
    }
  }
  p.in_init = false;
  if (status != QT_OK)
    throw PluginError(prefix + QT_PLUGIN_INIT_SYMBOL "() failed with " + status_name(status) +
                      (last_error().empty() ? std::string(" (see the plugin's log lines above)") : ": " + last_error()));
  return desc;
}

}  // namespace

Host::Host(HostServices services)
    : services_(services),
      watchdog_(std::chrono::milliseconds(services_.config.plugins.call_warn_ms)),
      api_(make_host_api(services_)),
      live_(std::make_unique<LiveRegistry>(services_.live)) {
  dirs_ = plugin_dirs(services_.config.plugins);
}

Host::~Host() {
  // stop() is the orderly path; this only makes sure routes are not served by a dying host.
  for (auto& p : loaded_) p->state.store(Plugin::State::stopped);
}

std::vector<std::filesystem::path> Host::plugin_dirs(const config::PluginsConfig& c) {
  std::vector<std::filesystem::path> out;
  for (const auto& d : c.dir.items) out.push_back(std::filesystem::absolute(d).lexically_normal());
  if (out.empty()) out.push_back((util::executable_dir() / ".." / "lib" / "quartier" / "plugins").lexically_normal());
  return out;
}

std::optional<std::filesystem::path> Host::find_library(const std::vector<std::filesystem::path>& dirs,
                                                        const std::string& name) {
  std::error_code ec;
  for (const auto& d : dirs)
    if (std::filesystem::is_regular_file(d / (name + ".so"), ec)) return d / (name + ".so");
  return std::nullopt;
}

std::string Host::describe_dirs(const std::vector<std::filesystem::path>& dirs) {
  std::string out;
  for (const auto& d : dirs) out += (out.empty() ? "" : ", ") + d.string();
  return out;
}

std::string Host::ui_url(const Plugin& p) {
  return p.ui_module.empty() ? std::string() : "/plugins/" + p.name + "/" + p.ui_module;
}

Plugin* Host::find(std::string_view name) const {
  for (const auto& p : loaded_)
    if (p->name == name) return p.get();
  return nullptr;
}

std::string Host::refusal_prefix(const Plugin& p) const { return p.file.string() + ": plugin '" + p.name + "': "; }

void Host::load() {
  const auto& enabled = services_.config.plugins.enabled;
  std::set<std::string> seen;
  for (const auto& name : enabled) {
    if (!valid_plugin_name(name))
      throw PluginError("[plugins] enabled: '" + name + "' is not a plugin name (1-32 characters a-z, 0-9 and _, "
                        "starting with a letter; the file is <name>.so in " + describe_dirs(dirs_) + ").");
    if (!seen.insert(name).second)
      throw PluginError("[plugins] enabled: '" + name + "' is listed twice (duplicate plugin name); list it once.");
  }
  for (const auto& name : enabled) open_one(name);
  for (auto& p : loaded_) init_one(*p);
  check_dependencies();
  for (auto* p : order_) migrate_one(*p);
  for (auto* p : order_) p->state.store(Plugin::State::migrated);
  for (auto* p : order_)
    log::info("plugin loaded", {{"plugin", p->name}, {"version", p->version.version}, {"file", p->file.string()},
                                {"abi", std::to_string(p->version.abi_major) + "." + std::to_string(p->version.abi_minor)}});
}

Plugin& Host::open_one(const std::string& name) {
  auto found = find_library(dirs_, name);
  if (!found)
    throw PluginError((dirs_.front() / (name + ".so")).string() + ": plugin '" + name +
                      "' is enabled in [plugins] enabled but its library is not in the plugin folder" +
                      (dirs_.size() > 1 ? "s " : " ") + describe_dirs(dirs_) + ". Install " + name +
                      ".so there, or remove '" + name + "' from [plugins] enabled.");
  const auto file = *found;
  auto p = std::make_unique<Plugin>();
  p->host = this;
  p->name = name;
  p->file = file;
  p->handle = open_library(file);
  p->version = read_version_block(p->handle, file);
  if (auto why = version_refusal(p->version, file, QT_ABI_MAJOR, QT_ABI_MINOR)) throw PluginError(*why);
  if (p->version.name != name)
    throw PluginError(file.string() + ": the library calls itself '" + p->version.name + "' but is installed as '" +
                      name + ".so' (name mismatch). Rename the file to " + p->version.name + ".so and enable '" +
                      p->version.name + "', or install the right library.");
  loaded_.push_back(std::move(p));
  return *loaded_.back();
}

void Host::init_one(Plugin& p) {
  const qt_plugin_init_fn init = find_init(p, refusal_prefix(p));
  // Configuration first: init may read it (the declared defaults come after init).
  if (auto it = services_.config.plugins.sections.find(p.name); it != services_.config.plugins.sections.end())
    p.config_section = it->second;
  take_config(p, p.config_section);
  adopt_descriptor(p, call_init(p, init, api_, refusal_prefix(p)), refusal_prefix(p) + "invalid descriptor: ");
  apply_settings(p, refusal_prefix(p));
  p.state.store(Plugin::State::initialised);
}

void Host::check_dependencies() {
  for (const auto& p : loaded_)
    for (const auto& dep : p->dependencies)
      if (!find(dep))
        throw PluginError(refusal_prefix(*p) + "missing dependency: it needs plugin '" + dep +
                          "', which is not enabled. Add '" + dep + "' to [plugins] enabled (and install " + dep +
                          ".so), or disable '" + p->name + "'.");
  // Depth-first topological order, stable in [plugins] enabled order; a cycle is refused.
  std::set<std::string> done, active;
  std::function<void(Plugin&)> visit = [&](Plugin& p) {
    if (done.count(p.name)) return;
    if (active.count(p.name))
      throw PluginError(refusal_prefix(p) + "its dependencies form a cycle; plugins cannot depend on each other in a circle.");
    active.insert(p.name);
    for (const auto& dep : p.dependencies) visit(*find(dep));
    active.erase(p.name);
    done.insert(p.name);
    order_.push_back(&p);
  };
  for (auto& p : loaded_) visit(*p);
}

void Host::migrate_one(Plugin& p) {
  if (p.migrations.empty()) return;
  auto& db = services_.db;
  try {
    auto list = db::select_migrations(p.migrations, db.dialect());
    db::Migrator migrator(db);
    auto status = migrator.status(p.name, list);
    if (status.newer_in_database())
      throw PluginError(refusal_prefix(p) + status.describe(p.name) + " Install the plugin version that made them.");
    int n = migrator.apply(p.name, list, [&](soci::session& s, const std::function<void()>& run) {
      guard_migration(db, s, p.name, run);
    });
    if (n > 0) log::info("applied plugin migrations", {{"plugin", p.name}, {"count", n}});
  } catch (const db::DbError& e) {
    throw PluginError(refusal_prefix(p) + "failed migration: " + e.what());
  }
}

void Host::start() {
  if (guest_key_.empty() && !order_.empty() && services_.websockets) {
    // Before any plugin runs: issuing and checking guest tokens (ABI 1.3) then needs no database.
    auto lease = services_.db.write();
    guest_key_ = accounts::instance_secret(*lease, "plugins.guest_token_key", now_ms());
  }
  for (auto* p : order_) {
    // Running first: jobs and events the plugin starts from start() must be accepted.
    p->state.store(Plugin::State::running);
    if (!(QT_HAS(p->desc, start) && p->desc.start)) continue;
    qt_status status = QT_ERR_INTERNAL;
    {
      PluginCall call(*p, true, "start");
      clear_last_error();
      p->in_start = true;
      try {
        status = p->desc.start(p->desc.state);
      } catch (...) {
        set_last_error("an exception escaped start()");
      }
      p->in_start = false;
    }
    if (status != QT_OK) {
      p->state.store(Plugin::State::stopped);
      throw PluginError(refusal_prefix(*p) + "start() failed with " + status_name(status) +
                        (last_error().empty() ? std::string() : ": " + last_error()));
    }
    log::info("plugin started", {{"plugin", p->name}});
  }
}

void Host::stop(std::chrono::steady_clock::duration drain_timeout) {
  if (stopped_) return;
  stopped_ = true;
  if (services_.jobs)
    for (auto id : timers_) services_.jobs->cancel(id);
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    Plugin& p = **it;
    bool was_running;
    {
      std::lock_guard lock(p.inflight_mutex);
      was_running = p.state.load() == Plugin::State::running;
      p.state.store(Plugin::State::stopping);
    }
    if (!p.drain(drain_timeout))
      log::warn("plugin calls still running after the shutdown grace period; stopping anyway", {{"plugin", p.name}});
    if (was_running && QT_HAS(p.desc, stop) && p.desc.stop) {
      PluginCall call(p, true, "stop");
      try {
        p.desc.stop(p.desc.state);
      } catch (...) {
        log::error("plugin stop() threw", {{"plugin", p.name}});
      }
    }
    p.state.store(Plugin::State::stopped);
  }
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    Plugin& p = **it;
    if (QT_HAS(p.desc, destroy) && p.desc.destroy) {
      PluginCall call(p, true, "destroy");
      try {
        p.desc.destroy(p.desc.state);
      } catch (...) {
        log::error("plugin destroy() threw", {{"plugin", p.name}});
      }
    }
    log::info("plugin stopped", {{"plugin", p.name}});
  }
}

http::Response Host::dispatch(Plugin& p, qt_handler_fn handler, void* user, http::Request& req) {
  PluginCall call(p, false, req.method + " " + req.route_pattern);
  if (!call.ok())
    throw http::HttpError(503, "plugin_unavailable",
                          "Das Modul '" + p.name + "' läuft gerade nicht; bitte gleich noch einmal versuchen. / The module '" +
                              p.name + "' is not running right now; please try again in a moment.");
  clear_last_error();
  qt_request qreq(req);
  qt_response qres;
  qres.language = req.language;  // res_error_ex picks the message by it
  qres.request = &req;
  qres.plugin = &p;
  qt_status status = QT_ERR_INTERNAL;
  try {
    status = handler(user, &qreq, &qres);
  } catch (...) {
    set_last_error("an exception crossed the plugin boundary (catch it in the plugin; quartier/plugin.hpp does)");
  }
  if (status != QT_OK) {
    log::error("plugin handler failed", {{"plugin", p.name}, {"route", req.route_pattern}, {"status", status},
                                         {"reason", last_error().empty() ? std::string("(none given)") : last_error()},
                                         {"request_id", req.request_id}});
    return http::Response::error(500, "plugin_error",
                                 "Das Modul '" + p.name + "' konnte die Anfrage nicht bearbeiten; bitte später erneut "
                                 "versuchen. Kennung: " + req.request_id + " / The module '" + p.name +
                                     "' could not handle this request; please try again later.");
  }
  return std::move(qres.response);
}

boost::json::value Host::export_user(Plugin& p, std::int64_t user_id, soci::session* s) {
  if (!(QT_HAS(p.desc, privacy_export) && p.desc.privacy_export)) return nullptr;
  // On the caller's connection, so an export never waits for a second one from the pool.
  std::optional<ThreadDb::ExternalTransaction> bind;
  if (s) bind.emplace(*s);
  PluginCall call(p, true, "privacy_export");
  clear_last_error();
  qt_export out;
  qt_status status = QT_ERR_INTERNAL;
  try {
    status = p.desc.privacy_export(p.desc.state, user_id, &out);
  } catch (...) {
    set_last_error("an exception escaped privacy_export()");
  }
  if (status != QT_OK)
    throw PluginError("plugin '" + p.name + "' could not export the person's data (status " + std::to_string(status) +
                      (last_error().empty() ? std::string(")") : "): " + last_error()));
  return out.value;
}

void Host::erase_user(Plugin& p, std::int64_t user_id, soci::session& tx) {
  if (!(QT_HAS(p.desc, privacy_erase) && p.desc.privacy_erase)) return;
  ThreadDb::ExternalTransaction bind(tx);
  qt_status status = QT_ERR_INTERNAL;
  bool failed_inside = false;
  {
    PluginCall call(p, true, "privacy_erase");
    clear_last_error();
    try {
      status = p.desc.privacy_erase(p.desc.state, user_id);
    } catch (...) {
      set_last_error("an exception escaped privacy_erase()");
    }
    failed_inside = ThreadDb::current().transaction_failed();
  }
  if (status != QT_OK || failed_inside)
    throw PluginError("plugin '" + p.name + "' could not erase the person's data (status " + std::to_string(status) +
                      (last_error().empty() ? std::string(")") : "): " + last_error()) +
                      "; the deletion was rolled back");
}

}  // namespace qt::plugin_host
