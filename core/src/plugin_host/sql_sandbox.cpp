#include "plugin_host/sql_sandbox.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <stdexcept>

#include <soci/sqlite3/soci-sqlite3.h>

namespace qt::plugin_host {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool own(const char* name, const std::string& plugin) {
  return name && lower(name).rfind(plugin + "_", 0) == 0 && std::string_view(name).size() > plugin.size() + 1;
}

// SQLite checks a DDL statement's write to its schema table first, then the DDL itself (decided
// below); a plugin cannot write the schema table directly (SQLite refuses that on its own).
bool schema_table(const char* name) {
  if (!name) return false;
  const auto n = lower(name);
  return n == "sqlite_master" || n == "sqlite_temp_master" || n == "sqlite_schema" || n == "sqlite_temp_schema";
}

// The index SQLite makes for a UNIQUE or PRIMARY KEY constraint of one of the plugin's tables.
bool own_autoindex(const char* name, const std::string& plugin) {
  return name && lower(name).rfind("sqlite_autoindex_" + plugin + "_", 0) == 0;
}

// SQLite may flatten a view into the query and then report the table under it with no column
// (no data read: its rows are counted or joined through the view's columns). Allowed for the
// tables under the views only.
bool view_table_without_column(const char* table, const char* column) {
  static const char* const tables[] = {"users", "neighbourhoods", "containers", "memberships", "content"};
  if (!table || (column && *column)) return false;
  const auto t = lower(table);
  return std::any_of(std::begin(tables), std::end(tables), [&](const char* x) { return t == x; });
}

bool core_view(const char* name) {
  if (!name) return false;
  const auto& views = plugin_views();
  return std::find(views.begin(), views.end(), lower(name)) != views.end();
}

int authorize(void* user, int action, const char* a, const char* b, const char* /*db*/, const char* inner) {
  return static_cast<SqliteSandbox*>(user)->decide(action, a, b, inner);
}

std::string str(const char* s) { return s ? s : ""; }

}  // namespace

const std::vector<std::string>& plugin_views() {
  static const std::vector<std::string> views{"plugin_users", "plugin_neighbourhoods", "plugin_containers",
                                              "plugin_memberships", "plugin_content"};
  return views;
}

std::string sandbox_rule(const std::string& plugin) {
  std::string views;
  for (const auto& v : plugin_views()) views += (views.empty() ? "" : ", ") + v;
  return "a plugin's SQL may touch only its own tables (" + plugin + "_*) and read the core's views " + views +
         "; tables are created and changed only by its migrations";
}

SqliteSandbox::SqliteSandbox(sqlite_api::sqlite3* db, std::string plugin, bool migration)
    : db_(db), plugin_(std::move(plugin)), migration_(migration) {
  sqlite_api::sqlite3_set_authorizer(db_, authorize, this);
}

SqliteSandbox::~SqliteSandbox() { sqlite_api::sqlite3_set_authorizer(db_, nullptr, nullptr); }

bool SqliteSandbox::deny(std::string what) {
  if (denial_.empty()) denial_ = "plugin '" + plugin_ + "' " + what + ": " + sandbox_rule(plugin_);
  return false;
}

int SqliteSandbox::decide(int action, const char* a, const char* b, const char* inner) {
  bool ok = false;
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE: ok = true; break;
    case SQLITE_READ:
      // Through one of the core's views (inner = the view) the view's own columns are what is read.
      ok = own(a, plugin_) || core_view(a) || core_view(inner) || view_table_without_column(a, b) ||
           (migration_ && schema_table(a)) ||
           deny("may not read table '" + str(a) + "' (column " + str(b) + ")");
      break;
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      ok = own(a, plugin_) || schema_table(a) || deny("may not write to table '" + str(a) + "'");
      break;
    case SQLITE_CREATE_TABLE:
    case SQLITE_DROP_TABLE:
    case SQLITE_CREATE_VIEW:
    case SQLITE_DROP_VIEW:
      ok = (migration_ || deny("may not run DDL outside its migrations (" + str(a) + ")")) &&
           (own(a, plugin_) || deny("may not create, change or drop '" + str(a) + "'"));
      break;
    case SQLITE_CREATE_INDEX:
    case SQLITE_DROP_INDEX:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_DROP_TRIGGER:
      ok = (migration_ || deny("may not run DDL outside its migrations (" + str(a) + ")")) &&
           (((own(a, plugin_) || own_autoindex(a, plugin_)) && own(b, plugin_)) ||
            deny("may not create or drop '" + str(a) + "' on table '" + str(b) + "'"));
      break;
    case SQLITE_ALTER_TABLE:
      ok = (migration_ || deny("may not run DDL outside its migrations (ALTER TABLE " + str(b) + ")")) &&
           (own(b, plugin_) || deny("may not alter table '" + str(b) + "'"));
      break;
    case SQLITE_REINDEX:  // SQLite asks while it builds a new table's indexes
      ok = (migration_ && (own(a, plugin_) || own_autoindex(a, plugin_))) ||
           deny("may not reindex '" + str(a) + "'");
      break;
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      ok = deny("may not end or nest transactions in SQL (use db_begin, db_commit and db_rollback)");
      break;
    default:  // PRAGMA, ATTACH, temporary objects, virtual tables, ANALYZE, REINDEX, ...
      ok = deny("may not run this kind of statement (SQLite authorizer action " + std::to_string(action) + ")");
      break;
  }
  return ok ? SQLITE_OK : SQLITE_DENY;
}

void guard_migration(db::Database& db, soci::session& s, const std::string& plugin, const std::function<void()>& run) {
  if (db.dialect() == db::Dialect::postgresql) {
    try {
      guard_postgresql_migration(s, plugin, run);
    } catch (const db::DbError&) {
      throw;
    } catch (const std::exception& e) {
      throw db::DbError(e.what());
    }
    return;
  }
  // The dialect fixes the backend type (SOCI's backends export no RTTI for dynamic_cast).
  auto* be = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
  SqliteSandbox sandbox(be->conn_, plugin, true);
  try {
    run();
  } catch (const db::DbError&) {
    if (!sandbox.denial().empty()) throw db::DbError(sandbox.denial());
    throw;
  }
}

}  // namespace qt::plugin_host
