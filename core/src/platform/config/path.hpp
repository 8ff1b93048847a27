#pragma once
// A location inside the configuration document: section, key, array index, plugin key...
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace qt::config::detail {

using PathItem = std::variant<std::string, std::size_t>;
using Path = std::vector<PathItem>;

// How an operator finds the spot in a TOML file: "[server] threads", "[plugins] enabled[1]",
// "[plugins.groups]" (is_table) or "[server]" for a whole section.
std::string describe(const Path& path, bool is_table);

// "server.threads", for messages that name a key without TOML brackets.
std::string dotted(const Path& path);

}  // namespace qt::config::detail
