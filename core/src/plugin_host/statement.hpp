#pragma once
// A plugin's prepared statement (qt_stmt) on the native driver of the core's database:
// sqlite3_stmt on SQLite, PQexecParams on PostgreSQL (with :name rewritten to $n). Both report
// values the same way: integers and booleans as int64, floating and non-integral numerics as
// double, BLOB/BYTEA as blob, everything else as text, NULL per value.
// Methods throw HostError; the ABI layer turns that into a qt_status.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/database.hpp"
#include "plugin_host/sql_params.hpp"
#include "plugin_host/thread_db.hpp"
#include "quartier/plugin.h"

struct qt_stmt {
 public:
  // Prepares on the connection ThreadDb chooses for this thread. With a plugin name the SQL
  // sandbox applies (plugin_host/sql_sandbox.hpp; the host always passes it): QT_ERR_DENIED.
  static std::unique_ptr<qt_stmt> prepare(qt::db::Database& db, std::string_view sql, std::string plugin = {});
  ~qt_stmt();
  qt_stmt(const qt_stmt&) = delete;
  qt_stmt& operator=(const qt_stmt&) = delete;

  enum class Type { null = QT_TYPE_NULL, int64 = QT_TYPE_INT64, real = QT_TYPE_DOUBLE, text = QT_TYPE_TEXT, blob = QT_TYPE_BLOB };

  void bind_null(std::string_view name);
  void bind_int64(std::string_view name, std::int64_t v);
  void bind_double(std::string_view name, double v);
  void bind_text(std::string_view name, std::string_view v);
  void bind_blob(std::string_view name, std::string_view bytes);

  qt_status step();  // QT_ROW or QT_DONE
  void reset();

  int column_count() const;
  Type column_type(int i) const;
  std::string_view column_name(int i) const;
  std::int64_t column_int64(int i) const;
  double column_double(int i) const;
  std::string_view column_text(int i);
  std::string_view column_blob(int i);
  std::int64_t changes() const { return changes_; }
  std::optional<std::int64_t> last_insert_id();

  // Releases the native statement and the connection; later calls fail with QT_ERR_STATE.
  // Used when a transaction ends or a callback returns with the statement still open.
  void close();
  bool closed() const { return closed_; }

  // Closes every statement this thread still has open; true if there were any.
  static bool close_thread_statements();

 private:
  qt_stmt() = default;

 public:
  const qt_host* owner = nullptr;  // the plugin that prepared it (for log lines)

 private:
  struct Bind {
    std::string name;
    Type type = Type::null;
    std::int64_t i = 0;
    double d = 0;
    std::string s;
  };
  void set_bind(Bind b);
  void check_open() const;
  void check_column(int i) const;
  qt_status step_sqlite();
  qt_status step_postgresql();
  std::string_view pg_value(int i) const;

  qt::db::Dialect dialect_ = qt::db::Dialect::sqlite;
  qt::plugin_host::Slot slot_ = qt::plugin_host::Slot::reader;
  bool closed_ = false;
  bool started_ = false;
  bool done_ = false;
  std::vector<Bind> binds_;
  std::int64_t changes_ = 0;
  std::optional<std::int64_t> last_id_;

  // SQLite
  void* sqlite_db_ = nullptr;    // sqlite3*
  void* sqlite_stmt_ = nullptr;  // sqlite3_stmt*
  // PostgreSQL
  void* pg_conn_ = nullptr;  // PGconn*
  void* pg_result_ = nullptr;  // PGresult*
  qt::plugin_host::PositionalSql pg_sql_;
  std::string plugin_;  // whose sandbox applies ("" = none)
  int pg_row_ = -1;
  int pg_rows_ = 0;
  bool pg_insert_ = false;
  std::vector<std::string> scratch_;  // decoded values of the current row (per column)
};

namespace qt::plugin_host {
using Statement = ::qt_stmt;
}
