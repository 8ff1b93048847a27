#include "app/app.hpp"

#include <vector>

#include <boost/json.hpp>

#include "app/dispatch.hpp"
#include "app/services.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "db/statement_cache.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "jobs/scheduler.hpp"
#include "log/log.hpp"
#include "util/paths.hpp"
#include "util/version_info.hpp"

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

}  // namespace

struct App::Impl {
  config::Config config;
  std::unique_ptr<db::Database> db;
  http::Metrics metrics;
  http::Router router;
  jobs::Scheduler jobs{2};
  std::unique_ptr<Services> services;
  std::vector<std::unique_ptr<Module>> modules;
  std::unique_ptr<http::StaticFiles> static_files;
  std::unique_ptr<http::Server> server;

  bool modules_stopped = false;

  void add_operations_routes();
  void stop_modules() {
    if (modules_stopped) return;
    modules_stopped = true;
    for (auto it = modules.rbegin(); it != modules.rend(); ++it) (*it)->stop();
    jobs.stop();
  }
};

void App::Impl::add_operations_routes() {
  router.get("/healthz", [](http::Request&) {
    auto r = http::Response::json(boost::json::object{{"status", "ok"}});
    r.set_header("Cache-Control", "no-store");
    return r;
  });
  router.get("/readyz", [this](http::Request&) {
    boost::json::object checks;
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
  router.get("/metrics", [this](http::Request&) {
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
  s.metrics.add_gauge("quartier_db_pool_connections", "Database connections by state.", [db = s.db.get()] {
    const auto st = db->stats();
    return std::vector<std::pair<std::string, double>>{
        {"state=\"open\"", static_cast<double>(st.size)},
        {"state=\"in_use\"", static_cast<double>(st.in_use)}};
  });
  s.metrics.add_gauge("quartier_db_pool_waits", "Times a request waited for a free database connection.",
                      [db = s.db.get()] {
                        return std::vector<std::pair<std::string, double>>{{"", static_cast<double>(db->stats().waits)}};
                      });

  s.metrics.add_gauge("quartier_db_statements", "Statements prepared, and uses served from the per-connection cache.", [] {
    const auto st = db::statement_cache_stats();
    return std::vector<std::pair<std::string, double>>{{"kind=\"prepared\"", static_cast<double>(st.prepared)},
                                                       {"kind=\"reused\"", static_cast<double>(st.reused)}};
  });

  s.services = std::make_unique<Services>(Services{s.config, *s.db, s.router, s.metrics, s.jobs, {}, {}});
  s.add_operations_routes();
  for (auto& install : module_installers()) s.modules.push_back(install(*s.services));
  for (auto& m : s.modules) m->start();

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
  o.access_log = s.config.server.access_log;
  o.tls_public = s.config.server.public_url.rfind("https://", 0) == 0;
  s.server = std::make_unique<http::Server>(o, make_dispatcher(*s.services, *s.static_files), s.metrics);
  s.server->set_lane_check([&router = s.router](std::string_view method, std::string_view path) {
    if (method == "GET" || method == "HEAD") return http::Lane::io;  // the slow handlers all change state
    const auto m = router.match(method, path);
    return m.kind == http::Match::Kind::found ? m.route->options.lane : http::Lane::io;
  });
  s.server->set_body_limit_check([&router = s.router](std::string_view method, std::string_view path) {
    const auto m = router.match(method, path);
    return m.kind == http::Match::Kind::found ? m.route->options.max_body_bytes : std::uint64_t{0};
  });
  for (auto& [path, handler] : s.services->websockets)
    s.server->add_websocket(path, gated_upgrade(*s.services, path, handler));
}

App::~App() {
  auto& s = *impl_;
  s.stop_modules();
  s.server.reset();
  s.modules.clear();
}

int App::serve(const std::function<void(std::uint16_t)>& on_listening) {
  auto& s = *impl_;
  std::uint16_t port = 0;
  try {
    port = s.server->listen();
  } catch (const std::system_error& e) {
    throw StartupError(1, e.what());
  }
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
