#include "platform/config/mapping.hpp"

#include <algorithm>
#include <limits>

#include "platform/config/fields.hpp"
#include "platform/config/render.hpp"
#include "platform/config/schema.hpp"

namespace json = boost::json;

namespace qt::config::detail {

namespace {

bool read(const json::value& v, std::string& out) {
  if (!v.is_string()) return false;
  out = v.get_string();
  return true;
}

bool read(const json::value& v, bool& out) {
  if (!v.is_bool()) return false;
  out = v.get_bool();
  return true;
}

bool read(const json::value& v, std::int64_t& out) {
  if (!v.is_int64()) return false;
  out = v.get_int64();
  return true;
}

bool read(const json::value& v, int& out) {
  if (!v.is_int64()) return false;
  const std::int64_t n = v.get_int64();
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) return false;
  out = static_cast<int>(n);
  return true;
}

bool read(const json::value& v, std::vector<std::string>& out) {
  if (!v.is_array()) return false;
  std::vector<std::string> items;
  for (const auto& item : v.get_array()) {
    if (!item.is_string()) return false;
    items.emplace_back(item.get_string());
  }
  out = std::move(items);
  return true;
}

// [plugins] dir: a string (one folder) or an array of strings.
bool read(const json::value& v, FolderList& out) {
  if (v.is_string()) {
    out = std::string(v.get_string());
    return true;
  }
  return read(v, out.items);
}

json::value write(const std::string& v) { return json::string(v); }
json::value write(bool v) { return v; }
json::value write(std::int64_t v) { return v; }
json::value write(int v) { return std::int64_t{v}; }
json::value write(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(json::string(s));
  return a;
}
json::value write(const FolderList& v) {
  if (v.items.size() <= 1) return json::string(v.items.empty() ? std::string() : v.items[0]);
  return write(v.items);
}

const json::value* find(const json::object& doc, std::string_view section, std::string_view key) {
  auto s = doc.find(section);
  if (s == doc.end() || !s->value().is_object()) return nullptr;
  auto k = s->value().get_object().find(key);
  return k == s->value().get_object().end() ? nullptr : &k->value();
}

const json::value& schema_default(std::string_view section, std::string_view key) {
  static const json::value none;
  const auto* s = key_schema(section, key);
  if (!s) return none;
  auto it = s->find("default");
  return it == s->end() ? none : it->value();
}

bool troubled_at(const std::set<Path>& troubled, const Path& path) {
  for (const auto& t : troubled)
    if (t.size() <= path.size() ? std::equal(t.begin(), t.end(), path.begin()) : std::equal(path.begin(), path.end(), t.begin()))
      return true;
  return false;
}

// [plugins.<name>] tables: every key of [plugins] the schema does not name.
void plugin_sections(const json::object& doc, PluginsConfig& plugins) {
  auto p = doc.find("plugins");
  if (p == doc.end() || !p->value().is_object()) return;
  const auto fixed = property_names(*section_schema("plugins"));
  for (const auto& kv : p->value().get_object()) {
    if (std::find(fixed.begin(), fixed.end(), kv.key()) != fixed.end()) continue;
    if (kv.value().is_object()) plugins.sections[std::string(kv.key())] = kv.value().get_object();
  }
}

}  // namespace

Config map_document(const json::object& doc, const SourceMap& origins, const std::set<Path>& troubled,
                    std::vector<Problem>& problems) {
  Config c;
  visit_fields(c, [&](std::string_view section, std::string_view key, auto& member) {
    const json::value* v = find(doc, section, key);
    const json::value& value = v ? *v : schema_default(section, key);
    if (read(value, member)) return;
    const Path path{std::string(section), std::string(key)};
    if (!troubled_at(troubled, path))
      problems.push_back(Problem{origins.lookup(path), describe(path, false) + " = " + render_value(value) +
                                                           ": out of range for this setting"});
  });
  plugin_sections(doc, c.plugins);
  return c;
}

std::vector<std::pair<std::string, std::string>> mapped_keys() {
  std::vector<std::pair<std::string, std::string>> keys;
  Config c;
  visit_fields(c, [&](std::string_view section, std::string_view key, auto&) { keys.emplace_back(section, key); });
  return keys;
}

}  // namespace qt::config::detail

namespace qt::config {

json::object to_json(const Config& config, bool include_secrets) {
  json::object out;
  Config copy = config;  // visit_fields hands out mutable members
  detail::visit_fields(copy, [&](std::string_view section, std::string_view key, auto& member) {
    json::value v = detail::write(member);
    if (!include_secrets) {
      if (detail::is_secret({std::string(section), std::string(key)})) {
        if (v.is_string() && !v.get_string().empty()) v = "***";
      } else if (v.is_string()) {
        v = json::string(detail::mask_url_password(std::string(v.get_string())));
      }
    }
    auto s = out.find(section);
    if (s == out.end()) s = out.emplace(section, json::object()).first;
    s->value().get_object()[key] = std::move(v);
  });
  auto& plugins = out["plugins"].as_object();
  for (const auto& [name, table] : config.plugins.sections) plugins[name] = table;
  return out;
}

}  // namespace qt::config
