#pragma once
// What serve (and check-config, which answers for it) needs beyond a valid file: a known
// public_url, unless the operator said this is a development server. Other commands (migrate,
// user add, ...) run without it.
#include <optional>
#include <string>

#include "platform/config/config.hpp"

namespace qt::app {

// A problem in the style of ConfigError's lines, or nothing when serve may start.
std::optional<std::string> serve_requirement_problem(const config::Config& c);

}  // namespace qt::app
