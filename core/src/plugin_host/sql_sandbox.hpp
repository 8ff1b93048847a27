#pragma once
// The SQL sandbox (ABI 1.2): a plugin's statements may touch only its own tables ("<plugin>_*")
// and read the core's documented views (plugin_users, ...; schemas/migrations/0053). Its
// migrations may create and change only its own tables. Refusals name the table and the rule.
//
// SQLite: an authorizer installed on the connection only while a plugin's statement (or
// migration) is prepared, so the core's own statements never see it; a read through one of the
// views is told apart by the authorizer's view argument. PostgreSQL: before a plugin's SQL
// text first runs, its plan (EXPLAIN VERBOSE with the bound values) must scan only the plugin's
// tables and, of the core's tables, only the columns the views expose; statements other than
// SELECT/INSERT/UPDATE/DELETE/WITH/VALUES and a few functions that run SQL of their own or touch
// core sequences are refused. The verdict is cached per plugin and SQL text.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <libpq-fe.h>
#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace sqlite_api {
struct sqlite3;
}

namespace qt::plugin_host {

// The read-only core views every plugin may read.
const std::vector<std::string>& plugin_views();
// "a plugin's SQL may touch only its own tables (<plugin>_*) and read the views plugin_users, ..."
std::string sandbox_rule(const std::string& plugin);

// Installs the authorizer on `db` for the life of the object (one prepare or one migration).
class SqliteSandbox {
 public:
  SqliteSandbox(sqlite_api::sqlite3* db, std::string plugin, bool migration);
  ~SqliteSandbox();
  SqliteSandbox(const SqliteSandbox&) = delete;
  SqliteSandbox& operator=(const SqliteSandbox&) = delete;

  // Why the authorizer refused (empty if it did not); includes the rule.
  const std::string& denial() const { return denial_; }

  // The callback's view of this object (public for the C callback only).
  int decide(int action, const char* a, const char* b, const char* inner);

 private:
  bool deny(std::string what);
  sqlite_api::sqlite3* db_;
  std::string plugin_;
  bool migration_;
  std::string denial_;
};

// Throws HostError(QT_ERR_DENIED) when the statement breaks the rule, HostError(QT_ERR_DATABASE)
// when PostgreSQL cannot plan it. Arguments as for PQexecParams.
void check_postgresql(PGconn* conn, const std::string& plugin, const std::string& sql, int n, const Oid* types,
                      const char* const* values, const int* lengths, const int* formats);

// Runs a plugin migration's SQL (run()) under the sandbox of either dialect; throws db::DbError
// naming the table and the rule when the migration reaches beyond the plugin's own tables.
void guard_migration(db::Database& db, soci::session& s, const std::string& plugin, const std::function<void()>& run);

// A plugin migration on PostgreSQL: run() applies its SQL in the migration's transaction on s;
// then every catalog row it made or changed must belong to the plugin's own tables (no core
// table altered, dropped, indexed or given a trigger; no functions). Throws std::runtime_error.
void guard_postgresql_migration(soci::session& s, const std::string& plugin, const std::function<void()>& run);

}  // namespace qt::plugin_host
