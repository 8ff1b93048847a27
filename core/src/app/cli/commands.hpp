#pragma once
// The subcommands of `quartier`: serve, migrate, check-config, version (and the commands
// modules add: backup, restore, check-blobs, plugins, user, demo-data).
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "platform/config/config.hpp"

namespace qt::cli {

struct Context {
  std::string config_file;  // --config
  int exit_code = 0;

  // The configuration to use: --config, else $QUARTIER_CONFIG, else ./quartier.toml, else
  // defaults (with overrides). Throws config::ConfigError.
  config::Config load_config() const;
};

void add_commands(CLI::App& app, Context& ctx);

// Runs fn, turning the errors an operator can meet into a message on stderr and an exit code
// (2 config, 3 database, 4 plugins, 1 other) stored in ctx.
void guarded(Context& ctx, const std::function<int()>& fn);

}  // namespace qt::cli
