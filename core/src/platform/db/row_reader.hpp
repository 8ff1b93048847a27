#pragma once
// A read whose rows are taken column by column, for the hottest statements (a stream page's
// items). SOCI copies every column of a fetched row into a buffer of its own and then converts it
// into the bound variable; on a home page (20 rows of ~45 columns) that was a sixth of the
// request. On SQLite a RowReader reads the columns of the SQLite statement in place (prepared once
// per pooled connection, like CachedStatement); on PostgreSQL it runs the statement through libpq
// (prepared under a name once per pooled connection) and reads the result's text in place, where
// SOCI's dynamic row copied and converted every value (a quarter of the node's CPU per home page).
//
//   db::RowReader r(session, "SELECT id, name FROM users WHERE id > :min ...");
//   r.bind(min_id);                  // parameters by position, in the order they first appear
//   while (r.next()) use(r.i64(0), r.text(1));
//
// Column values are valid until the next call of next(). When the reader goes out of scope the
// statement is reset, so it never keeps a read snapshot open on the connection.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "platform/db/statement_cache.hpp"

namespace qt::db {

class RowReader {
 public:
  RowReader(soci::session& s, const std::string& sql);
  ~RowReader();
  RowReader(const RowReader&) = delete;
  RowReader& operator=(const RowReader&) = delete;

  // The next parameter (by position). Strings are copied.
  RowReader& bind(std::int64_t v);
  RowReader& bind(std::string_view v);

  // Steps to the next row (the first call runs the statement); false after the last one.
  bool next();

  // The current row's columns, from 0. NULL reads as 0, "" and is_null() true.
  std::int64_t i64(int col) const;
  std::string_view text(int col) const;
  bool is_null(int col) const;

 private:
  soci::session& session_;
  // SQLite: the connection's cached statement (or an own one when that is in use).
  sqlite_api::sqlite3_stmt* stmt_ = nullptr;
  detail::NativeEntry* lease_ = nullptr;  // the cache entry, released in the destructor; null = own statement
  int bound_ = 0;
  bool done_ = false;
  bool executed_ = false;  // both: the statement has run (the first next())
  // PostgreSQL: the statement's name on the connection (or the text, run unnamed), the bound
  // values as text until it runs, and its whole result.
  bool pg_ = false;
  detail::PgLease pg_lease_;
  std::string pg_text_;  // unnamed use only: the text with $n placeholders
  int pg_params_ = 0;
  std::vector<std::string> values_;
  pg_result* result_ = nullptr;
  int rows_ = 0, row_ = -1;
  void run_postgresql();
};

}  // namespace qt::db
