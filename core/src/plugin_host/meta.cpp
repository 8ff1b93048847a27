#include "plugin_host/meta.hpp"

#include <map>
#include <memory>

#include <boost/json.hpp>

#include "http/static_files.hpp"
#include "plugin_host/host.hpp"

namespace qt::plugin_host {

boost::json::object meta_document(const config::Config& config, const Host& host) {
  boost::json::object doc;
  doc["municipality"] = boost::json::object{{"name", config.municipality.name}};
  boost::json::array languages;
  for (const auto& l : config.municipality.languages) languages.emplace_back(l);
  doc["languages"] = std::move(languages);
  doc["default_language"] = config.municipality.default_language;
  doc["registration_mode"] = config.auth.registration;
  boost::json::array plugins;
  for (const auto* p : host.plugins()) {
    boost::json::object o;
    o["name"] = p->name;
    o["version"] = p->version.version;
    o["description"] = p->description;
    auto ui = Host::ui_url(*p);
    o["ui"] = ui.empty() ? boost::json::value(nullptr) : boost::json::value(ui);
    plugins.push_back(std::move(o));
  }
  doc["plugins"] = std::move(plugins);
  return doc;
}

void add_meta_routes(http::Router& router, const config::Config& config, const Host& host) {
  router.get("/api/meta", [&config, &host](http::Request&) {
    auto r = http::Response::json(meta_document(config, host));
    r.set_header("Cache-Control", "no-cache");
    return r;
  });
  // One confined file server per plugin with a UI, over <plugin dir>/<name>/ui/.
  auto files = std::make_shared<std::map<std::string, std::unique_ptr<http::StaticFiles>, std::less<>>>();
  for (const auto* p : host.plugins())
    if (!p->ui_module.empty()) (*files)[p->name] = std::make_unique<http::StaticFiles>(host.ui_dir(*p), false);
  router.get("/plugins/{plugin}/{path*}", [files](http::Request& req) {
    auto name = req.param("plugin").value_or("");
    auto it = files->find(name);
    if (it != files->end())
      if (auto r = it->second->serve(req, req.param("path").value_or(""))) return std::move(*r);
    throw http::HttpError(404, "not_found", "There is no such file of an enabled plugin.");
  });
}

}  // namespace qt::plugin_host
