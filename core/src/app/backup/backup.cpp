#include "app/backup/backup.hpp"

#include <algorithm>
#include <ctime>
#include <iostream>
#include <set>

#include <unistd.h>

#include <fmt/format.h>

#include "app/app.hpp"
#include "app/backup/backup_manifest.hpp"
#include "app/backup/blob_stores.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"
#include "platform/media/blob_store.hpp"
#include "platform/util/version_info.hpp"

namespace qt::backup {
namespace fs = std::filesystem;

namespace {

constexpr const char* kDatabaseFile = "quartier.db";

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ManifestFile described(const fs::path& dir, const std::string& rel) {
  return {rel, fs::file_size(dir / rel), media::file_sha256(dir / rel)};
}

// Removes the unfinished folder unless the backup got to its end.
struct PartialFolder {
  fs::path path;
  bool keep = false;
  ~PartialFolder() {
    std::error_code ec;
    if (!keep) fs::remove_all(path, ec);
  }
};

// Copies the store's files not copied yet. A file removed meanwhile (an orphan swept by the
// server) is skipped: the rows that referred to it were gone before it was.
void copy_store(const StoreDir& store, const fs::path& backup, ManifestStore& ms) {
  std::set<std::string> done;
  for (const auto& f : ms.files) done.insert(f.path.substr(ms.dir.size() + 1));
  for (const auto& f : stored_files(store.root)) {
    if (done.count(f.path)) continue;
    const std::string rel = ms.dir + "/" + f.path;
    std::error_code ec;
    fs::create_directories((backup / rel).parent_path(), ec);
    fs::copy_file(store.root / f.path, backup / rel, ec);
    if (ec && !fs::exists(store.root / f.path)) continue;
    if (ec) throw std::runtime_error("Cannot copy " + (store.root / f.path).string() + " into the backup: " + ec.message());
    ms.files.push_back(described(backup, rel));
  }
}

// The database part: SQLite as one snapshot; PostgreSQL is pg_dump's job (see the docs).
void snapshot_database(const config::Config& cfg, const fs::path& backup, Manifest& m) {
  auto db = db::Database::open(app::database_options(cfg.database));
  m.dialect = db->dialect() == db::Dialect::sqlite ? "sqlite" : "postgresql";
  m.schema_version = db::Migrator(*db).status("core", db::core_migrations(db->dialect())).applied_max;
  if (db->dialect() != db::Dialect::sqlite) {
    std::cout << "database: PostgreSQL is not part of this folder. Take it with pg_dump BEFORE this command\n"
                 "  (pg_dump --format=custom --file=quartier.pgdump ...; docs/operations.md, section 4), so that\n"
                 "  every file the dump refers to is in this backup.\n";
    return;
  }
  db->backup_to((backup / kDatabaseFile).string());
  m.has_database = true;
  m.database = described(backup, kDatabaseFile);
}

void refuse_used_target(const fs::path& target) {
  std::error_code ec;
  if (fs::exists(target, ec) && !(fs::is_directory(target, ec) && fs::is_empty(target, ec)))
    throw std::runtime_error("The backup target " + target.string() +
                             " already exists and is not an empty folder; Quartier never writes over a backup. "
                             "Name a new folder.");
}

int full_backup(const config::Config& cfg, const fs::path& target_in) {
  const auto target = fs::absolute(target_in);
  refuse_used_target(target);
  PartialFolder partial{target.parent_path() / (target.filename().string() + ".partial-" + std::to_string(::getpid()))};
  fs::create_directories(partial.path);
  Manifest m{QUARTIER_VERSION_STRING, 0, utc_now(), "", false, {}, {}};
  const auto stores = store_dirs(cfg);
  for (const auto& s : stores) m.stores.push_back({s.name, "stores/" + s.name, {}});
  // Files before and after the snapshot: whatever the snapshot refers to was there at one of the two.
  for (std::size_t i = 0; i < stores.size(); ++i) copy_store(stores[i], partial.path, m.stores[i]);
  snapshot_database(cfg, partial.path, m);
  for (std::size_t i = 0; i < stores.size(); ++i) copy_store(stores[i], partial.path, m.stores[i]);
  write_manifest(m, partial.path / kManifestName);
  refuse_used_target(target);
  std::error_code ec;
  fs::remove(target, ec);  // an empty folder made for it
  fs::rename(partial.path, target);
  partial.keep = true;
  std::size_t files = 0;
  for (const auto& s : m.stores) files += s.files.size();
  std::cout << fmt::format("backup written to {}: {}{} stored file(s), schema version {}\n", target.string(),
                           m.has_database ? "the database and " : "", files, m.schema_version);
  return 0;
}

int database_backup(const config::Config& cfg, const std::string& file) {
  auto db = db::Database::open(app::database_options(cfg.database));
  db->backup_to(file);
  std::cout << "backup written to " << file << " (the database only; `quartier backup DIR` includes the stored files)\n";
  return 0;
}

}  // namespace

int run_backup(const config::Config& cfg, const std::string& target) {
  if (target.empty()) throw std::runtime_error("No backup target given: name a new folder (or FILE.db for the database alone).");
  return fs::path(target).extension() == ".db" ? database_backup(cfg, target) : full_backup(cfg, target);
}

}  // namespace qt::backup
