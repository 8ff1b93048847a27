#pragma once
// Navigating the embedded config schema (schemas/config.schema.json).
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "platform/config/path.hpp"

namespace qt::config::detail {

// The property names of an object schema, in the order the schema lists them.
std::vector<std::string> property_names(const boost::json::object& object_schema);

// The schema of [section] (nullptr if there is no such section).
const boost::json::object* section_schema(std::string_view section);

// The schema of [section] key (nullptr if unknown; plugin tables are not keys).
const boost::json::object* key_schema(std::string_view section, std::string_view key);

// The schema that governs the value at path (following properties, additionalProperties
// and items), or nullptr.
const boost::json::object* schema_at(const Path& path);

// A secret: the schema marks it writeOnly. Its value never appears in messages or output.
bool is_secret(const Path& path);

// "a string", "an integer", "true or false"... for the schema type name.
std::string expected_type_text(std::string_view schema_type);

}  // namespace qt::config::detail
