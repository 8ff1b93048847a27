#pragma once
// Finds a value in a JSON document by a path such as "address.street" or "items[2].id", so a
// plain-C plugin can read a request body field by field without a parser of its own.
//
// Syntax: member names separated by '.', array indexes in brackets ("[0]"); "" is the document
// itself. A member name is any text without '.', '[' or ']'.
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace qt::json {

class PathError : public std::runtime_error {
 public:
  enum class Kind { syntax, missing, wrong_type };
  PathError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// The value at `path`. Throws PathError: syntax for a malformed path, missing when a member or
// index is absent, wrong_type when the path steps into something that is not an object/array.
const boost::json::value& at_path(const boost::json::value& root, std::string_view path);

// "a string", "a number", "an object", ... for messages that say what was found.
std::string_view kind_name(const boost::json::value& v);

}  // namespace qt::json
