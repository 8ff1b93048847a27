#include "platform/config/validator.hpp"

#include <regex>
#include <stdexcept>

#include "platform/config/render.hpp"
#include "platform/config/schema.hpp"

namespace json = boost::json;

namespace qt::config::detail {

namespace {

const json::value* member(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->value();
}

std::string with_hint(std::string message, const json::object& schema) {
  if (const auto* hint = member(schema, "x-hint"); hint && hint->is_string())
    message += " (" + std::string(hint->get_string()) + ")";
  return message;
}

bool is_integer(const json::value& v) { return v.is_int64() || v.is_uint64(); }

std::string actual_type_text(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string: return "a string";
    case json::kind::int64:
    case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a float";
    case json::kind::bool_: return "a boolean";
    case json::kind::array: return "an array";
    case json::kind::object: return "a table";
    case json::kind::null: return "empty";
  }
  return "something else";
}

bool has_type(const json::value& v, std::string_view type) {
  if (type == "string") return v.is_string();
  if (type == "integer") return is_integer(v);
  if (type == "number") return is_integer(v) || v.is_double();
  if (type == "boolean") return v.is_bool();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  throw std::logic_error("config schema uses unsupported type \"" + std::string(type) + "\"");
}

// -1, 0, 1 comparing two JSON numbers exactly when both are integers.
int compare_numbers(const json::value& a, const json::value& b) {
  if (a.is_int64() && b.is_int64()) return a.get_int64() < b.get_int64() ? -1 : (a.get_int64() > b.get_int64() ? 1 : 0);
  const double x = a.to_number<double>();
  const double y = b.to_number<double>();
  return x < y ? -1 : (x > y ? 1 : 0);
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string enum_text(const json::array& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += render_value(values[i]);
  }
  return out;
}

class Validator {
 public:
  explicit Validator(std::vector<Issue>& out) : out_(out) {}

  void check(const json::object& schema, const json::value& v, Path& path) {
    if (!check_type(schema, v, path)) return;
    check_enum(schema, v, path);
    if (v.is_string()) check_string(schema, v.get_string(), path);
    if (v.is_number()) check_number(schema, v, path);
    if (v.is_array()) check_array(schema, v.get_array(), path);
    if (v.is_object()) check_object(schema, v.get_object(), path);
  }

 private:
  void add(Issue::Kind kind, const Path& path, std::string message, std::vector<std::string> allowed = {}) {
    out_.push_back(Issue{kind, path, std::move(message), std::move(allowed)});
  }

  bool check_type(const json::object& schema, const json::value& v, const Path& path) {
    const auto* type = member(schema, "type");
    if (!type) return true;
    // "type" is one name or a list of names (any of them).
    std::string expected;
    for (const auto& t : type->is_array() ? type->get_array() : json::array{*type}) {
      if (has_type(v, t.as_string())) return true;
      expected += (expected.empty() ? "" : " or ") + expected_type_text(t.as_string());
    }
    add(Issue::Kind::wrong_type, path, with_hint("must be " + expected + ", not " + actual_type_text(v), schema));
    return false;
  }

  void check_enum(const json::object& schema, const json::value& v, const Path& path) {
    const auto* values = member(schema, "enum");
    if (!values) return;
    for (const auto& allowed : values->as_array())
      if (allowed == v) return;
    add(Issue::Kind::constraint, path, with_hint("must be one of " + enum_text(values->as_array()), schema));
  }

  void check_string(const json::object& schema, std::string_view s, const Path& path) {
    if (const auto* min = member(schema, "minLength"); min && code_points(s) < min->to_number<std::size_t>()) {
      const auto n = min->to_number<std::size_t>();
      add(Issue::Kind::constraint, path,
          with_hint(n == 1 ? std::string("must not be empty") : "must be at least " + std::to_string(n) + " characters long", schema));
    }
    if (const auto* max = member(schema, "maxLength"); max && code_points(s) > max->to_number<std::size_t>())
      add(Issue::Kind::constraint, path,
          with_hint("must be at most " + std::to_string(max->to_number<std::size_t>()) + " characters long", schema));
    if (const auto* pattern = member(schema, "pattern")) {
      const std::string p(pattern->as_string());
      // JSON Schema patterns are unanchored: a match anywhere counts.
      if (!std::regex_search(s.begin(), s.end(), std::regex(p, std::regex::ECMAScript)))
        add(Issue::Kind::constraint, path, with_hint("must match " + p, schema));
    }
  }

  void check_number(const json::object& schema, const json::value& v, const Path& path) {
    if (const auto* min = member(schema, "minimum"); min && compare_numbers(v, *min) < 0)
      add(Issue::Kind::constraint, path, with_hint("must be at least " + render_value(*min), schema));
    if (const auto* max = member(schema, "maximum"); max && compare_numbers(v, *max) > 0)
      add(Issue::Kind::constraint, path, with_hint("must be at most " + render_value(*max), schema));
  }

  void check_array(const json::object& schema, const json::array& a, Path& path) {
    if (const auto* min = member(schema, "minItems"); min && a.size() < min->to_number<std::size_t>()) {
      const auto n = min->to_number<std::size_t>();
      add(Issue::Kind::constraint, path,
          with_hint(n == 1 ? std::string("must list at least one entry") : "must list at least " + std::to_string(n) + " entries", schema));
    }
    if (const auto* unique = member(schema, "uniqueItems"); unique && unique->as_bool()) {
      for (std::size_t i = 0; i < a.size(); ++i) {
        bool first = true;
        for (std::size_t j = 0; j < i; ++j) first = first && !(a[j] == a[i]);
        bool repeated = false;
        for (std::size_t j = i + 1; j < a.size(); ++j) repeated = repeated || a[j] == a[i];
        if (first && repeated)
          add(Issue::Kind::constraint, path, "must not list " + render_value(a[i]) + " more than once");
      }
    }
    if (const auto* items = member(schema, "items")) {
      for (std::size_t i = 0; i < a.size(); ++i) {
        path.emplace_back(i);
        check(items->as_object(), a[i], path);
        path.pop_back();
      }
    }
  }

  void check_object(const json::object& schema, const json::object& o, Path& path) {
    const auto* props_value = member(schema, "properties");
    const json::object* props = props_value ? &props_value->as_object() : nullptr;
    const auto* additional = member(schema, "additionalProperties");
    const auto* names = member(schema, "propertyNames");
    for (const auto& kv : o) {
      path.emplace_back(std::string(kv.key()));
      if (names) {
        const json::value name(kv.key());
        std::vector<Issue> name_issues;
        Validator(name_issues).check(names->as_object(), name, path);
        for (auto& issue : name_issues) add(Issue::Kind::constraint, path, "name " + issue.message);
      }
      const json::value* sub = props ? member(*props, kv.key()) : nullptr;
      if (sub) {
        check(sub->as_object(), kv.value(), path);
      } else if (additional && additional->is_bool() && !additional->as_bool()) {
        add(Issue::Kind::unknown_key, path, "unknown key", property_names(schema));
      } else if (additional && additional->is_object()) {
        check(additional->as_object(), kv.value(), path);
      }
      path.pop_back();
    }
  }

  std::vector<Issue>& out_;
};

}  // namespace

std::vector<Issue> validate(const json::object& schema, const json::value& doc) {
  std::vector<Issue> issues;
  Path path;
  Validator(issues).check(schema, doc, path);
  return issues;
}

const std::vector<std::string>& supported_keywords() {
  static const std::vector<std::string> keywords = {
      "$schema", "$id", "title", "description", "default", "examples", "writeOnly", "x-hint",
      "type", "enum", "minimum", "maximum", "pattern", "minLength", "maxLength", "items",
      "minItems", "uniqueItems", "properties", "additionalProperties", "propertyNames"};
  return keywords;
}

}  // namespace qt::config::detail
