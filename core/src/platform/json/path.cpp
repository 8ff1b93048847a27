#include "platform/json/path.hpp"

#include <charconv>

namespace qt::json {
namespace {

using Kind = PathError::Kind;

std::string quoted(std::string_view path) { return "'" + std::string(path) + "'"; }

const boost::json::value& member(const boost::json::value& at, std::string_view name, std::string_view walked) {
  const auto* obj = at.if_object();
  if (!obj)
    throw PathError(Kind::wrong_type, "field " + quoted(walked) + " must be an object, but it is " +
                                          std::string(kind_name(at)));
  auto it = obj->find(name);
  if (it == obj->end())
    throw PathError(Kind::missing, "field " + quoted(std::string(walked.empty() ? "" : std::string(walked) + ".") +
                                                     std::string(name)) + " is missing");
  return it->value();
}

const boost::json::value& element(const boost::json::value& at, std::string_view digits, std::string_view walked) {
  std::size_t index = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
    throw PathError(Kind::syntax, "path " + quoted(walked) + ": '[" + std::string(digits) + "]' is not an index");
  const auto* arr = at.if_array();
  if (!arr)
    throw PathError(Kind::wrong_type, "field " + quoted(walked.empty() ? "(body)" : walked) +
                                          " must be an array, but it is " + std::string(kind_name(at)));
  if (index >= arr->size())
    throw PathError(Kind::missing, "field " + quoted(std::string(walked) + "[" + std::string(digits) + "]") +
                                       " is missing (the array has " + std::to_string(arr->size()) + " elements)");
  return (*arr)[index];
}

}  // namespace

const boost::json::value& at_path(const boost::json::value& root, std::string_view path) {
  const boost::json::value* at = &root;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      auto close = path.find(']', i);
      if (close == std::string_view::npos) throw PathError(Kind::syntax, "path " + quoted(path) + ": '[' without ']'");
      at = &element(*at, path.substr(i + 1, close - i - 1), path.substr(0, i));
      i = close + 1;
      if (i < path.size() && path[i] == '.') {
        if (++i == path.size()) throw PathError(Kind::syntax, "path " + quoted(path) + " ends with '.'");
      } else if (i < path.size() && path[i] != '[') {
        throw PathError(Kind::syntax, "path " + quoted(path) + ": expected '.' or '[' after ']'");
      }
      continue;
    }
    auto end = path.find_first_of(".[]", i);
    if (end == std::string_view::npos) end = path.size();
    if (end == i || (end < path.size() && path[end] == ']'))
      throw PathError(Kind::syntax, "path " + quoted(path) + " has an empty member name or a stray ']'");
    at = &member(*at, path.substr(i, end - i), path.substr(0, i == 0 ? 0 : i - 1));
    i = end;
    if (i < path.size() && path[i] == '.' && ++i == path.size())
      throw PathError(Kind::syntax, "path " + quoted(path) + " ends with '.'");
  }
  return *at;
}

std::string_view kind_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "a value";
}

}  // namespace qt::json
