#include "app/cli/commands.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/app.hpp"
#include "app/cli/backup_commands.hpp"
#include "app/cli/demo_data.hpp"
#include "app/cli/plugin_commands.hpp"
#include "app/cli/user_commands.hpp"
#include "app/cli/serve_requirements.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/log/log.hpp"
#include "platform/util/version_info.hpp"

namespace qt::cli {

namespace {

void configure_logging(const config::Config& c) {
  log::Level level = log::Level::info;
  log::parse_level(c.log.level, level);
  log::configure(level, c.log.format == "text" ? log::Format::text : log::Format::json);
}

}  // namespace

config::Config Context::load_config() const {
  const auto env = config::process_environment();
  std::string file = config_file;
  if (file.empty())
    if (const char* e = std::getenv("QUARTIER_CONFIG"); e && *e) file = e;
  if (file.empty() && std::filesystem::exists("quartier.toml")) file = "quartier.toml";
  if (file.empty()) return config::load_string("", "(built-in defaults)", env);
  if (!std::filesystem::exists(file))
    throw config::ConfigError({file + ": the configuration file does not exist (set --config or QUARTIER_CONFIG; "
                                      "schemas/quartier.example.toml is a documented starting point)"});
  return config::load_file(file, env);
}

void guarded(Context& ctx, const std::function<int()>& fn) {
  try {
    ctx.exit_code = fn();
  } catch (const config::ConfigError& e) {
    std::cerr << "quartier: the configuration is not valid:\n";
    for (const auto& p : e.problems()) std::cerr << "  " << p << "\n";
    ctx.exit_code = 2;
  } catch (const app::StartupError& e) {
    std::cerr << "quartier: " << e.what() << "\n";
    ctx.exit_code = e.exit_code();
  } catch (const db::DbError& e) {
    std::cerr << "quartier: database: " << e.what() << "\n";
    ctx.exit_code = 3;
  } catch (const std::exception& e) {
    std::cerr << "quartier: " << e.what() << "\n";
    ctx.exit_code = 1;
  }
}

namespace {

void add_serve_command(CLI::App& app, Context& ctx) {
  auto* serve = app.add_subcommand("serve", "Run the server until SIGINT or SIGTERM (then shut down gracefully).");
  static std::string port_file;  // CLI11 writes into it while parsing: it must outlive this function
  serve->add_option("--port-file", port_file,
                    "Write the bound port to this file once listening (for supervisors and tests; useful with "
                    "listen = \"127.0.0.1:0\").");
  serve->callback([&ctx] {
    guarded(ctx, [&ctx] {
      auto cfg = ctx.load_config();
      if (auto problem = app::serve_requirement_problem(cfg)) throw config::ConfigError({*problem});
      configure_logging(cfg);
      app::App application(std::move(cfg));
      return application.serve([](std::uint16_t port) {
        if (!port_file.empty()) {
          const auto tmp = port_file + ".tmp";
          std::ofstream(tmp) << port << "\n";
          std::filesystem::rename(tmp, port_file);
        }
      });
    });
  });
}

int migrate(const Context& ctx, bool status_only) {
  auto cfg = ctx.load_config();
  configure_logging(cfg);
  auto db = db::Database::open(app::database_options(cfg.database));
  db::Migrator migrator(*db);
  const auto known = db::core_migrations(db->dialect());
  const auto st = migrator.status("core", known);
  std::cout << fmt::format("database: {}\ncore migrations: applied up to {}, this binary ships up to {}\n",
                           db->url_for_display(), st.applied_max, st.known_max);
  if (st.newer_in_database()) {
    std::cerr << "quartier: the database was migrated by a newer Quartier; install that version again.\n";
    return 3;
  }
  if (status_only) {
    for (const auto& m : st.pending) std::cout << "pending: " << m.name << "\n";
    return 0;
  }
  const int n = migrator.apply("core", known);
  std::cout << (n == 0 ? std::string("nothing to do: the database is current\n")
                       : fmt::format("applied {} migration(s)\n", n));
  return 0;
}

void add_migrate_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("migrate", "Apply pending database migrations (back up first).");
  static bool status_only = false;
  cmd->add_flag("--status", status_only, "Only show which migrations are applied and pending.");
  cmd->callback([&ctx] { guarded(ctx, [&ctx] { return migrate(ctx, status_only); }); });
}

void add_check_config_command(CLI::App& app, Context& ctx) {
  auto* check = app.add_subcommand("check-config", "Validate the configuration without starting anything.");
  check->callback([&ctx] {
    guarded(ctx, [&ctx] {
      const auto cfg = ctx.load_config();
      // The plugins as serve would load them: their declared settings check [plugins.<name>].
      log::configure(log::Level::error, log::Format::text);
      try {
        app::App::check_plugins(cfg);
      } catch (const app::StartupError& e) {
        std::cerr << "quartier: " << (cfg.source.empty() ? std::string("configuration") : cfg.source.string())
                  << ": the plugins would not start:\n  " << e.what() << "\n";
        return e.exit_code();
      }
      if (auto problem = app::serve_requirement_problem(cfg)) throw config::ConfigError({*problem});
      std::cout << fmt::format("OK: {} is valid.\n  listen: {}\n  database: {}\n  plugins enabled: {}\n",
                               cfg.source.empty() ? std::string("(built-in defaults)") : cfg.source.string(),
                               cfg.server.listen, cfg.database.url.rfind("sqlite:", 0) == 0 ? cfg.database.url : "postgresql (URL not shown)",
                               cfg.plugins.enabled.empty() ? std::string("none")
                                                           : fmt::format("{}", fmt::join(cfg.plugins.enabled, ", ")));
      return 0;
    });
  });
}

}  // namespace

void add_commands(CLI::App& app, Context& ctx) {
  add_serve_command(app, ctx);
  add_migrate_command(app, ctx);
  add_check_config_command(app, ctx);
  add_backup_commands(app, ctx);                // backup, restore, check-blobs
  accounts::add_user_commands(app, ctx);        // user add|list|set-role|disable|enable
  plugin_host::add_plugin_commands(app, ctx);   // plugins list|check
  add_demo_data_command(app, ctx);
  app.add_subcommand("version", "Print the version.")->callback([&ctx] {
    std::cout << "quartier " QUARTIER_VERSION_STRING "\n";
    ctx.exit_code = 0;
  });
}

}  // namespace qt::cli
