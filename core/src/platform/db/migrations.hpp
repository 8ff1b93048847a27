#pragma once
// Numbered SQL migrations, applied in a transaction each and recorded with a SHA-256 checksum
// in schema_migrations(scope, version, name, checksum, applied_at). Scope "core" for
// schemas/migrations/, the plugin name for a plugin's own.
#include <functional>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/database.hpp"

namespace qt::db {

struct Migration {
  int version = 0;   // from the file name: 0001_core.sql -> 1
  std::string name;  // "0001_core.sql" (or "0002_fts.sqlite.sql" for a dialect-specific file)
  std::string sql;
};

struct MigrationStatus {
  int applied_max = 0;  // highest version recorded in the database for the scope
  int known_max = 0;    // highest version this binary ships for the scope
  std::vector<Migration> pending;  // shipped, not yet applied, in version order
  // Applied versions this binary does not ship: a newer Quartier migrated the database
  // (or a migration file was removed). The caller must refuse to serve.
  std::vector<int> unknown_applied;
  bool newer_in_database() const { return !unknown_applied.empty(); }
  bool current() const { return pending.empty() && !newer_in_database(); }
  // For operators: "database is newer than this binary: applied versions 31, 32 are unknown ..."
  std::string describe(const std::string& scope) const;
};

// The core migrations embedded in this binary for the dialect: "NNNN_name.sql" applies to both,
// "NNNN_name.sqlite.sql" / "NNNN_name.postgresql.sql" to one (the same version must not have both).
std::vector<Migration> core_migrations(Dialect dialect);

// Parses "NNNN_name[.dialect].sql" entries (name, text) into the list for dialect, sorted by
// version; throws DbError on a malformed name or a duplicate version (two files for one version,
// except one .sqlite.sql plus one .postgresql.sql of the same name). Numbers may have gaps: the
// team reserves ranges (0001-0009 foundation, 0010-0029 accounts, ...), and a migration added
// later below an applied one is applied in its turn. Shared by core and plugins.
std::vector<Migration> select_migrations(const std::vector<std::pair<std::string, std::string>>& files,
                                         Dialect dialect);

// SHA-256 of the SQL text as lower-case hex: what schema_migrations.checksum records.
std::string migration_checksum(std::string_view sql);

class Migrator {
 public:
  explicit Migrator(Database& db);

  // Throws DbError if an applied migration's checksum differs from the shipped one (names scope,
  // version, file and both checksums). A database newer than the binary is reported in the
  // status (newer_in_database()), not thrown: `quartier migrate --status` must be able to say so.
  // Only reads (never creates schema_migrations or takes the writer), so /readyz may call it.
  MigrationStatus status(const std::string& scope, const std::vector<Migration>& known);

  // Applies every pending migration, each in its own transaction together with its record;
  // returns how many were applied. Throws DbError if the database is newer than the binary,
  // on a checksum mismatch, or when a migration fails (rolled back completely; the message names
  // the file and the driver's reason). On PostgreSQL an advisory lock keeps several nodes
  // starting at once from applying the same migration twice.
  // `wrap`, if given, runs each migration's SQL (run()) inside the migration's transaction and may
  // throw DbError to refuse it (the plugin host's SQL sandbox).
  using ScriptWrapper = std::function<void(soci::session& s, const std::function<void()>& run)>;
  int apply(const std::string& scope, const std::vector<Migration>& known, const ScriptWrapper& wrap = {});

 private:
  void ensure_table();
  bool table_exists();
  Database& db_;
};

}  // namespace qt::db
