#pragma once
// Opening a plugin library and reading its version block: the only things the host does
// before it has decided to accept a plugin.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace qt::plugin_host {

// A plugin the host refuses; what() names the file and says what to do. Stops startup.
class PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct VersionBlock {
  std::uint32_t size = 0;
  int abi_major = 0;
  int abi_minor = 0;
  std::string name;
  std::string version;
};

// dlopen(RTLD_NOW | RTLD_LOCAL); the handle is never closed (code of a plugin may still be
// referenced by a thread or an atexit handler). Throws PluginError with dlerror().
void* open_library(const std::filesystem::path& file);

// Looks up quartier_plugin_version, calls it and copies the block. Throws PluginError when the
// symbol is missing or the block is malformed (NULL, too small, no name/version).
VersionBlock read_version_block(void* handle, const std::filesystem::path& file);

// Why this core (abi core_major.core_minor) refuses the block, or nullopt if it accepts it.
std::optional<std::string> version_refusal(const VersionBlock& block, const std::filesystem::path& file,
                                           int core_major, int core_minor);

// [a-z][a-z0-9_]{0,31}: plugin names are file names, URL segments, table prefixes and
// migration scopes at once.
bool valid_plugin_name(std::string_view name);

// "QT_ERR_INVALID (-1)" for a qt_status a plugin returned, so refusals name the error.
std::string status_name(std::int32_t status);

}  // namespace qt::plugin_host
