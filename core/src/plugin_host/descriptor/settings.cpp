#include "plugin_host/descriptor/settings.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "plugin_host/library.hpp"

namespace qt::plugin_host {
namespace {

const char* type_name(std::int32_t type) {
  switch (type) {
    case QT_SETTING_STRING: return "a string";
    case QT_SETTING_INT: return "an integer";
    case QT_SETTING_BOOL: return "true or false";
    case QT_SETTING_LIST: return "a list of strings";
  }
  return "?";
}

const char* type_word(std::int32_t type) {
  switch (type) {
    case QT_SETTING_STRING: return "string";
    case QT_SETTING_INT: return "int";
    case QT_SETTING_BOOL: return "bool";
    case QT_SETTING_LIST: return "list";
  }
  return "?";
}

bool fits(std::int32_t type, const boost::json::value& v) {
  switch (type) {
    case QT_SETTING_STRING: return v.is_string();
    case QT_SETTING_INT: return v.is_int64() || v.is_uint64();
    case QT_SETTING_BOOL: return v.is_bool();
    case QT_SETTING_LIST: {
      const auto* a = v.if_array();
      return a && std::all_of(a->begin(), a->end(), [](const auto& e) { return e.is_string(); });
    }
  }
  return false;
}

std::string found(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::string: return "a string";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a number with a fraction";
    case boost::json::kind::array: return "a list with a non-string element";
    case boost::json::kind::object: return "a table";
    case boost::json::kind::null: return "nothing";
  }
  return "something else";
}

bool valid_key(const std::string& k) {
  return !k.empty() && k.size() <= 64 && k[0] >= 'a' && k[0] <= 'z' &&
         std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

Setting read_one(const qt_setting& s, const std::string& refusal) {
  if (s.size < offsetof(qt_setting, secret) + sizeof(s.secret) || !s.key)
    throw PluginError(refusal + "a setting has no key or is smaller than qt_setting of ABI 1.2");
  Setting out;
  out.key = s.key;
  if (!valid_key(out.key)) throw PluginError(refusal + "setting key '" + out.key + "' must match [a-z][a-z0-9_]*");
  out.type = s.type;
  if (std::string(type_word(s.type)) == "?")
    throw PluginError(refusal + "setting '" + out.key + "' has an unknown type " + std::to_string(s.type));
  out.required = s.required != 0;
  out.secret = s.secret != 0;
  if (s.description_de) out.description_de = s.description_de;
  if (s.description_en) out.description_en = s.description_en;
  if (s.default_json && !out.required) {
    boost::system::error_code ec;
    auto v = boost::json::parse(s.default_json, ec);
    if (ec || !fits(s.type, v))
      throw PluginError(refusal + "the default of setting '" + out.key + "' is not " + type_name(s.type) +
                        " in JSON: " + s.default_json);
    out.default_value = std::move(v);
  }
  return out;
}

}  // namespace

std::vector<Setting> read_settings(const qt_setting* const* list, const std::string& refusal) {
  std::vector<Setting> out;
  for (auto s = list; s && *s; ++s) {
    auto one = read_one(**s, refusal);
    if (std::any_of(out.begin(), out.end(), [&](const Setting& o) { return o.key == one.key; }))
      throw PluginError(refusal + "setting '" + one.key + "' is declared twice");
    out.push_back(std::move(one));
  }
  return out;
}

std::vector<std::string> setting_problems(const std::string& plugin, const std::vector<Setting>& declared,
                                          const boost::json::object& section) {
  std::vector<std::string> problems;
  const std::string where = "[plugins." + plugin + "] ";
  std::string known;
  for (const auto& s : declared) known += (known.empty() ? "" : ", ") + s.key;
  for (const auto& [key, value] : section) {
    // Keys the core reads for every plugin (http_allow: the hosts http_fetch may reach).
    if (key == "http_allow") {
      if (!value.is_array() || std::any_of(value.as_array().begin(), value.as_array().end(),
                                           [](const boost::json::value& v) { return !v.is_string(); }))
        problems.push_back(where + "key 'http_allow' must be a list of host names, e.g. [\"api.example.de\"], "
                           "but it is " + found(value));
      continue;
    }
    // A copy to capture: clang 14 (the fuzz build) cannot capture a structured binding.
    const std::string_view name = key;
    auto it = std::find_if(declared.begin(), declared.end(), [&](const Setting& s) { return s.key == name; });
    if (it == declared.end())
      problems.push_back(where + "unknown key '" + std::string(key) + "': plugin '" + plugin + "' declares " +
                         (known.empty() ? std::string("no settings") : "only " + known));
    else if (!fits(it->type, value))
      problems.push_back(where + "key '" + it->key + "' must be " + type_name(it->type) + " (" + type_word(it->type) +
                         "), but it is " + found(value));
  }
  for (const auto& s : declared)
    if (s.required && !section.contains(s.key))
      problems.push_back(where + "required key '" + s.key + "' (" + type_name(s.type) + ") is missing" +
                         (s.description_en.empty() ? std::string() : ": " + s.description_en));
  return problems;
}

boost::json::object with_defaults(const std::vector<Setting>& declared, boost::json::object section) {
  for (const auto& s : declared)
    if (s.default_value && !section.contains(s.key)) section[s.key] = *s.default_value;
  return section;
}

boost::json::array settings_listing(const std::vector<Setting>& declared, const boost::json::object& section) {
  boost::json::array out;
  for (const auto& s : declared) {
    boost::json::object o;
    o["key"] = s.key;
    o["type"] = type_word(s.type);
    o["required"] = s.required;
    o["secret"] = s.secret;
    o["default"] = s.default_value && !s.secret ? *s.default_value : boost::json::value(nullptr);
    auto it = section.find(s.key);
    const boost::json::value* value = it != section.end() ? &it->value() : (s.default_value ? &*s.default_value : nullptr);
    o["value"] = !value ? boost::json::value(nullptr) : s.secret ? boost::json::value("(hidden)") : *value;
    o["description"] = boost::json::object{{"de", s.description_de}, {"en", s.description_en}};
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace qt::plugin_host
