#include "platform/db/row_reader.hpp"

#include <charconv>
#include <cstdint>

#include "platform/db/native.hpp"

namespace qt::db {

namespace {

[[noreturn]] void sqlite_failed(soci::session& s, const char* what) {
  throw soci::soci_error(std::string("SQLite: ") + what + ": " + sqlite_api::sqlite3_errmsg(native::sqlite(s)));
}

}  // namespace

RowReader::RowReader(soci::session& s, const std::string& sql) : session_(s) {
  // A lease comes only from a pooled SQLite connection: the usual case, decided without asking
  // the session for its backend's name.
  if (const auto lease = detail::lease_native_statement(s, sql); lease.stmt) {
    stmt_ = lease.stmt;
    lease_ = lease.entry;
    return;
  }
  if (s.get_backend_name() == "postgresql") {
    pg_ = true;
    pg_lease_ = detail::lease_pg_statement(s, sql);
    if (pg_lease_.name) pg_params_ = pg_lease_.params;
    else pg_text_ = detail::numbered_placeholders(sql, pg_params_);
    return;
  }
  // No cache for this session, or the same text is being read in an outer loop: an own statement.
  const char* tail = nullptr;
  if (sqlite_api::sqlite3_prepare_v2(native::sqlite(s), sql.data(), static_cast<int>(sql.size()), &stmt_, &tail) !=
      SQLITE_OK)
    sqlite_failed(s, "could not prepare a statement");
  if (!stmt_) throw soci::soci_error("SQLite: the SQL text holds no statement");
}

RowReader::~RowReader() {
  if (pg_) {
    PQclear(result_);
    detail::release_pg_statement(pg_lease_.entry);
    return;
  }
  if (!stmt_) return;
  sqlite_api::sqlite3_reset(stmt_);
  sqlite_api::sqlite3_clear_bindings(stmt_);
  if (lease_) detail::release_native_statement(lease_);
  else sqlite_api::sqlite3_finalize(stmt_);
}

RowReader& RowReader::bind(std::int64_t v) {
  if (pg_) {
    values_.push_back(std::to_string(v));
    return *this;
  }
  if (sqlite_api::sqlite3_bind_int64(stmt_, ++bound_, v) != SQLITE_OK) sqlite_failed(session_, "could not bind a parameter");
  return *this;
}

RowReader& RowReader::bind(std::string_view v) {
  if (pg_) {
    values_.emplace_back(v);
    return *this;
  }
  // SQLITE_TRANSIENT (its macro needs the type outside SOCI's namespace): SQLite copies the text.
  const auto transient = reinterpret_cast<sqlite_api::sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
  if (sqlite_api::sqlite3_bind_text(stmt_, ++bound_, v.data(), static_cast<int>(v.size()), transient) != SQLITE_OK)
    sqlite_failed(session_, "could not bind a parameter");
  return *this;
}

void RowReader::run_postgresql() {
  if (static_cast<int>(values_.size()) != pg_params_)
    throw soci::soci_error("PostgreSQL: the statement takes " + std::to_string(pg_params_) + " parameters, " +
                           std::to_string(values_.size()) + " were bound");
  std::vector<const char*> params;
  params.reserve(values_.size());
  for (const auto& v : values_) params.push_back(v.c_str());
  PGconn* c = native::postgresql(session_);
  const int n = static_cast<int>(params.size());
  result_ = pg_lease_.name ? PQexecPrepared(c, pg_lease_.name->c_str(), n, params.data(), nullptr, nullptr, 0)
                           : PQexecParams(c, pg_text_.c_str(), n, nullptr, params.data(), nullptr, nullptr, 0);
  const auto status = result_ ? PQresultStatus(result_) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    PGresult* failed = result_;
    result_ = nullptr;
    detail::postgresql_failed(session_, failed, "could not read");
  }
  rows_ = PQntuples(result_);
}

bool RowReader::next() {
  if (pg_) {
    if (!executed_) {
      executed_ = true;
      run_postgresql();
    }
    if (row_ + 1 >= rows_) return false;
    ++row_;
    return true;
  }
  if (done_) return false;
  if (!executed_ && bound_ != sqlite_api::sqlite3_bind_parameter_count(stmt_))
    throw soci::soci_error("SQLite: the statement takes " + std::to_string(sqlite_api::sqlite3_bind_parameter_count(stmt_)) +
                           " parameters, " + std::to_string(bound_) + " were bound");
  switch (sqlite_api::sqlite3_step(stmt_)) {
    case SQLITE_ROW:
      executed_ = true;
      return true;
    case SQLITE_DONE:
      done_ = true;
      return false;
    default:
      sqlite_failed(session_, "could not read");
  }
}

bool RowReader::is_null(int col) const {
  if (pg_) return PQgetisnull(result_, row_, col) != 0;
  return sqlite_api::sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

std::int64_t RowReader::i64(int col) const {
  if (!pg_) return sqlite_api::sqlite3_column_int64(stmt_, col);
  if (PQgetisnull(result_, row_, col)) return 0;
  const std::string_view t = text(col);
  std::int64_t v = 0;
  if (std::from_chars(t.data(), t.data() + t.size(), v).ec == std::errc()) return v;
  double d = 0;  // a numeric or floating-point column, as SQLite's column_int64 would truncate it
  if (std::from_chars(t.data(), t.data() + t.size(), d).ec == std::errc()) return static_cast<std::int64_t>(d);
  throw soci::soci_error("column " + std::to_string(col) + " (" + PQfname(result_, col) + ") is not a number");
}

std::string_view RowReader::text(int col) const {
  if (pg_) {
    if (row_ < 0 || row_ >= rows_ || col < 0 || col >= PQnfields(result_))
      throw soci::soci_error("PostgreSQL: no column " + std::to_string(col) + " in this row");
    return {PQgetvalue(result_, row_, col), static_cast<std::size_t>(PQgetlength(result_, row_, col))};
  }
  const auto* p = sqlite_api::sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(stmt_, col))};
}

}  // namespace qt::db
