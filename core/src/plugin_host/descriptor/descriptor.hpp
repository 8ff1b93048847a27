#pragma once
// Checking the descriptor a plugin's init filled in: sized structs read only as far as the
// plugin wrote them, identity against the version block, and each optional member. Kept apart
// from the host so the checks can be driven from bytes (tests/fuzz/plugin_descriptor.cpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "plugin_host/loaded_plugin.hpp"
#include "quartier/plugin.h"

namespace qt::plugin_host {

// Whether a member (at offset off, size len) lies within the plugin's struct size.
inline bool has_member(std::uint32_t size, std::size_t off, std::size_t len) { return size >= off + len; }
#define QT_HAS(desc, member) \
  ::qt::plugin_host::has_member((desc).size, offsetof(qt_plugin_descriptor, member), sizeof((desc).member))

// A relative path of non-empty segments, none "." or "..", no backslash or NUL.
bool safe_relative_path(std::string_view p);

// Takes the descriptor init returned into p: only the bytes its size covers (a size of 0 or
// beyond ours counts as ours), then checks it names the library the version block described
// and reads the optional members (description, dependencies, threading, migrations, settings,
// ui_module). Throws PluginError prefixed by `refusal` for anything malformed.
void adopt_descriptor(Plugin& p, qt_plugin_descriptor desc, const std::string& refusal);

}  // namespace qt::plugin_host
