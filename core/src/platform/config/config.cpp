#include "platform/config/config.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "platform/config/env_overrides.hpp"
#include "platform/config/mapping.hpp"
#include "platform/config/problem.hpp"
#include "platform/config/render.hpp"
#include "platform/config/schema.hpp"
#include "platform/config/semantic_checks.hpp"
#include "platform/config/suggest.hpp"
#include "platform/config/toml_reader.hpp"
#include "platform/config/validator.hpp"

extern char** environ;

namespace json = boost::json;

namespace qt::config {

namespace {

using detail::Path;

const json::value* value_at(const json::value& doc, const Path& path) {
  const json::value* v = &doc;
  for (const auto& item : path) {
    if (const auto* key = std::get_if<std::string>(&item)) {
      if (!v->is_object()) return nullptr;
      auto it = v->get_object().find(*key);
      if (it == v->get_object().end()) return nullptr;
      v = &it->value();
    } else {
      const auto i = std::get<std::size_t>(item);
      if (!v->is_array() || i >= v->get_array().size()) return nullptr;
      v = &v->get_array()[i];
    }
  }
  return v;
}

std::string shown_value(const Path& path, const json::value& v) {
  return detail::is_secret(path) ? "(hidden)" : detail::render_value(v);
}

// A key or table at the top level, where only [sections] belong.
std::string unknown_top_level(const std::string& name, const json::value& v) {
  const auto sections = detail::property_names(schema());
  std::vector<std::string> bracketed;
  for (const auto& s : sections) bracketed.push_back("[" + s + "]");
  if (v.is_object()) {
    std::string text = "[" + name + "]: unknown section";
    if (auto near = detail::closest(name, sections)) text += " (did you mean [" + *near + "]?)";
    return text + "; allowed sections: " + detail::join(bracketed);
  }
  // A key written before the first [section] header: say where a key of that name belongs.
  std::string text = name + " = " + shown_value({name}, v) + ": key outside any section";
  for (const auto& s : sections)
    if (detail::key_schema(s, name)) return text + "; it belongs under [" + s + "]";
  return text + "; every key belongs in one of " + detail::join(bracketed);
}

detail::Problem to_problem(const detail::Issue& issue, const json::value& doc, const detail::SourceMap& origins) {
  static const json::value missing;
  const json::value* found = value_at(doc, issue.path);
  const json::value& v = found ? *found : missing;
  const detail::Origin& origin = origins.lookup(issue.path);

  if (issue.kind == detail::Issue::Kind::unknown_key) {
    const std::string& name = std::get<std::string>(issue.path.back());
    if (issue.path.size() == 1) return {origin, unknown_top_level(name, v)};
    std::string text = detail::describe(issue.path, v.is_object()) + ": unknown key";
    if (auto near = detail::closest(name, issue.allowed)) text += " (did you mean " + *near + "?)";
    return {origin, text + "; allowed keys: " + detail::join(issue.allowed)};
  }
  std::string text = detail::describe(issue.path, v.is_object());
  if (issue.path.size() >= 2 && !v.is_object()) text += " = " + shown_value(issue.path, v);
  return {origin, text + ": " + issue.message};
}

Config load(std::string_view toml, const std::string& source_name, const Environment& env) {
  detail::SourceMap origins(source_name);
  std::vector<detail::Problem> problems;
  json::object doc;
  const bool parsed = detail::read_toml(toml, source_name, doc, origins, problems);
  detail::apply_environment(env, doc, origins, problems);

  const json::value whole(doc);
  std::set<Path> troubled;
  for (const auto& issue : detail::validate(schema(), whole)) {
    troubled.insert(issue.path);
    problems.push_back(to_problem(issue, whole, origins));
  }
  Config config = detail::map_document(doc, origins, troubled, problems);
  // After a syntax error the document is incomplete; cross-key checks would mislead.
  if (parsed) detail::check_semantics(config, origins, troubled, problems);
  if (!problems.empty()) throw ConfigError(detail::format_sorted(std::move(problems)));
  config.source = source_name;
  return config;
}

}  // namespace

ConfigError::ConfigError(const std::vector<std::string>& problems)
    : std::runtime_error(detail::join(problems, "\n")), problems_(problems) {}

Environment process_environment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string name(entry.substr(0, eq));
    if (name.rfind("QUARTIER_", 0) != 0 || detail::is_ignored_variable(name)) continue;
    env.emplace(name, std::string(entry.substr(eq + 1)));
  }
  return env;
}

Config load_string(std::string_view toml, std::string_view source_name, const Environment& env) {
  return load(toml, std::string(source_name), env);
}

Config load_file(const std::filesystem::path& file, const Environment& env) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const std::string reason = std::strerror(errno);
    throw ConfigError({file.string() + ": cannot read the configuration file (" + reason +
                       "); start from schemas/quartier.example.toml"});
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError({file.string() + ": cannot read the configuration file"});
  return load(text.str(), file.string(), env);
}

Config defaults() {
  Config c = load(std::string_view{}, "(built-in defaults)", {});
  c.source.clear();
  return c;
}

}  // namespace qt::config
