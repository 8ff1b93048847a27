#pragma once
// A read whose rows are taken column by column, for the hottest statements (a stream page's
// items). SOCI copies every column of a fetched row into a buffer of its own and then converts it
// into the bound variable; on a home page (20 rows of ~45 columns) that was a sixth of the
// request. On SQLite a RowReader reads the columns of the SQLite statement in place (prepared once
// per pooled connection, like CachedStatement); on PostgreSQL it goes through SOCI's dynamic row.
//
//   db::RowReader r(session, "SELECT id, name FROM users WHERE id > :min ...");
//   r.bind(min_id);                  // parameters by position, in the order they first appear
//   while (r.next()) use(r.i64(0), r.text(1));
//
// Column values are valid until the next call of next(). When the reader goes out of scope the
// statement is reset, so it never keeps a read snapshot open on the connection.
#include <cstdint>
#include <deque>
#include <memory>
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
  // PostgreSQL: SOCI with a dynamic row; binds kept alive until the statement has run.
  std::unique_ptr<CachedStatement> soci_;
  std::deque<long long> ints_;
  std::deque<std::string> strings_;
  soci::row row_;
  mutable std::vector<std::string> texts_;  // text() of the current row, per column
};

}  // namespace qt::db
