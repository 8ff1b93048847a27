#pragma once
// `quartier user add|list|set-role|disable|enable` for operators (the first admin is made here).
// main.cpp / cli::add_commands calls add_user_commands(app, ctx) once.
#include <CLI/CLI.hpp>

#include "app/cli/commands.hpp"

namespace qt::accounts {

void add_user_commands(CLI::App& app, cli::Context& ctx);

}  // namespace qt::accounts
