#include "plugin_host/meta.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "platform/http/static_files.hpp"
#include "plugin_host/host.hpp"

namespace qt::plugin_host {

namespace {

// A regular file inside root named by rel (no "..", no hidden segments, no symlink escaping root).
std::optional<std::filesystem::path> ui_file(const std::filesystem::path& root, std::string_view rel) {
  if (rel.empty() || rel.size() > 512) return std::nullopt;
  std::size_t start = 0;
  while (start <= rel.size()) {
    auto end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    auto seg = rel.substr(start, end - start);
    if (seg.empty() || seg.front() == '.' || seg.find('\\') != std::string_view::npos ||
        seg.find('\0') != std::string_view::npos)
      return std::nullopt;
    start = end + 1;
  }
  std::error_code ec;
  auto canonical_root = std::filesystem::canonical(root, ec);
  if (ec) return std::nullopt;
  auto file = std::filesystem::canonical(root / std::filesystem::path(rel), ec);
  if (ec || !std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  auto r = canonical_root.native() + "/";
  if (file.native().compare(0, r.size(), r) != 0) return std::nullopt;
  return file;
}

// A plugin's UI file as an answer. UI modules are fetched on every page load and change only with
// the plugin: a weak ETag (size and modification time) lets the browser revalidate with a 304, and
// read into memory (they are small) the session gzips them like the API's JSON. A weak tag, because
// the gzipped and the plain bytes are the same resource.
http::Response ui_answer(const http::Request& req, const std::filesystem::path& file) {
  constexpr std::uintmax_t kReadLimit = 2 * 1024 * 1024;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  const auto mtime = std::filesystem::last_write_time(file, ec).time_since_epoch().count();
  const std::string etag = fmt::format("W/\"{:x}-{:x}\"", size, mtime);
  http::Response r;
  r.set_header("Content-Type", http::content_type_for(file));
  r.set_header("Cache-Control", "no-cache");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("ETag", etag);
  if (auto inm = req.header("if-none-match"); inm && inm->find(etag) != std::string_view::npos) {
    r.status = 304;
    return r;
  }
  std::ifstream in(file, std::ios::binary);
  if (size > kReadLimit || !in) {
    r.file = file;
    return r;
  }
  r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return r;
}

}  // namespace

boost::json::object meta_document(const config::Config& config, const Host& host, const std::string& registration_mode) {
  boost::json::object doc;
  doc["municipality"] = boost::json::object{{"name", config.municipality.name}};
  boost::json::array languages;
  for (const auto& l : config.municipality.languages) languages.emplace_back(l);
  doc["languages"] = std::move(languages);
  doc["default_language"] = config.municipality.default_language;
  doc["registration_mode"] = registration_mode;
  // A trial without SMTP (development mode) writes mails into a folder; the UI tells newcomers
  // where, so the confirmation mail of the demo is not a dead end. Never on a real server.
  if (config.server.development && config.mail.smtp_url.empty()) doc["mail_outbox"] = config.mail.outbox_dir;
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

void add_meta_routes(http::Router& router, const config::Config& config, const Host& host,
                     RegistrationModeFn registration_mode) {
  router.get("/api/meta", [&config, &host, mode = std::move(registration_mode)](http::Request&) {
    auto r = http::Response::json(meta_document(config, host, mode ? mode() : config.auth.registration));
    r.set_header("Cache-Control", "no-cache");
    return r;
  });
  // Each enabled plugin's declared settings with their current values (secret ones hidden).
  router.get("/api/admin/plugins/settings", [&host](http::Request&) {
    boost::json::array plugins;
    for (const auto* p : host.plugins()) {
      boost::json::object o{{"name", p->name}, {"version", p->version.version}, {"declares_settings", p->declares_settings}};
      o["settings"] = settings_listing(p->settings, p->config_section);
      plugins.push_back(std::move(o));
    }
    auto r = http::Response::json(boost::json::object{{"plugins", std::move(plugins)}});
    r.set_header("Cache-Control", "no-store");
    return r;
  }, http::RouteOptions{http::Access::admin});
  // Files below <plugin dir>/<name>/ui/ of enabled plugins with a UI module; nothing else.
  router.get("/plugins/{plugin}/{path*}", [&host](http::Request& req) {
    auto name = req.param("plugin").value_or("");
    const Plugin* p = host.find(name);
    auto rel = req.param("path").value_or("");
    if (p && !p->ui_module.empty())
      if (auto file = ui_file(host.ui_dir(*p), rel)) return ui_answer(req, *file);
    throw http::HttpError(404, "not_found",
                          "Diese Datei gibt es nicht. / There is no such file of an enabled plugin.");
  });
}

}  // namespace qt::plugin_host
