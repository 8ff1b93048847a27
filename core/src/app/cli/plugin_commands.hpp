#pragma once
// `quartier plugins list` and `quartier plugins check FILE`.
//   list:  every <name>.so in the plugin folder and every enabled name: enabled?, version,
//          plugin ABI, and whether this core accepts it (or why not). Opens each library found
//          to read its version block (the server itself opens only enabled plugins).
//   check: opens FILE, calls only its version function and says whether this core accepts
//          it; exit code 0 = accepted, 4 = refused.
#include <CLI/CLI.hpp>

#include "app/cli/commands.hpp"

namespace qt::plugin_host {

void add_plugin_commands(CLI::App& app, cli::Context& ctx);

}  // namespace qt::plugin_host
