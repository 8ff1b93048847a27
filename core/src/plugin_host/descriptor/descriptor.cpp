#include "plugin_host/descriptor/descriptor.hpp"

#include <algorithm>
#include <cstring>

namespace qt::plugin_host {
namespace {

// Copies a sized struct the plugin handed over: only the bytes both sides know, zero beyond.
template <class T>
T copy_sized(const T& from_plugin) {
  T out{};
  std::size_t n = std::min<std::size_t>(from_plugin.size, sizeof(T));
  std::memcpy(&out, &from_plugin, n);
  out.size = static_cast<std::uint32_t>(n);
  return out;
}

// The descriptor must name the library the version block described (name, version, ABI).
void check_identity(const Plugin& p, const std::string& refusal) {
  const auto& d = p.desc;
  if (!QT_HAS(d, version) || !d.name || !d.version) throw PluginError(refusal + "name and version are required");
  if (d.abi_major != p.version.abi_major || d.abi_minor != p.version.abi_minor)
    throw PluginError(refusal + "ABI " + std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor) +
                      " differs from the version block's " + std::to_string(p.version.abi_major) + "." +
                      std::to_string(p.version.abi_minor));
  if (p.version.name != d.name)
    throw PluginError(refusal + "name '" + d.name + "' differs from the version block's '" + p.version.name + "'");
  if (p.version.version != d.version)
    throw PluginError(refusal + "version '" + d.version + "' differs from the version block's '" +
                      p.version.version + "'");
}

// The optional members, each only if the plugin's struct is large enough to hold it.
void take_descriptor(Plugin& p, const std::string& refusal) {
  const auto& d = p.desc;
  if (QT_HAS(d, description) && d.description) p.description = d.description;
  if (QT_HAS(d, dependencies) && d.dependencies)
    for (auto dep = d.dependencies; *dep; ++dep) {
      if (!valid_plugin_name(*dep)) throw PluginError(refusal + "dependency '" + *dep + "' is not a plugin name");
      p.dependencies.emplace_back(*dep);
    }
  if (QT_HAS(d, threading)) {
    if (d.threading != QT_THREADING_MULTI && d.threading != QT_THREADING_SINGLE)
      throw PluginError(refusal + "threading must be QT_THREADING_MULTI or QT_THREADING_SINGLE");
    p.single_threaded = d.threading == QT_THREADING_SINGLE;
  }
  if (QT_HAS(d, migrations) && d.migrations)
    for (auto m = d.migrations; *m; ++m) {
      const qt_migration& mig = **m;
      if (mig.size < offsetof(qt_migration, sql) + sizeof(const char*) || !mig.name || !mig.sql)
        throw PluginError(refusal + "a migration has no name or SQL");
      p.migrations.emplace_back(mig.name, mig.sql);
    }
  if (QT_HAS(d, settings) && d.settings) {
    p.settings = read_settings(d.settings, refusal);
    p.declares_settings = true;
  }
  if (QT_HAS(d, ui_module) && d.ui_module) {
    if (!safe_relative_path(d.ui_module))
      throw PluginError(refusal + "ui_module '" + d.ui_module + "' must be a relative path inside the ui folder");
    p.ui_module = d.ui_module;
  }
}

}  // namespace

bool safe_relative_path(std::string_view p) {
  if (p.empty() || p.front() == '/' || p.find('\\') != std::string_view::npos || p.find('\0') != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= p.size()) {
    auto end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    auto seg = p.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    start = end + 1;
  }
  return true;
}


void adopt_descriptor(Plugin& p, qt_plugin_descriptor desc, const std::string& refusal) {
  // Whatever the plugin wrote: its size says how much (it may have assigned a smaller struct).
  if (desc.size == 0 || desc.size > sizeof desc) desc.size = sizeof desc;
  p.desc = copy_sized(desc);
  check_identity(p, refusal);
  take_descriptor(p, refusal);
}

}  // namespace qt::plugin_host
