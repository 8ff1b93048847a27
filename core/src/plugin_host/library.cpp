#include "plugin_host/library.hpp"

#include <cstddef>
#include <cstring>

#include <dlfcn.h>

#include "quartier/plugin.h"

namespace qt::plugin_host {

bool valid_plugin_name(std::string_view name) {
  if (name.empty() || name.size() > 32 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string status_name(std::int32_t status) {
  const char* name = nullptr;
  switch (status) {
    case QT_OK: name = "QT_OK"; break;
    case QT_ROW: name = "QT_ROW"; break;
    case QT_DONE: name = "QT_DONE"; break;
    case QT_ERR_INVALID: name = "QT_ERR_INVALID"; break;
    case QT_ERR_NOT_FOUND: name = "QT_ERR_NOT_FOUND"; break;
    case QT_ERR_DATABASE: name = "QT_ERR_DATABASE"; break;
    case QT_ERR_DENIED: name = "QT_ERR_DENIED"; break;
    case QT_ERR_STATE: name = "QT_ERR_STATE"; break;
    case QT_ERR_UNSUPPORTED: name = "QT_ERR_UNSUPPORTED"; break;
    case QT_ERR_CONFLICT: name = "QT_ERR_CONFLICT"; break;
    case QT_ERR_INTERNAL: name = "QT_ERR_INTERNAL"; break;
  }
  return name ? std::string(name) + " (" + std::to_string(status) + ")" : "unknown status " + std::to_string(status);
}

void* open_library(const std::filesystem::path& file) {
  dlerror();
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    throw PluginError(file.string() + ": cannot be loaded: " + (why ? why : "unknown reason") +
                      ". Rebuild the plugin for this system or remove it from [plugins] enabled.");
  }
  return handle;
}

VersionBlock read_version_block(void* handle, const std::filesystem::path& file) {
  dlerror();
  void* sym = dlsym(handle, QT_PLUGIN_VERSION_SYMBOL);
  if (!sym)
    throw PluginError(file.string() + ": is not a Quartier plugin: it does not export " QT_PLUGIN_VERSION_SYMBOL
                      "(). Build it against quartier/plugin.h and mark the function with QT_PLUGIN_EXPORT.");
  qt_plugin_version_fn fn = nullptr;
  static_assert(sizeof fn == sizeof sym);
  std::memcpy(&fn, &sym, sizeof fn);  // object pointer to function pointer, as POSIX allows
  const qt_plugin_version* v = fn();
  if (!v) throw PluginError(file.string() + ": " QT_PLUGIN_VERSION_SYMBOL "() returned NULL; it must return its static version block.");
  // The 1.0 block ends after `version`; every later member is optional.
  constexpr std::size_t minimum = offsetof(qt_plugin_version, version) + sizeof(const char*);
  if (v->size < minimum)
    throw PluginError(file.string() + ": its version block is " + std::to_string(v->size) + " bytes, smaller than any " +
                      "Quartier ABI (" + std::to_string(minimum) + "): the file is damaged or not a plugin.");
  VersionBlock b;
  b.size = v->size;
  b.abi_major = v->abi_major;
  b.abi_minor = v->abi_minor;
  if (!v->name || !v->version)
    throw PluginError(file.string() + ": its version block has no name or version string.");
  b.name = v->name;
  b.version = v->version;
  return b;
}

std::optional<std::string> version_refusal(const VersionBlock& b, const std::filesystem::path& file, int core_major,
                                           int core_minor) {
  const std::string plugin_abi = std::to_string(b.abi_major) + "." + std::to_string(b.abi_minor);
  const std::string core_abi = std::to_string(core_major) + "." + std::to_string(core_minor);
  if (b.abi_major != core_major)
    return file.string() + ": plugin '" + b.name + "' " + b.version + " was built for plugin ABI " + plugin_abi +
           ", but this Quartier provides ABI " + core_abi + " (a different major version is incompatible). " +
           (b.abi_major > core_major ? "Upgrade Quartier, or install a plugin version built for ABI " + std::to_string(core_major) + ".x."
                                     : "Install a plugin version rebuilt for ABI " + std::to_string(core_major) + ".x.");
  if (b.abi_minor > core_minor)
    return file.string() + ": plugin '" + b.name + "' " + b.version + " needs plugin ABI " + plugin_abi +
           ", newer than this Quartier's ABI " + core_abi + ". Upgrade Quartier, or install a plugin version built for ABI " +
           core_abi + " or older.";
  if (!valid_plugin_name(b.name))
    return file.string() + ": plugin name '" + b.name + "' is not valid: use 1-32 characters a-z, 0-9 and _, starting with a letter.";
  return std::nullopt;
}

}  // namespace qt::plugin_host
