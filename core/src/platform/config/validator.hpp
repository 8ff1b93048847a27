#pragma once
// A validator for the subset of JSON Schema (draft 2020-12) that config.schema.json uses:
// type (string, integer, number, boolean, array, object), enum, minimum, maximum, pattern,
// minLength, maxLength, items, minItems, uniqueItems, properties, additionalProperties
// (false or a schema), propertyNames. "x-hint" is appended to constraint messages.
// Annotations (description, default, examples, writeOnly, title, $schema, $id) are accepted.
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "platform/config/path.hpp"

namespace qt::config::detail {

struct Issue {
  enum class Kind { unknown_key, wrong_type, constraint };
  Kind kind = Kind::constraint;
  Path path;
  std::string message;               // "must be at least 0 (0 = one per core)"
  std::vector<std::string> allowed;  // unknown_key: the keys the schema allows there
};

// Every issue of doc against schema, depth first in document order.
std::vector<Issue> validate(const boost::json::object& schema, const boost::json::value& doc);

// The keywords validate() understands; a schema using anything else is a defect.
const std::vector<std::string>& supported_keywords();

}  // namespace qt::config::detail
