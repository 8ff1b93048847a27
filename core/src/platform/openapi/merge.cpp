#include "platform/openapi/merge.hpp"

#include <set>
#include <utility>

#include "platform/openapi/yaml_json.hpp"
#include "platform/util/embedded.hpp"

namespace qt::openapi {
namespace {

namespace json = boost::json;

const json::object& object_at(const json::object& o, std::string_view key) {
  static const json::object empty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? it->value().as_object() : empty;
}

// Calls fn(operationId) for every operation of a paths object.
template <class Fn>
void each_operation_id(const json::object& paths, Fn&& fn) {
  for (const auto& [path, item] : paths) {
    if (!item.is_object()) continue;
    for (const auto& [method, op] : item.as_object())
      if (op.is_object())
        if (auto* id = op.as_object().if_contains("operationId"); id && id->is_string())
          fn(std::string_view(id->as_string()), std::string_view(path));
  }
}

std::string label(std::string_view plugin) { return "plugin '" + std::string(plugin) + "'"; }

}  // namespace

json::object core_description() {
  auto text = embedded::find("openapi.yaml");
  if (!text) throw std::logic_error("schemas/openapi.yaml is not compiled in");
  return yaml_to_json(*text).as_object();
}

Merger::Merger(json::object core) : doc_(std::move(core)) {
  const auto& paths = object_at(doc_, "paths");
  for (const auto& kv : paths) path_owner_.emplace(std::string(kv.key()), "the core");
  each_operation_id(paths, [&](std::string_view id, std::string_view) { operation_owner_.emplace(id, "the core"); });
  for (const auto& [section, entries] : object_at(doc_, "components"))
    if (entries.is_object())
      for (const auto& kv : entries.as_object())
        component_owner_.emplace(std::string(section) + "/" + std::string(kv.key()), "the core");
}

std::string Merger::owner_of(const std::map<std::string, std::string, std::less<>>& owners,
                             std::string_view key) const {
  auto it = owners.find(key);
  return it == owners.end() ? "" : it->second;
}

void Merger::check_paths(std::string_view plugin, const json::object& paths) const {
  std::string prefix = "/api/p/" + std::string(plugin) + "/";
  for (const auto& kv : paths) {
    std::string_view path = kv.key();
    if (path.substr(0, prefix.size()) != prefix && path != prefix.substr(0, prefix.size() - 1))
      throw FragmentError("the path '" + std::string(path) + "' is not under " + prefix +
                          " (a plugin describes only its own routes)");
    if (auto owner = owner_of(path_owner_, path); !owner.empty())
      throw FragmentError("the path '" + std::string(path) + "' is already described by " + owner);
    if (!kv.value().is_object()) throw FragmentError("the path '" + std::string(path) + "' is not an object");
  }
  std::set<std::string, std::less<>> own;
  each_operation_id(paths, [&](std::string_view id, std::string_view path) {
    if (auto owner = owner_of(operation_owner_, id); !owner.empty() || !own.emplace(id).second)
      throw FragmentError("the operationId '" + std::string(id) + "' of '" + std::string(path) +
                          "' is already used by " + (owner.empty() ? "another of its operations" : owner) +
                          " (operationIds are unique in the merged description; prefix them with the plugin name)");
  });
}

void Merger::check_components(const json::object& components) const {
  const auto& mine = object_at(doc_, "components");
  for (const auto& [section, entries] : components) {
    if (!entries.is_object())
      throw FragmentError("components/" + std::string(section) + " is not an object");
    const auto& existing = object_at(mine, section);
    for (const auto& kv : entries.as_object()) {
      auto it = existing.find(kv.key());
      if (it != existing.end() && it->value() != kv.value())
        throw FragmentError("the component " + std::string(section) + "/" + std::string(kv.key()) +
                            " differs from the one of " +
                            owner_of(component_owner_, std::string(section) + "/" + std::string(kv.key())) +
                            " (give it a name of its own, e.g. prefixed with the plugin name)");
    }
  }
}

void Merger::check(std::string_view plugin, const json::object& fragment) const {
  if (auto* v = fragment.if_contains("openapi"); !v || !v->is_string() || !v->as_string().starts_with("3.1"))
    throw FragmentError("it is not an OpenAPI 3.1 document (openapi: 3.1.0 missing)");
  auto* paths = fragment.if_contains("paths");
  if (!paths || !paths->is_object()) throw FragmentError("it has no 'paths' object");
  check_paths(plugin, paths->as_object());
  if (auto* c = fragment.if_contains("components")) {
    if (!c->is_object()) throw FragmentError("'components' is not an object");
    check_components(c->as_object());
  }
}

void Merger::add(std::string_view plugin, const json::value& fragment) {
  if (!fragment.is_object()) throw FragmentError("it is not a YAML/JSON object");
  const auto& f = fragment.as_object();
  check(plugin, f);
  auto who = label(plugin);
  auto& paths = doc_["paths"].is_object() ? doc_["paths"].as_object() : doc_["paths"].emplace_object();
  for (const auto& kv : object_at(f, "paths")) {
    paths[kv.key()] = kv.value();
    path_owner_.emplace(std::string(kv.key()), who);
  }
  each_operation_id(object_at(f, "paths"), [&](std::string_view id, std::string_view) { operation_owner_.emplace(id, who); });
  if (!doc_["components"].is_object()) doc_["components"].emplace_object();
  auto& components = doc_["components"].as_object();
  for (const auto& [section, entries] : object_at(f, "components")) {
    if (!components[section].is_object()) components[section].emplace_object();
    auto& target = components[section].as_object();
    for (const auto& kv : entries.as_object())
      if (target.emplace(kv.key(), kv.value()).second)
        component_owner_.emplace(std::string(section) + "/" + std::string(kv.key()), who);
  }
  if (auto* tags = f.if_contains("tags"); tags && tags->is_array()) {
    if (!doc_["tags"].is_array()) doc_["tags"].emplace_array();
    auto& all = doc_["tags"].as_array();
    for (const auto& t : tags->as_array()) {
      auto name = [](const json::value& tag) { return tag.is_object() ? tag.as_object().if_contains("name") : nullptr; };
      bool known = false;
      for (const auto& have : all) known = known || (name(have) && name(t) && *name(have) == *name(t));
      if (!known && name(t)) all.push_back(t);
    }
  }
}

}  // namespace qt::openapi
