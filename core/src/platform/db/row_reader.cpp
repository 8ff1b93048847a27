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
  if (s.get_backend_name() != "sqlite3") {
    soci_ = std::make_unique<CachedStatement>(s, sql);
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
  if (!stmt_) return;
  sqlite_api::sqlite3_reset(stmt_);
  sqlite_api::sqlite3_clear_bindings(stmt_);
  if (lease_) detail::release_native_statement(lease_);
  else sqlite_api::sqlite3_finalize(stmt_);
}

RowReader& RowReader::bind(std::int64_t v) {
  if (soci_) {
    ints_.push_back(v);
    *soci_, soci::use(ints_.back());
    return *this;
  }
  if (sqlite_api::sqlite3_bind_int64(stmt_, ++bound_, v) != SQLITE_OK) sqlite_failed(session_, "could not bind a parameter");
  return *this;
}

RowReader& RowReader::bind(std::string_view v) {
  if (soci_) {
    strings_.emplace_back(v);
    *soci_, soci::use(strings_.back());
    return *this;
  }
  // SQLITE_TRANSIENT (its macro needs the type outside SOCI's namespace): SQLite copies the text.
  const auto transient = reinterpret_cast<sqlite_api::sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
  if (sqlite_api::sqlite3_bind_text(stmt_, ++bound_, v.data(), static_cast<int>(v.size()), transient) != SQLITE_OK)
    sqlite_failed(session_, "could not bind a parameter");
  return *this;
}

bool RowReader::next() {
  if (soci_) {
    if (!executed_) {
      executed_ = true;
      *soci_, soci::into(row_);
      soci_->execute();
    }
    return soci_->fetch();
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
  if (soci_) return row_.get_indicator(static_cast<std::size_t>(col)) == soci::i_null;
  return sqlite_api::sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

std::int64_t RowReader::i64(int col) const {
  if (!soci_) return sqlite_api::sqlite3_column_int64(stmt_, col);
  const auto c = static_cast<std::size_t>(col);
  if (row_.get_indicator(c) == soci::i_null) return 0;
  switch (row_.get_properties(c).get_data_type()) {
    case soci::dt_integer: return row_.get<int>(c);
    case soci::dt_long_long: return row_.get<long long>(c);
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(row_.get<unsigned long long>(c));
    case soci::dt_double: return static_cast<std::int64_t>(row_.get<double>(c));
    case soci::dt_string: {
      const auto t = row_.get<std::string>(c);
      std::int64_t v = 0;
      if (std::from_chars(t.data(), t.data() + t.size(), v).ec == std::errc()) return v;
      break;
    }
    default: break;
  }
  throw soci::soci_error("column " + std::to_string(col) + " (" + row_.get_properties(c).get_name() + ") is not a number");
}

std::string_view RowReader::text(int col) const {
  if (!soci_) {
    const auto* p = sqlite_api::sqlite3_column_text(stmt_, col);
    if (!p) return {};
    return {reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite_api::sqlite3_column_bytes(stmt_, col))};
  }
  const auto c = static_cast<std::size_t>(col);
  if (texts_.size() <= c) texts_.resize(c + 1);
  auto& t = texts_[c];
  if (row_.get_indicator(c) == soci::i_null) t.clear();
  else if (row_.get_properties(c).get_data_type() == soci::dt_string) t = row_.get<std::string>(c);
  else t = std::to_string(i64(col));
  return t;
}

}  // namespace qt::db
