#include "app/app.hpp"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include <boost/asio/ip/address.hpp>
#include <boost/json.hpp>

#include "app/services.hpp"
#include "domain/accounts/accounts.hpp"
#include "domain/accounts/settings.hpp"
#include "domain/credentials/tokens.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/statement_cache.hpp"
#include "platform/events/bus.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"
#include "platform/jobs/durable.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/live/hub.hpp"
#include "platform/log/log.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/net/fd_limit.hpp"
#include "platform/privacy/registry.hpp"
#include "platform/util/paths.hpp"
#include "platform/util/scope_exit.hpp"
#include "platform/util/version_info.hpp"
#include "web/admin_jobs.hpp"
#include "web/admin_overview.hpp"
#include "web/dispatch.hpp"

namespace qt::app {

db::Options database_options(const config::DatabaseConfig& c) {
  db::Options o;
  o.url = c.url;
  o.synchronous = c.synchronous;
  o.busy_timeout_ms = c.busy_timeout_ms;
  o.sqlite_mmap_mb = c.sqlite_mmap_mb;
  o.pool_size = c.pool_size;
  return o;
}

namespace {

// Applies pending core migrations (or refuses), so the server never runs on a schema it does
// not know.
void prepare_schema(db::Database& db, bool auto_migrate) {
  db::Migrator migrator(db);
  const auto known = db::core_migrations(db.dialect());
  const auto status = migrator.status("core", known);
  if (status.newer_in_database())
    throw StartupError(3, "The database " + db.url_for_display() + " has core migrations up to version " +
                              std::to_string(status.applied_max) + ", but this Quartier (" QUARTIER_VERSION_STRING
                              ") only knows up to " + std::to_string(status.known_max) +
                              ". It was used by a newer Quartier: install that version again, or restore a backup "
                              "made for this one.");
  if (status.pending.empty()) return;
  if (!auto_migrate)
    throw StartupError(3, std::to_string(status.pending.size()) +
                              " database migrations are pending and [database] auto_migrate is off: run "
                              "`quartier migrate --config FILE` (after a backup), then start again.");
  const int n = migrator.apply("core", known);
  log::info("applied core migrations", {{"count", n}});
}

// The pool and the statement cache in /metrics.
void add_database_gauges(http::Metrics& metrics, db::Database& db) {
  metrics.add_gauge("quartier_db_pool_connections", "Database connections by state.", [&db] {
    const auto st = db.stats();
    return std::vector<std::pair<std::string, double>>{
        {"state=\"open\"", static_cast<double>(st.size)},
        {"state=\"in_use\"", static_cast<double>(st.in_use)}};
  });
  metrics.add_gauge("quartier_db_pool_waits", "Times a request waited for a free database connection.",
                      [&db] {
                        return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(db.stats().waits)}};
                      });

  metrics.add_gauge("quartier_db_statements", "Statements prepared, and uses served from the per-connection cache.", [] {
    const auto st = db::statement_cache_stats();
    return std::vector<std::pair<std::string, double>>{{"kind=\"prepared\"", static_cast<double>(st.prepared)},
                                                       {"kind=\"reused\"", static_cast<double>(st.reused)}};
  });
}

}  // namespace

struct App::Impl {
  config::Config config;
  std::unique_ptr<db::Database> db;
  http::Metrics metrics;
  http::Router router;
  jobs::Scheduler jobs{2};
  std::unique_ptr<jobs::Durable> durable;  // durable jobs and schedules, ticking on `jobs`
  // The infrastructure every module shares (Services holds references to it).
  privacy::Registry privacy;
  std::unique_ptr<mail::Outbox> outbox;
  events::Bus events;
  live::Hub live;
  std::unique_ptr<Services> services;
  std::vector<std::unique_ptr<Module>> modules;
  std::unique_ptr<http::StaticFiles> static_files;
  std::unique_ptr<http::Server> server;

  bool modules_stopped = false;

  void add_operations_routes();
  void stop_modules() {
    if (modules_stopped) return;
    modules_stopped = true;
    events.stop();  // core events still queued reach the plugins before they stop
    for (auto it = modules.rbegin(); it != modules.rend(); ++it) (*it)->stop();
    jobs.stop();
    if (durable) durable->stop();  // after the job threads: gives back this node's unstarted claims
  }
};

namespace {

bool loopback(const std::string& address) {
  boost::system::error_code ec;
  const auto a = boost::asio::ip::make_address(address, ec);
  return !ec && a.is_loopback();
}

// /metrics tells a lot about the city's use of Quartier: with [server] metrics_token set it needs
// "Authorization: Bearer <token>", else it answers only this machine (or the monitoring address a
// trusted proxy forwards).
void refuse_metrics_unless_allowed(const http::Request& req, const std::string& token) {
  if (token.empty()) {
    if (loopback(req.remote_address)) return;
    throw http::HttpError(403, "metrics_forbidden",
                          "/metrics antwortet nur diesem Rechner, oder mit [server] metrics_token jedem mit dem "
                          "Token. / /metrics answers this machine only, or anyone with [server] metrics_token.");
  }
  const auto auth = req.header("authorization").value_or("");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() > kBearer.size() && auth.substr(0, kBearer.size()) == kBearer &&
      accounts::secrets_equal(auth.substr(kBearer.size()), token))
    return;
  throw http::HttpError(401, "metrics_token_required",
                        "Für /metrics fehlt das Token: Authorization: Bearer <[server] metrics_token>. / "
                        "/metrics needs the token.");
}

}  // namespace

void App::Impl::add_operations_routes() {
  router.get("/healthz", [](http::Request&) {
    auto r = http::Response::json(boost::json::object{{"status", "ok"}});
    r.set_header("Cache-Control", "no-store");
    return r;
  });
  router.get("/readyz", [this](http::Request&) {
    boost::json::object checks;
    // From the first SIGTERM on: a load balancer must take this node out while it still serves.
    if (server && server->shutting_down()) {
      checks["shutdown"] = "in progress";
      auto r = http::Response::json(boost::json::object{{"status", "shutting down"}, {"checks", checks}}, 503);
      r.set_header("Cache-Control", "no-store");
      return r;
    }
    bool ready = true;
    const bool db_ok = db->ping();
    checks["database"] = db_ok ? "ok" : "unreachable";
    ready = ready && db_ok;
    if (db_ok) {
      try {
        const auto st = db::Migrator(*db).status("core", db::core_migrations(db->dialect()));
        checks["migrations"] = st.current() ? "current" : (st.newer_in_database() ? "database newer than binary" : "pending");
        ready = ready && st.current();
      } catch (const std::exception& e) {
        checks["migrations"] = "error";
        log::warn("readiness: migration check failed", {{"error", e.what()}});
        ready = false;
      }
    }
    auto r = http::Response::json(boost::json::object{{"status", ready ? "ready" : "not ready"}, {"checks", checks}},
                                  ready ? 200 : 503);
    r.set_header("Cache-Control", "no-store");
    return r;
  });
  router.get("/metrics", [this](http::Request& req) {
    refuse_metrics_unless_allowed(req, config.server.metrics_token);
    http::Response r;
    r.body = metrics.render();
    r.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.set_header("Cache-Control", "no-store");
    return r;
  });
}

App::App(config::Config config) : impl_(std::make_unique<Impl>()) {
  auto& s = *impl_;
  s.config = std::move(config);
  try {
    s.db = db::Database::open(database_options(s.config.database));
    prepare_schema(*s.db, s.config.database.auto_migrate);
  } catch (const db::DbError& e) {
    throw StartupError(3, e.what());
  }
  add_database_gauges(s.metrics, *s.db);

  s.outbox = std::make_unique<mail::Outbox>(*s.db, accounts::outbox_settings_from(s.config));
  s.services = std::make_unique<Services>(
      Services{s.config, *s.db, s.router, s.metrics, s.jobs, s.privacy, *s.outbox, s.events, s.live, {}, {}, {}, {}});
  s.durable = std::make_unique<jobs::Durable>(*s.db, s.jobs);
  s.services->durable = s.durable.get();
  s.add_operations_routes();
  web::add_job_routes(s.router, *s.durable);
  web::add_overview_routes(s.router, *s.db);
  for (auto& install : module_installers()) s.modules.push_back(install(*s.services));
  for (auto& m : s.modules) m->start();
  s.durable->start();  // after the modules: their handlers and schedules are bound

  const auto web_root = s.config.server.web_root.empty() ? util::default_web_root()
                                                         : std::filesystem::path(s.config.server.web_root);
  s.static_files = std::make_unique<http::StaticFiles>(web_root);

  http::ServerOptions o;
  o.host = s.config.server.host;
  o.port = s.config.server.port;
  o.threads = s.config.server.threads;
  o.max_header_bytes = static_cast<std::size_t>(s.config.server.max_header_bytes);
  o.max_body_bytes = static_cast<std::uint64_t>(s.config.server.max_body_bytes);
  o.read_timeout = std::chrono::seconds(s.config.server.read_timeout_seconds);
  o.shutdown_grace = std::chrono::seconds(s.config.server.shutdown_grace_seconds);
  o.drain = std::chrono::seconds(s.config.server.drain_seconds);
  o.trusted_proxies = s.config.server.trusted_proxies;
  const auto fds = net::raise_fd_limit();
  o.max_connections = s.config.server.max_connections > 0 ? static_cast<std::size_t>(s.config.server.max_connections)
                                                          : net::connection_budget(fds.soft);
  o.max_connections_per_address = static_cast<std::size_t>(s.config.server.max_connections_per_address);
  log::info("open files limit", {{"soft_at_start", static_cast<std::int64_t>(fds.before)},
                                 {"soft", static_cast<std::int64_t>(fds.soft)},
                                 {"hard", static_cast<std::int64_t>(fds.hard)},
                                 {"max_connections", static_cast<std::int64_t>(o.max_connections)}});
  o.access_log = s.config.server.access_log;
  o.page_policies = s.services->page_policies;
  o.tls_public = s.config.server.public_url.rfind("https://", 0) == 0;
  s.server = std::make_unique<http::Server>(o, web::make_dispatcher(s.services->gate, *s.static_files), s.metrics);
  // The route is matched once per request: it gives the lane and the body limit, and the
  // dispatcher runs it.
  s.server->set_matcher(
      [&router = s.router](std::string_view method, std::string_view path) { return router.match(method, path); });
  for (auto& [path, handler] : s.services->websockets)
    s.server->add_websocket(path, web::gated_upgrade(s.services->gate, path, handler));
  for (auto& [path, handler] : s.services->public_websockets)
    s.server->add_websocket(path, web::gated_upgrade(s.services->gate, path, handler, http::Access::public_));
}

void App::check_plugins(config::Config config) {
  if (config.plugins.enabled.empty()) return;
  std::string scratch_template = (std::filesystem::temp_directory_path() / "quartier-check-XXXXXX").string();
  if (!::mkdtemp(scratch_template.data())) throw StartupError(1, "cannot create a temporary folder for the check");
  const std::filesystem::path scratch = scratch_template;
  util::ScopeExit remove([&] {
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
  });
  config.database.url = "sqlite:" + (scratch / "check.db").string();
  config.database.auto_migrate = true;
  Impl s;
  s.config = std::move(config);
  try {
    s.db = db::Database::open(database_options(s.config.database));
    prepare_schema(*s.db, true);
  } catch (const db::DbError& e) {
    throw StartupError(3, e.what());
  }
  s.outbox = std::make_unique<mail::Outbox>(*s.db, accounts::outbox_settings_from(s.config));
  s.services = std::make_unique<Services>(
      Services{s.config, *s.db, s.router, s.metrics, s.jobs, s.privacy, *s.outbox, s.events, s.live, {}, {}, {}, {}});
  // Durable jobs as serve has them (never started here), so a plugin that binds its job
  // handlers in init is checked as it would start, not refused for a missing service.
  s.durable = std::make_unique<jobs::Durable>(*s.db, s.jobs);
  s.services->durable = s.durable.get();
  // The installers load the plugins (and refuse as serve would); nothing is started.
  for (auto& install : module_installers()) s.modules.push_back(install(*s.services));
  s.stop_modules();
}

App::~App() {
  auto& s = *impl_;
  s.stop_modules();
  s.server.reset();
  s.modules.clear();
}

namespace {

// A development server's own address for links in mails ("0.0.0.0" is no address to visit).
std::string development_link_base(const config::ServerConfig& server, std::uint16_t port) {
  std::string host = server.host;
  if (host == "0.0.0.0" || host.empty()) host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(port);
}

}  // namespace

int App::serve(const std::function<void(std::uint16_t)>& on_listening) {
  auto& s = *impl_;
  std::uint16_t port = 0;
  try {
    port = s.server->listen();
  } catch (const std::system_error& e) {
    throw StartupError(1, e.what());
  }
  if (s.config.server.public_url.empty() && s.services->accounts)
    s.services->accounts->set_link_base(development_link_base(s.config.server, port));
  s.server->run([&] {
    log::info("listening", {{"address", s.config.server.host}, {"port", static_cast<int>(port)},
                            {"version", QUARTIER_VERSION_STRING}});
    if (on_listening) on_listening(port);
  });
  // Stop taking background work and let the modules finish before the database goes away.
  s.stop_modules();
  log::info("stopped");
  return 0;
}

}  // namespace qt::app
