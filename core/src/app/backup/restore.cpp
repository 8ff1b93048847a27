// `quartier restore DIR`: check the whole backup first, then the target, then copy.
#include <algorithm>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "app/backup/backup_manifest.hpp"
#include "app/backup/blob_stores.hpp"
#include "app/backup/restore.hpp"
#include "platform/db/migrations.hpp"

namespace qt::backup {
namespace fs = std::filesystem;

namespace {

int newest_known_schema() {
  int top = 0;
  for (const auto& m : db::core_migrations(db::Dialect::sqlite)) top = std::max(top, m.version);
  return top;
}

void refuse_damaged(const Manifest& m, const fs::path& dir) {
  if (m.schema_version > newest_known_schema())
    throw std::runtime_error(fmt::format("The backup in {} was made by Quartier {} with schema version {}; this "
                                         "Quartier knows up to {}. Install that version (or newer) to restore it.",
                                         dir.string(), m.quartier_version, m.schema_version, newest_known_schema()));
  const auto bad = damaged_files(m, dir);
  if (bad.empty()) return;
  std::string list;
  for (const auto& b : bad) list += "\n  " + b;
  throw std::runtime_error("The backup in " + dir.string() + " is damaged; nothing was restored:" + list +
                           "\nUse another backup (or copy the named files again from where the backup was kept).");
}

// Refuses to write over data unless forced: names everything that is in the way.
void refuse_used_targets(const config::Config& cfg, const Manifest& m, bool force) {
  std::vector<std::string> used;
  if (m.has_database) {
    const auto file = sqlite_file(cfg);
    if (file.empty())
      throw std::runtime_error("The backup holds a SQLite database, but [database] url names PostgreSQL. Set url = "
                               "\"sqlite:<file>\" to restore it, or move the data with pg_dump / pg_restore.");
    std::error_code ec;
    if (fs::exists(file, ec) && fs::file_size(file, ec) > 0) used.push_back("the database " + file.string());
  }
  for (const auto& s : m.stores)
    if (!store_empty(store_root(cfg, s.name))) used.push_back("the folder " + store_root(cfg, s.name).string());
  if (used.empty() || force) return;
  std::string list;
  for (const auto& u : used) list += "\n  " + u;
  throw std::runtime_error("Nothing was restored: these already hold data:" + list +
                           "\nRestore into an empty data location (see [database] url, [media] dir and "
                           "[plugins.<name>] dir), or add --force to replace it (stop the server first).");
}

void copy_file_into(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  const auto tmp = to.parent_path() / (".tmp-restore-" + std::to_string(::getpid()));
  fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::rename(tmp, to, ec);
  if (ec) {
    fs::remove(tmp);
    throw std::runtime_error("Cannot write " + to.string() + ": " + ec.message() + ". Is the folder writable?");
  }
}

void restore_database(const config::Config& cfg, const Manifest& m, const fs::path& dir) {
  if (!m.has_database) {
    std::cout << "database: the backup holds none (PostgreSQL): restore the dump taken with it with pg_restore "
                 "(docs/operations.md, section 4).\n";
    return;
  }
  const auto file = sqlite_file(cfg);
  std::error_code ec;
  for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(file.string() + suffix, ec);
  copy_file_into(dir / m.database.path, file);
  std::cout << "database: restored to " << file.string() << "\n";
}

}  // namespace

int run_restore(const config::Config& cfg, const std::string& from, bool force) {
  const auto dir = fs::absolute(from);
  if (!fs::is_directory(dir))
    throw std::runtime_error(dir.string() + " is not a folder: name the folder `quartier backup DIR` wrote.");
  const auto m = read_manifest(dir / kManifestName);
  refuse_damaged(m, dir);
  refuse_used_targets(cfg, m, force);
  for (const auto& s : m.stores) {
    const auto root = store_root(cfg, s.name);
    for (const auto& f : s.files) copy_file_into(dir / f.path, root / f.path.substr(s.dir.size() + 1));
    std::cout << fmt::format("{}: {} file(s) restored to {}\n", s.name, s.files.size(), root.string());
  }
  restore_database(cfg, m, dir);
  std::cout << fmt::format("restored the backup of {} (Quartier {}, schema version {})\n", m.created_at,
                           m.quartier_version, m.schema_version);
  return 0;
}

}  // namespace qt::backup
