#include "platform/config/schema.hpp"

#include <stdexcept>

#include <boost/json/parse.hpp>

#include "platform/config/config.hpp"
#include "platform/util/embedded.hpp"

namespace json = boost::json;

namespace qt::config {

const json::object& schema() {
  // Parsed once; the embedded text is part of the binary, so a failure is a build defect.
  static const json::object parsed = [] {
    auto text = qt::embedded::find("config.schema.json");
    if (!text) throw std::logic_error("config.schema.json is not embedded in this binary");
    json::value v = json::parse(*text);
    if (!v.is_object()) throw std::logic_error("config.schema.json is not a JSON object");
    return v.as_object();
  }();
  return parsed;
}

}  // namespace qt::config

namespace qt::config::detail {

namespace {

const json::object* object_member(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? &it->value().as_object() : nullptr;
}

}  // namespace

std::vector<std::string> property_names(const json::object& object_schema) {
  std::vector<std::string> names;
  if (const auto* props = object_member(object_schema, "properties"))
    for (const auto& kv : *props) names.emplace_back(kv.key());
  return names;
}

const json::object* section_schema(std::string_view section) {
  const auto* props = object_member(schema(), "properties");
  return props ? object_member(*props, section) : nullptr;
}

const json::object* key_schema(std::string_view section, std::string_view key) {
  const auto* s = section_schema(section);
  const auto* props = s ? object_member(*s, "properties") : nullptr;
  return props ? object_member(*props, key) : nullptr;
}

const json::object* schema_at(const Path& path) {
  const json::object* node = &schema();
  for (const auto& item : path) {
    if (const auto* key = std::get_if<std::string>(&item)) {
      const auto* props = object_member(*node, "properties");
      const json::object* next = props ? object_member(*props, *key) : nullptr;
      if (!next) next = object_member(*node, "additionalProperties");
      node = next;
    } else {
      node = object_member(*node, "items");
    }
    if (!node) return nullptr;
  }
  return node;
}

bool is_secret(const Path& path) {
  // A secret's array items or sub-keys are secret too.
  Path prefix;
  for (const auto& item : path) {
    prefix.push_back(item);
    const auto* s = schema_at(prefix);
    if (!s) return false;
    auto it = s->find("writeOnly");
    if (it != s->end() && it->value().is_bool() && it->value().as_bool()) return true;
  }
  return false;
}

std::string expected_type_text(std::string_view schema_type) {
  if (schema_type == "string") return "a string (in quotes)";
  if (schema_type == "integer") return "an integer";
  if (schema_type == "number") return "a number";
  if (schema_type == "boolean") return "true or false";
  if (schema_type == "array") return "an array [...]";
  if (schema_type == "object") return "a table";
  return std::string(schema_type);
}

}  // namespace qt::config::detail
