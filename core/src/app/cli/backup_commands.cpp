#include "app/cli/backup_commands.hpp"

#include "app/backup/backup.hpp"
#include "app/backup/blob_check.hpp"
#include "app/backup/restore.hpp"
#include "platform/log/log.hpp"

namespace qt::cli {
namespace {

void quiet_logs() { log::configure(log::Level::warn, log::Format::text); }

void add_backup(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "backup",
      "Back up while the server runs. DIR (a new folder): the SQLite database and every stored file (media, plugins' "
      "blobs) with a manifest of checksums. FILE.db: the SQLite database alone.");
  static std::string target;
  cmd->add_option("TARGET", target, "A new folder for a full backup, or FILE.db (must not exist yet).")->required();
  cmd->callback([&ctx] {
    guarded(ctx, [&ctx] {
      const auto cfg = ctx.load_config();
      quiet_logs();
      return backup::run_backup(cfg, target);
    });
  });
}

void add_restore(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("restore",
                                 "Restore a backup folder into this configuration's (empty) database and file "
                                 "folders, after checking every file against its manifest. Stop the server first.");
  static std::string dir;
  static bool force = false;
  cmd->add_option("DIR", dir, "The folder `quartier backup DIR` wrote.")->required();
  cmd->add_flag("--force", force, "Replace a database and file folders that already hold data.");
  cmd->callback([&ctx] {
    guarded(ctx, [&ctx] {
      const auto cfg = ctx.load_config();
      quiet_logs();
      return backup::run_restore(cfg, dir, force);
    });
  });
}

void add_check_blobs(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("check-blobs",
                                 "Compare the stored files with the database: files no row refers to, rows whose "
                                 "file is missing or damaged. Exit code 5 when something is wrong.");
  static backup::BlobCheckOptions options;
  cmd->add_flag("--delete-orphans", options.delete_orphans,
                "Delete the files no row refers to (only those older than the grace period).");
  cmd->add_option("--grace-hours", options.grace_hours,
                  "Unreferenced files younger than this may be uploads in flight: kept and not counted (default 24).");
  cmd->callback([&ctx] {
    guarded(ctx, [&ctx] {
      const auto cfg = ctx.load_config();
      quiet_logs();
      return backup::run_check_blobs(cfg, options);
    });
  });
}

}  // namespace

void add_backup_commands(CLI::App& app, Context& ctx) {
  add_backup(app, ctx);
  add_restore(app, ctx);
  add_check_blobs(app, ctx);
}

}  // namespace qt::cli
