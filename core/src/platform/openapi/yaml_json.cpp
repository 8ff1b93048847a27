#include "platform/openapi/yaml_json.hpp"

#include <charconv>
#include <cstdint>
#include <string>

#include <yaml-cpp/yaml.h>

namespace qt::openapi {
namespace {

std::string where(const YAML::Mark& m) {
  return "line " + std::to_string(m.line + 1) + ", column " + std::to_string(m.column + 1);
}

// A plain (unquoted) scalar read as the YAML 1.2 core schema reads it.
boost::json::value plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::int64_t i = 0;
  auto [iend, iec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (iec == std::errc() && iend == s.data() + s.size()) return i;
  double d = 0;
  auto [dend, dec] = std::from_chars(s.data(), s.data() + s.size(), d);
  bool numeric = s.find_first_not_of("0123456789+-.eE") == std::string::npos;
  if (numeric && dec == std::errc() && dend == s.data() + s.size()) return d;
  return boost::json::value(s);
}

boost::json::value convert(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar:
      // yaml-cpp tags a plain scalar "?" and a quoted one "!".
      return node.Tag() == "?" ? plain_scalar(node.Scalar()) : boost::json::value(node.Scalar());
    case YAML::NodeType::Sequence: {
      boost::json::array a;
      for (const auto& item : node) a.push_back(convert(item));
      return a;
    }
    case YAML::NodeType::Map: {
      boost::json::object o;
      for (const auto& kv : node) {
        if (!kv.first.IsScalar())
          throw ParseError("a key that is not a string at " + where(kv.first.Mark()));
        o[kv.first.Scalar()] = convert(kv.second);
      }
      return o;
    }
  }
  return nullptr;
}

}  // namespace

boost::json::value yaml_to_json(std::string_view text) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw ParseError(e.msg + " at " + where(e.mark));
  }
  return convert(root);
}

}  // namespace qt::openapi
