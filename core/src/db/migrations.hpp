#pragma once
// Numbered SQL migrations, applied in a transaction each and recorded with a SHA-256 checksum
// in schema_migrations(scope, version, name, checksum, applied_at). Scope "core" for
// schemas/migrations/, the plugin name for a plugin's own.
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace qt::db {

struct Migration {
  int version = 0;   // from the file name: 0001_core.sql -> 1
  std::string name;  // "0001_core.sql" (or "0002_fts.sqlite.sql" for a dialect-specific file)
  std::string sql;
};

struct MigrationStatus {
  int applied_max = 0;  // highest version recorded in the database for the scope
  int known_max = 0;    // highest version this binary ships for the scope
  std::vector<Migration> pending;
  bool newer_in_database() const { return applied_max > known_max; }
  bool current() const { return pending.empty() && !newer_in_database(); }
};

// The core migrations embedded in this binary for the dialect: "NNNN_name.sql" applies to both,
// "NNNN_name.sqlite.sql" / "NNNN_name.postgresql.sql" to one (the same version must not have both).
std::vector<Migration> core_migrations(Dialect dialect);

// Parses "NNNN_name[.dialect].sql" entries (name, text) into the list for dialect; throws DbError
// on a malformed name or a duplicate version. Shared by core and plugins.
std::vector<Migration> select_migrations(const std::vector<std::pair<std::string, std::string>>& files,
                                         Dialect dialect);

class Migrator {
 public:
  explicit Migrator(Database& db);

  // Throws DbError if an applied migration's checksum differs from the shipped one
  // (names scope, version, file and both checksums) or the database is newer than the binary.
  MigrationStatus status(const std::string& scope, const std::vector<Migration>& known);

  // Applies every pending migration, each in its own transaction; returns how many were applied.
  int apply(const std::string& scope, const std::vector<Migration>& known);

 private:
  void ensure_table();
  Database& db_;
};

}  // namespace qt::db
