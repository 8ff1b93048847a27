// quartier: the server and its command line.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cli/commands.hpp"
#include "platform/util/version_info.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"Quartier " QUARTIER_VERSION_STRING
               ": a self-hosted social network for a municipality and its residents."};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", QUARTIER_VERSION_STRING);
  qt::cli::Context ctx;
  cli.add_option("-c,--config", ctx.config_file,
                 "Configuration file (TOML). Default: $QUARTIER_CONFIG, else ./quartier.toml if present, else "
                 "built-in defaults.")
      ->check(CLI::ExistingFile);
  cli.fallthrough();
  qt::cli::add_commands(cli, ctx);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return ctx.exit_code;
}
