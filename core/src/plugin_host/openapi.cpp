#include "plugin_host/openapi.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <boost/json/serialize.hpp>

#include "platform/openapi/merge.hpp"
#include "platform/openapi/yaml_json.hpp"
#include "plugin_host/host.hpp"

namespace qt::plugin_host {
namespace {

// <plugin folder>/<name>/openapi.yaml, else openapi.json, else none.
std::filesystem::path fragment_file(const Host& host, const Plugin& p) {
  auto folder = host.ui_dir(p).parent_path();
  for (const char* name : {"openapi.yaml", "openapi.json"}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(folder / name, ec)) return folder / name;
  }
  return {};
}

void add_fragment(openapi::Merger& merger, const Plugin& p, const std::filesystem::path& file) {
  auto refuse = [&](const std::string& why) {
    throw PluginError(file.string() + ": plugin '" + p.name + "': its OpenAPI fragment is refused: " + why +
                      ". Fix the fragment (plugins/README.md, \"The API contract\") or disable the plugin.");
  };
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) refuse("the file cannot be read");
  try {
    merger.add(p.name, openapi::yaml_to_json(text.str()));
  } catch (const openapi::ParseError& e) {
    refuse(std::string("it does not parse: ") + e.what());
  } catch (const openapi::FragmentError& e) {
    refuse(e.what());
  }
}

}  // namespace

std::string merged_openapi(const Host& host) {
  openapi::Merger merger(openapi::core_description());
  for (const Plugin* p : host.plugins())
    if (auto file = fragment_file(host, *p); !file.empty()) add_fragment(merger, *p, file);
  return boost::json::serialize(merger.description());
}

void add_openapi_route(http::Router& router, std::string description) {
  auto text = std::make_shared<const std::string>(std::move(description));
  router.get("/api/openapi.json", [text](http::Request&) {
    auto r = http::Response::json_text(*text);
    r.set_header("Cache-Control", "no-cache");
    return r;
  });
}

}  // namespace qt::plugin_host
