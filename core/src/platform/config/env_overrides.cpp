#include "platform/config/env_overrides.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "platform/config/render.hpp"
#include "platform/config/schema.hpp"
#include "platform/config/suggest.hpp"

namespace json = boost::json;

namespace qt::config::detail {

namespace {

constexpr std::string_view kPrefix = "QUARTIER_";

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Target {
  std::string section;
  std::string key;
  const json::object* schema = nullptr;
};

// Section names contain no '_' ambiguity problem: we try every schema section as a prefix.
std::optional<Target> find_target(std::string_view name) {
  const std::string_view rest = name.substr(kPrefix.size());
  for (const auto& section : property_names(schema())) {
    const std::string prefix = upper(section) + "_";
    if (rest.size() <= prefix.size() || rest.substr(0, prefix.size()) != prefix) continue;
    const std::string key = lower(rest.substr(prefix.size()));
    if (upper(key) != rest.substr(prefix.size())) continue;  // variable names are upper-case
    if (const auto* s = key_schema(section, key)) return Target{section, key, s};
  }
  return std::nullopt;
}

std::vector<std::string> all_variable_names() {
  std::vector<std::string> names;
  for (const auto& section : property_names(schema()))
    for (const auto& key : property_names(*section_schema(section)))
      names.push_back(std::string(kPrefix) + upper(section) + "_" + upper(key));
  return names;
}

std::string unknown_variable_message(std::string_view name) {
  std::string message = "unknown variable";
  // Compare without the common prefix, so its length does not make everything look close.
  std::vector<std::string> suffixes;
  for (const auto& known : all_variable_names()) suffixes.push_back(known.substr(kPrefix.size()));
  if (auto near = closest(name.substr(kPrefix.size()), suffixes))
    message += " (did you mean " + std::string(kPrefix) + *near + "?)";
  message += "; overrides are named QUARTIER_<SECTION>_<KEY> for a key of the schema";
  if (name.substr(kPrefix.size()).rfind("PLUGINS_", 0) == 0)
    message += " (only [plugins] dir, enabled and call_warn_ms; [plugins.<name>] tables are set in the file)";
  return message;
}

std::string type_of(const json::object& s) {
  auto it = s.find("type");
  return it != s.end() && it->value().is_string() ? std::string(it->value().get_string()) : "string";
}

// The text of a variable as a value of the schema's type; nullopt with a reason if it is not one.
std::optional<json::value> convert(std::string_view text, const json::object& s, std::string& why) {
  const std::string type = type_of(s);
  if (type == "string") return json::value(json::string(text));
  if (type == "integer") {
    const std::string_view t = trim(text);
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (t.empty() || ec != std::errc{} || end != t.data() + t.size()) {
      why = "must be " + expected_type_text(type);
      return std::nullopt;
    }
    return json::value(n);
  }
  if (type == "number") {
    const std::string_view t = trim(text);
    double d = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
    if (t.empty() || ec != std::errc{} || end != t.data() + t.size()) {
      why = "must be " + expected_type_text(type);
      return std::nullopt;
    }
    return json::value(d);
  }
  if (type == "boolean") {
    const std::string t = lower(trim(text));
    if (t == "true" || t == "1") return json::value(true);
    if (t == "false" || t == "0") return json::value(false);
    why = "must be true, false, 1 or 0";
    return std::nullopt;
  }
  if (type == "array") {
    // Comma-separated; an empty variable is an empty array.
    json::array items;
    auto it = s.find("items");
    const json::object no_schema;
    const json::object& item_schema = it != s.end() && it->value().is_object() ? it->value().get_object() : no_schema;
    if (trim(text).empty()) return json::value(items);
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = text.find(',', start);
      const std::string_view part = trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      auto item = convert(part, item_schema, why);
      if (!item) {
        why = "comma-separated entries each " + why;
        return std::nullopt;
      }
      items.push_back(std::move(*item));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    return json::value(items);
  }
  why = "cannot be set from the environment";
  return std::nullopt;
}

}  // namespace

bool is_ignored_variable(std::string_view name) {
  return name == "QUARTIER_CONFIG" || name.substr(0, 14) == "QUARTIER_TEST_";
}

void apply_environment(const Environment& env, json::object& doc, SourceMap& origins, std::vector<Problem>& problems) {
  for (const auto& [name, text] : env) {
    if (name.size() <= kPrefix.size() || name.substr(0, kPrefix.size()) != kPrefix || is_ignored_variable(name)) continue;
    Origin origin;
    origin.file = origins.root().file;
    origin.env_var = name;

    const auto target = find_target(name);
    if (!target) {
      problems.push_back(Problem{origin, unknown_variable_message(name)});
      continue;
    }

    const Path path{target->section, target->key};
    std::string why;
    auto value = convert(text, *target->schema, why);
    if (!value) {
      const std::string shown = is_secret(path) ? "(hidden)" : render_value(json::string(text));
      problems.push_back(Problem{origin, describe(path, false) + " = " + shown + ": " + why});
      continue;
    }
    auto section = doc.find(target->section);
    if (section == doc.end()) section = doc.emplace(target->section, json::object()).first;
    if (!section->value().is_object()) continue;  // the file's wrong type is reported by validation
    section->value().get_object()[target->key] = std::move(*value);
    origins.replace_subtree(path, origin);
  }
}

}  // namespace qt::config::detail
