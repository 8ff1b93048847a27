#include "app/cli/command_env.hpp"

#include <stdexcept>

#include "platform/db/migrations.hpp"

namespace qt::accounts {

std::unique_ptr<CommandEnv> open_for_command(const config::Config& cfg) {
  auto env = std::make_unique<CommandEnv>();
  db::Options o;
  o.url = cfg.database.url;
  o.synchronous = cfg.database.synchronous;
  o.busy_timeout_ms = cfg.database.busy_timeout_ms;
  o.sqlite_mmap_mb = cfg.database.sqlite_mmap_mb;
  o.pool_size = cfg.database.pool_size;
  env->db = db::Database::open(o);
  db::Migrator migrator(*env->db);
  const auto known = db::core_migrations(env->db->dialect());
  const auto status = migrator.status("core", known);
  if (status.newer_in_database())
    throw db::DbError("the database was migrated by a newer Quartier; install that version again");
  if (!status.pending.empty()) {
    if (!cfg.database.auto_migrate)
      throw db::DbError("database migrations are pending and [database] auto_migrate is off: run `quartier migrate` first");
    migrator.apply("core", known);
  }
  env->outbox = std::make_unique<mail::Outbox>(*env->db, outbox_settings_from(cfg));
  env->accounts = std::make_unique<Accounts>(*env->db, *env->outbox, env->privacy, settings_from(cfg));
  env->accounts->register_privacy_provider();
  return env;
}

}  // namespace qt::accounts
