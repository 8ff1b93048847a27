#pragma once
// TOML text -> a JSON document the schema validator can check, remembering the line of
// every key and value so each problem can point at it.
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "platform/config/problem.hpp"

namespace qt::config::detail {

// Fills doc and lines. On a syntax error adds one problem (toml++ stops at the first)
// and returns false.
bool read_toml(std::string_view text, const std::string& source_name, boost::json::object& doc,
               SourceMap& lines, std::vector<Problem>& problems);

}  // namespace qt::config::detail
