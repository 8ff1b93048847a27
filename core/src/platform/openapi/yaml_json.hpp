#pragma once
// YAML (1.2 core schema, so JSON too) to Boost.JSON, for the OpenAPI description and the
// plugins' fragments. Plain scalars become null, booleans and numbers as JSON would read them;
// quoted scalars stay strings. Anchors and aliases are expanded by yaml-cpp.
#include <stdexcept>
#include <string_view>

#include <boost/json/value.hpp>

namespace qt::openapi {

// Thrown for text that is not YAML, or YAML that JSON cannot hold (a non-string key);
// what() names the line and column.
struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

boost::json::value yaml_to_json(std::string_view text);

}  // namespace qt::openapi
