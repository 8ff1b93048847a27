#include "plugin_host/statement.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "plugin_host/host_error.hpp"
#include "plugin_host/sql_sandbox.hpp"

using qt::plugin_host::HostError;
using qt::plugin_host::Slot;
using qt::plugin_host::ThreadDb;

namespace {

thread_local std::vector<qt_stmt*> thread_statements;

sqlite_api::sqlite3* lite(void* p) { return static_cast<sqlite_api::sqlite3*>(p); }
sqlite_api::sqlite3_stmt* lite_stmt(void* p) { return static_cast<sqlite_api::sqlite3_stmt*>(p); }
PGconn* pg(void* p) { return static_cast<PGconn*>(p); }
PGresult* pg_res(void* p) { return static_cast<PGresult*>(p); }

// PostgreSQL type oids we map (pg_type.h).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

bool integral_text(std::string_view v) {
  if (v.empty()) return false;
  std::size_t i = (v[0] == '-' || v[0] == '+') ? 1 : 0;
  if (i == v.size() || v.size() - i > 18) return false;  // 18 digits always fit in int64
  return std::all_of(v.begin() + static_cast<std::ptrdiff_t>(i), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string format_double(double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

std::int64_t parse_int(std::string_view v) {
  std::string s(v);
  return std::strtoll(s.c_str(), nullptr, 10);
}
double parse_double(std::string_view v) {
  std::string s(v);
  return std::strtod(s.c_str(), nullptr);
}

}  // namespace

std::unique_ptr<qt_stmt> qt_stmt::prepare(qt::db::Database& db, std::string_view sql, std::string plugin) {
  std::unique_ptr<qt_stmt> s(new qt_stmt());
  s->plugin_ = std::move(plugin);
  s->dialect_ = db.dialect();
  auto& ctx = ThreadDb::current();
  soci::session& session = ctx.acquire(db, qt::plugin_host::is_read_only_sql(sql), s->slot_);
  thread_statements.push_back(s.get());
  if (s->slot_ == Slot::transaction) ctx.track(s.get());
  auto* backend = session.get_backend();
  if (s->dialect_ == qt::db::Dialect::sqlite) {
    // The dialect fixes the backend type (SOCI's backends export no RTTI for dynamic_cast).
    auto* be = static_cast<soci::sqlite3_session_backend*>(backend);
    if (!be) throw HostError(QT_ERR_INTERNAL, "database session has no SQLite backend");
    s->sqlite_db_ = be->conn_;
    sqlite_api::sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    int rc = SQLITE_OK;
    if (s->plugin_.empty()) {
      rc = sqlite_api::sqlite3_prepare_v2(be->conn_, sql.data(), static_cast<int>(sql.size()), &st, &tail);
    } else {
      qt::plugin_host::SqliteSandbox sandbox(be->conn_, s->plugin_, false);
      rc = sqlite_api::sqlite3_prepare_v2(be->conn_, sql.data(), static_cast<int>(sql.size()), &st, &tail);
      if (rc != SQLITE_OK && !sandbox.denial().empty()) throw HostError(QT_ERR_DENIED, sandbox.denial());
    }
    if (rc != SQLITE_OK) throw HostError(QT_ERR_DATABASE, sqlite_api::sqlite3_errmsg(be->conn_));
    s->sqlite_stmt_ = st;
    if (!st) throw HostError(QT_ERR_INVALID, "the SQL text holds no statement");
    std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos)
      throw HostError(QT_ERR_INVALID, "db_prepare takes one statement; split the SQL text");
  } else {
    auto* be = static_cast<soci::postgresql_session_backend*>(backend);
    if (!be) throw HostError(QT_ERR_INTERNAL, "database session has no PostgreSQL backend");
    s->pg_conn_ = be->conn_;
    s->pg_sql_ = qt::plugin_host::to_positional(sql);
  }
  return s;
}

qt_stmt::~qt_stmt() {
  close();
  thread_statements.erase(std::remove(thread_statements.begin(), thread_statements.end(), this),
                          thread_statements.end());
}

void qt_stmt::close() {
  if (closed_) return;
  closed_ = true;
  if (sqlite_stmt_) sqlite_api::sqlite3_finalize(lite_stmt(sqlite_stmt_));
  sqlite_stmt_ = nullptr;
  if (pg_result_) PQclear(pg_res(pg_result_));
  pg_result_ = nullptr;
  auto& ctx = ThreadDb::current();
  if (slot_ == Slot::transaction)
    ctx.untrack(this);
  else
    ctx.release(slot_);
}

bool qt_stmt::close_thread_statements() {
  auto open = thread_statements;
  bool any = false;
  for (auto* s : open) {
    if (!s->closed_) {
      any = true;
      s->close();
    }
  }
  return any;
}

void qt_stmt::check_open() const {
  if (closed_)
    throw HostError(QT_ERR_STATE, "statement was closed (its transaction or callback ended); prepare it again");
}

void qt_stmt::set_bind(Bind b) {
  check_open();
  if (started_) throw HostError(QT_ERR_STATE, "bind before the first stmt_step or after stmt_reset");
  if (dialect_ == qt::db::Dialect::sqlite) {
    std::string param = ":" + b.name;
    if (sqlite_api::sqlite3_bind_parameter_index(lite_stmt(sqlite_stmt_), param.c_str()) == 0)
      throw HostError(QT_ERR_INVALID, "the SQL has no parameter :" + b.name);
  } else if (std::find(pg_sql_.names.begin(), pg_sql_.names.end(), b.name) == pg_sql_.names.end()) {
    throw HostError(QT_ERR_INVALID, "the SQL has no parameter :" + b.name);
  }
  for (auto& existing : binds_) {
    if (existing.name == b.name) {
      existing = std::move(b);
      return;
    }
  }
  binds_.push_back(std::move(b));
}

void qt_stmt::bind_null(std::string_view name) { set_bind({std::string(name), Type::null, 0, 0, {}}); }
void qt_stmt::bind_int64(std::string_view name, std::int64_t v) { set_bind({std::string(name), Type::int64, v, 0, {}}); }
void qt_stmt::bind_double(std::string_view name, double v) { set_bind({std::string(name), Type::real, 0, v, {}}); }
void qt_stmt::bind_text(std::string_view name, std::string_view v) {
  set_bind({std::string(name), Type::text, 0, 0, std::string(v)});
}
void qt_stmt::bind_blob(std::string_view name, std::string_view bytes) {
  set_bind({std::string(name), Type::blob, 0, 0, std::string(bytes)});
}

qt_status qt_stmt::step() {
  check_open();
  if (done_) return QT_DONE;
  return dialect_ == qt::db::Dialect::sqlite ? step_sqlite() : step_postgresql();
}

qt_status qt_stmt::step_sqlite() {
  auto* st = lite_stmt(sqlite_stmt_);
  if (!started_) {
    started_ = true;
    sqlite_api::sqlite3_clear_bindings(st);
    for (const auto& b : binds_) {
      std::string param = ":" + b.name;
      int idx = sqlite_api::sqlite3_bind_parameter_index(st, param.c_str());
      int rc = SQLITE_OK;
      switch (b.type) {
        case Type::null: rc = sqlite_api::sqlite3_bind_null(st, idx); break;
        case Type::int64: rc = sqlite_api::sqlite3_bind_int64(st, idx, b.i); break;
        case Type::real: rc = sqlite_api::sqlite3_bind_double(st, idx, b.d); break;
        case Type::text:
          rc = sqlite_api::sqlite3_bind_text64(st, idx, b.s.data(), b.s.size(), SQLITE_STATIC, SQLITE_UTF8);
          break;
        case Type::blob: rc = sqlite_api::sqlite3_bind_blob64(st, idx, b.s.data(), b.s.size(), SQLITE_STATIC); break;
      }
      if (rc != SQLITE_OK) throw HostError(QT_ERR_DATABASE, sqlite_api::sqlite3_errmsg(lite(sqlite_db_)));
    }
  }
  int rc = sqlite_api::sqlite3_step(st);
  if (rc == SQLITE_ROW) return QT_ROW;
  if (rc == SQLITE_DONE) {
    done_ = true;
    if (!sqlite_api::sqlite3_stmt_readonly(st)) {
      changes_ = sqlite_api::sqlite3_changes64(lite(sqlite_db_));
      if (changes_ > 0) last_id_ = sqlite_api::sqlite3_last_insert_rowid(lite(sqlite_db_));
    }
    return QT_DONE;
  }
  std::string message = sqlite_api::sqlite3_errmsg(lite(sqlite_db_));
  sqlite_api::sqlite3_reset(st);
  done_ = true;
  throw HostError(QT_ERR_DATABASE, message);
}

qt_status qt_stmt::step_postgresql() {
  if (!started_) {
    started_ = true;
    std::size_t n = pg_sql_.names.size();
    std::vector<Oid> types(n, 0);
    std::vector<const char*> values(n, nullptr);
    std::vector<int> lengths(n, 0), formats(n, 0);
    std::vector<std::string> texts(n);
    for (std::size_t i = 0; i < n; ++i) {
      auto it = std::find_if(binds_.begin(), binds_.end(), [&](const Bind& b) { return b.name == pg_sql_.names[i]; });
      if (it == binds_.end() || it->type == Type::null) continue;  // unbound = NULL, as on SQLite
      switch (it->type) {
        case Type::int64:
          types[i] = kInt8;
          texts[i] = std::to_string(it->i);
          break;
        case Type::real:
          types[i] = kFloat8;
          texts[i] = format_double(it->d);
          break;
        case Type::text: texts[i] = it->s; break;
        case Type::blob:
          types[i] = kBytea;
          formats[i] = 1;
          break;
        case Type::null: break;
      }
      const std::string& src = it->type == Type::blob ? it->s : texts[i];
      values[i] = src.data();
      lengths[i] = static_cast<int>(src.size());
    }
    done_ = true;  // until the sandbox passed it (a refusal leaves it finished)
    if (!plugin_.empty())
      qt::plugin_host::check_postgresql(pg(pg_conn_), plugin_, pg_sql_.sql, static_cast<int>(n), types.data(),
                                        values.data(), lengths.data(), formats.data());
    done_ = false;
    PGresult* r = PQexecParams(pg(pg_conn_), pg_sql_.sql.c_str(), static_cast<int>(n), types.data(), values.data(),
                               lengths.data(), formats.data(), 0);
    pg_result_ = r;
    auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
      std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(pg(pg_conn_));
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
      done_ = true;
      throw HostError(QT_ERR_DATABASE, message);
    }
    std::string_view command = PQcmdStatus(r);
    bool modifies = command.starts_with("INSERT") || command.starts_with("UPDATE") || command.starts_with("DELETE");
    pg_insert_ = command.starts_with("INSERT");
    if (modifies) changes_ = parse_int(PQcmdTuples(r));
    pg_rows_ = status == PGRES_TUPLES_OK ? PQntuples(r) : 0;
    pg_row_ = -1;
  }
  ++pg_row_;
  scratch_.assign(static_cast<std::size_t>(column_count()), std::string());
  if (pg_row_ < pg_rows_) return QT_ROW;
  done_ = true;
  return QT_DONE;
}

void qt_stmt::reset() {
  check_open();
  started_ = false;
  done_ = false;
  changes_ = 0;
  last_id_.reset();
  if (sqlite_stmt_) sqlite_api::sqlite3_reset(lite_stmt(sqlite_stmt_));
  if (pg_result_) PQclear(pg_res(pg_result_));
  pg_result_ = nullptr;
  pg_row_ = -1;
  pg_rows_ = 0;
}

int qt_stmt::column_count() const {
  if (closed_) return 0;
  if (sqlite_stmt_) return sqlite_api::sqlite3_column_count(lite_stmt(sqlite_stmt_));
  return pg_result_ ? PQnfields(pg_res(pg_result_)) : 0;
}

void qt_stmt::check_column(int i) const {
  check_open();
  if (i < 0 || i >= column_count()) throw HostError(QT_ERR_INVALID, "column index " + std::to_string(i) + " out of range");
  if (dialect_ == qt::db::Dialect::postgresql && (pg_row_ < 0 || pg_row_ >= pg_rows_))
    throw HostError(QT_ERR_STATE, "no current row: read columns after stmt_step returned QT_ROW");
}

std::string_view qt_stmt::pg_value(int i) const {
  auto* r = pg_res(pg_result_);
  return {PQgetvalue(r, pg_row_, i), static_cast<std::size_t>(PQgetlength(r, pg_row_, i))};
}

qt_stmt::Type qt_stmt::column_type(int i) const {
  check_column(i);
  if (sqlite_stmt_) {
    switch (sqlite_api::sqlite3_column_type(lite_stmt(sqlite_stmt_), i)) {
      case SQLITE_INTEGER: return Type::int64;
      case SQLITE_FLOAT: return Type::real;
      case SQLITE_BLOB: return Type::blob;
      case SQLITE_NULL: return Type::null;
      default: return Type::text;
    }
  }
  auto* r = pg_res(pg_result_);
  if (PQgetisnull(r, pg_row_, i)) return Type::null;
  switch (PQftype(r, i)) {
    case kBool: case kInt2: case kInt4: case kInt8: case kOid: return Type::int64;
    case kFloat4: case kFloat8: return Type::real;
    case kNumeric: return integral_text(pg_value(i)) ? Type::int64 : Type::real;
    case kBytea: return Type::blob;
    default: return Type::text;
  }
}

std::string_view qt_stmt::column_name(int i) const {
  check_open();
  if (i < 0 || i >= column_count()) throw HostError(QT_ERR_INVALID, "column index " + std::to_string(i) + " out of range");
  if (sqlite_stmt_) return sqlite_api::sqlite3_column_name(lite_stmt(sqlite_stmt_), i);
  return PQfname(pg_res(pg_result_), i);
}

std::int64_t qt_stmt::column_int64(int i) const {
  check_column(i);
  if (sqlite_stmt_) return sqlite_api::sqlite3_column_int64(lite_stmt(sqlite_stmt_), i);
  auto* r = pg_res(pg_result_);
  if (PQgetisnull(r, pg_row_, i)) return 0;
  auto v = pg_value(i);
  if (PQftype(r, i) == kBool) return v == "t" ? 1 : 0;
  if (integral_text(v)) return parse_int(v);
  return static_cast<std::int64_t>(parse_double(v));
}

double qt_stmt::column_double(int i) const {
  check_column(i);
  if (sqlite_stmt_) return sqlite_api::sqlite3_column_double(lite_stmt(sqlite_stmt_), i);
  auto* r = pg_res(pg_result_);
  if (PQgetisnull(r, pg_row_, i)) return 0;
  if (PQftype(r, i) == kBool) return pg_value(i) == "t" ? 1 : 0;
  return parse_double(pg_value(i));
}

std::string_view qt_stmt::column_text(int i) {
  check_column(i);
  if (sqlite_stmt_) {
    auto* st = lite_stmt(sqlite_stmt_);
    const auto* p = sqlite_api::sqlite3_column_text(st, i);
    auto n = static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(st, i));
    return p ? std::string_view(reinterpret_cast<const char*>(p), n) : std::string_view();
  }
  auto* r = pg_res(pg_result_);
  if (PQgetisnull(r, pg_row_, i)) return {};
  auto type = PQftype(r, i);
  if (type == kBool) return pg_value(i) == "t" ? "1" : "0";
  if (type == kBytea) return column_blob(i);
  return pg_value(i);
}

std::string_view qt_stmt::column_blob(int i) {
  check_column(i);
  if (sqlite_stmt_) {
    auto* st = lite_stmt(sqlite_stmt_);
    const void* p = sqlite_api::sqlite3_column_blob(st, i);
    auto n = static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(st, i));
    return p ? std::string_view(static_cast<const char*>(p), n) : std::string_view();
  }
  auto* r = pg_res(pg_result_);
  if (PQgetisnull(r, pg_row_, i)) return {};
  if (PQftype(r, i) != kBytea) return column_text(i);
  auto& slot = scratch_[static_cast<std::size_t>(i)];
  if (slot.empty()) {
    std::size_t n = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r, pg_row_, i)), &n);
    if (!bytes) throw HostError(QT_ERR_INTERNAL, "could not decode a bytea value");
    slot.assign(reinterpret_cast<const char*>(bytes), n);
    PQfreemem(bytes);
  }
  return slot;
}

std::optional<std::int64_t> qt_stmt::last_insert_id() {
  check_open();
  if (dialect_ == qt::db::Dialect::sqlite) return last_id_;
  if (last_id_ || !pg_insert_ || changes_ == 0) return last_id_;
  // lastval() fails when the session used no sequence; a savepoint keeps an open transaction usable.
  auto* conn = pg(pg_conn_);
  bool in_tx = PQtransactionStatus(conn) == PQTRANS_INTRANS;
  auto run = [&](const char* sql) {
    PGresult* r = PQexec(conn, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    std::optional<std::int64_t> v;
    if (ok && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
      v = parse_int(PQgetvalue(r, 0, 0));
    PQclear(r);
    return std::pair{ok, v};
  };
  if (in_tx) run("SAVEPOINT qt_lastval");
  auto [ok, v] = run("SELECT lastval()");
  if (in_tx) run(ok ? "RELEASE SAVEPOINT qt_lastval" : "ROLLBACK TO SAVEPOINT qt_lastval");
  last_id_ = v;
  return last_id_;
}
