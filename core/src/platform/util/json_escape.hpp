#pragma once
// JSON string escaping for text built by hand (log lines, config values shown to the operator):
// quotes, backslashes and every control character are escaped, so a value can never end the
// string or break the line it is written into. (Boost.JSON escapes what it serialises itself;
// quartier/plugin.hpp keeps its own copy, as it must stay self-contained for plugin authors.)
#include <string>
#include <string_view>

namespace qt::util {

// Appends s escaped, without the surrounding quotes.
void append_json_escaped(std::string& out, std::string_view s);

// s escaped and in double quotes.
std::string json_quoted(std::string_view s);

}  // namespace qt::util
