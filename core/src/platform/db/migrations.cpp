#include "platform/db/migrations.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include <sodium.h>

#include "platform/log/log.hpp"

namespace qt::db {

namespace {

// One lock id for all of Quartier's migration work on a PostgreSQL server ("QUARTIE").
constexpr const char* pg_migration_lock = "SELECT pg_advisory_xact_lock(22799352288381253)";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string join_versions(const std::vector<int>& v) {
  std::string out;
  for (int x : v) out += (out.empty() ? "" : ", ") + std::to_string(x);
  return out;
}

// BEGIN..COMMIT on the native connection; rolled back unless committed. SQLite takes the write
// lock at BEGIN (IMMEDIATE) so a second process waits instead of failing halfway.
class NativeTransaction {
 public:
  NativeTransaction(const Database& db, soci::session& s) : db_(db), s_(s) {
    db_.exec_script(s_, db_.dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    if (db_.dialect() == Dialect::postgresql) db_.exec_script(s_, pg_migration_lock);
  }
  NativeTransaction(const NativeTransaction&) = delete;
  NativeTransaction& operator=(const NativeTransaction&) = delete;
  ~NativeTransaction() {
    if (open_) {
      try {
        db_.exec_script(s_, "ROLLBACK");
      } catch (const std::exception& e) {
        log::error("migration rollback failed", {{"reason", std::string(e.what())}});
      }
    }
  }
  void commit() {
    db_.exec_script(s_, "COMMIT");
    open_ = false;
  }

 private:
  const Database& db_;
  soci::session& s_;
  bool open_ = true;
};

void check_known(const std::string& scope, const std::vector<Migration>& known) {
  for (std::size_t i = 1; i < known.size(); ++i) {
    if (known[i].version <= known[i - 1].version)
      throw DbError("The " + scope + " migrations are not in strictly increasing order: " + known[i - 1].name +
                    " comes before " + known[i].name + ". Each version number may be used once.");
  }
}

}  // namespace

std::string migration_checksum(std::string_view sql) {
  if (sodium_init() < 0) throw DbError("libsodium could not be initialised; the system lacks a random source.");
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(sql.data()), sql.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

std::string MigrationStatus::describe(const std::string& scope) const {
  if (newer_in_database())
    return "The database holds " + scope + " migrations that this Quartier does not ship (version" +
           (unknown_applied.size() > 1 ? "s " : " ") + join_versions(unknown_applied) + "; this binary knows up to " +
           std::to_string(known_max) +
           "). A newer Quartier has migrated it: run that version again, or restore the backup taken before the "
           "upgrade. Quartier will not start on it.";
  if (!pending.empty()) {
    std::vector<int> v;
    for (const auto& m : pending) v.push_back(m.version);
    return std::to_string(pending.size()) + " " + scope + " migration" + (pending.size() > 1 ? "s" : "") +
           " pending (version" + (v.size() > 1 ? "s " : " ") + join_versions(v) + ").";
  }
  return "The " + scope + " schema is current (version " + std::to_string(applied_max) + ").";
}

Migrator::Migrator(Database& db) : db_(db) {}

void Migrator::ensure_table() {
  auto lease = db_.write();
  NativeTransaction tx(db_, *lease);
  db_.exec_script(*lease,
                  "CREATE TABLE IF NOT EXISTS schema_migrations ("
                  " scope TEXT NOT NULL,"
                  " version BIGINT NOT NULL,"
                  " name TEXT NOT NULL,"
                  " checksum TEXT NOT NULL,"
                  " applied_at BIGINT NOT NULL,"
                  " PRIMARY KEY (scope, version))");
  tx.commit();
}

bool Migrator::table_exists() {
  auto lease = db_.read();
  long long n = 0;
  if (db_.dialect() == Dialect::sqlite)
    *lease << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", soci::into(n);
  else
    *lease << "SELECT COUNT(*) FROM information_schema.tables "
              "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'",
        soci::into(n);
  return n > 0;
}

MigrationStatus Migrator::status(const std::string& scope, const std::vector<Migration>& known) {
  check_known(scope, known);
  struct Applied {
    std::string name, checksum;
  };
  std::map<int, Applied> applied;
  // Read-only, so /readyz can ask often: a missing table just means nothing is applied yet.
  if (table_exists()) {
    auto lease = db_.read();
    long long version = 0;
    std::string name, checksum;
    soci::statement st = (lease->prepare << "SELECT version, name, checksum FROM schema_migrations "
                                            "WHERE scope = :scope ORDER BY version",
                          soci::into(version), soci::into(name), soci::into(checksum), soci::use(scope));
    st.execute();
    while (st.fetch()) applied[static_cast<int>(version)] = Applied{name, checksum};
  }

  MigrationStatus out;
  out.known_max = known.empty() ? 0 : known.back().version;
  out.applied_max = applied.empty() ? 0 : applied.rbegin()->first;
  std::map<int, const Migration*> shipped;
  for (const auto& m : known) shipped[m.version] = &m;
  for (const auto& [version, a] : applied) {
    const auto it = shipped.find(version);
    if (it == shipped.end()) {
      out.unknown_applied.push_back(version);
      continue;
    }
    const std::string sum = migration_checksum(it->second->sql);
    if (sum != a.checksum)
      throw DbError("The " + scope + " migration " + std::to_string(version) + " (" + it->second->name +
                    ") differs from the one applied to this database as " + a.name + " (recorded checksum " +
                    a.checksum + ", shipped " + sum +
                    "). Migrations are never edited after release: restore the file to what was applied, and put "
                    "the change in a new migration.");
  }
  for (const auto& m : known)
    if (!applied.count(m.version)) out.pending.push_back(m);
  return out;
}

int Migrator::apply(const std::string& scope, const std::vector<Migration>& known, const ScriptWrapper& wrap) {
  ensure_table();
  const MigrationStatus st = status(scope, known);
  if (st.newer_in_database()) throw DbError(st.describe(scope));
  int count = 0;
  for (const auto& m : st.pending) {
    const auto started = std::chrono::steady_clock::now();
    auto lease = db_.write();
    NativeTransaction tx(db_, *lease);
    // Another node may have applied it while we waited for the lock.
    long long already = 0;
    const long long version = m.version;
    *lease << "SELECT COUNT(*) FROM schema_migrations WHERE scope = :scope AND version = :version",
        soci::into(already), soci::use(scope), soci::use(version);
    if (already > 0) {
      tx.commit();
      continue;
    }
    try {
      if (wrap)
        wrap(*lease, [&] { db_.exec_script(*lease, m.sql); });
      else
        db_.exec_script(*lease, m.sql);
    } catch (const DbError& e) {
      throw DbError("The " + scope + " migration " + m.name + " failed and was rolled back completely, nothing of it "
                    "remains: " + e.what() + ". Fix the SQL in that file (it was never applied anywhere it failed) "
                    "and run again.");
    }
    const std::string checksum = migration_checksum(m.sql);
    const long long applied_at = now_ms();
    *lease << "INSERT INTO schema_migrations (scope, version, name, checksum, applied_at) "
              "VALUES (:scope, :version, :name, :checksum, :applied_at)",
        soci::use(scope), soci::use(version), soci::use(m.name), soci::use(checksum), soci::use(applied_at);
    tx.commit();
    ++count;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    log::info("migration applied", {{"scope", scope},
                                    {"version", m.version},
                                    {"file", m.name},
                                    {"ms", static_cast<std::int64_t>(ms.count())}});
  }
  return count;
}

}  // namespace qt::db
