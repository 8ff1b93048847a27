#pragma once
// `quartier demo-data`: a fictional town to try Quartier with (scripts/run calls it once).
#include <CLI/CLI.hpp>

#include "app/cli/commands.hpp"

namespace qt::cli {

void add_demo_data_command(CLI::App& app, Context& ctx);

}  // namespace qt::cli
