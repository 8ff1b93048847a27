// Database::exec_script: multi-statement SQL (migrations) through the native driver, which
// SOCI's one-statement interface cannot run. Errors name the line and the driver's message.
#include <algorithm>
#include <string>

#include "platform/db/database.hpp"
#include "platform/db/native.hpp"

namespace qt::db {

namespace {

std::size_t line_of(std::string_view text, std::size_t byte_offset) {
  byte_offset = std::min(byte_offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(byte_offset), '\n'));
}

// PostgreSQL reports error positions in characters; the script is UTF-8.
std::size_t byte_offset_of_char(std::string_view text, std::size_t char_index) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == char_index) return i;
      ++chars;
    }
  }
  return text.size();
}

std::string excerpt(std::string_view statement) {
  std::string s(statement);
  std::replace(s.begin(), s.end(), '\n', ' ');
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  s.erase(0, first);
  if (s.size() > 120) s = s.substr(0, 117) + "...";
  return s;
}

void exec_sqlite(sqlite_api::sqlite3* h, std::string_view sql) {
  const char* begin = sql.data();
  const char* end = sql.data() + sql.size();
  const char* p = begin;
  while (p < end) {
    sqlite_api::sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite_api::sqlite3_prepare_v2(h, p, static_cast<int>(end - p), &stmt, &tail);
    // After a failed prepare, tail points at the error, not the statement's end.
    const char* stmt_end = tail && rc == SQLITE_OK ? tail : std::find(p, end, ';');
    const std::string_view statement(p, static_cast<std::size_t>(stmt_end - p));
    const auto offset = static_cast<std::size_t>(p - begin) + statement.find_first_not_of(" \t\r\n");
    if (rc == SQLITE_OK && stmt) {
      while ((rc = sqlite_api::sqlite3_step(stmt)) == SQLITE_ROW) {
      }
      sqlite_api::sqlite3_finalize(stmt);
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK)
      throw DbError("SQLite: " + std::string(sqlite_api::sqlite3_errmsg(h)) + " (line " +
                    std::to_string(line_of(sql, offset)) + ": " + excerpt(statement) + ")");
    if (!tail || tail == p) break;  // only whitespace or comments left
    p = tail;
  }
}

void exec_postgresql(PGconn* c, std::string_view sql) {
  const std::string text(sql);
  PGresult* r = PQexec(c, text.c_str());
  const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    PQclear(r);
    return;
  }
  std::string message = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : ""
                          : "";
  if (message.empty()) message = PQerrorMessage(c);
  std::string where;
  if (const char* pos = r ? PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION) : nullptr) {
    const auto char_index = static_cast<std::size_t>(std::max(1L, std::strtol(pos, nullptr, 10)) - 1);
    const auto offset = byte_offset_of_char(text, char_index);
    const auto stmt_begin = text.rfind(';', offset);
    const auto stmt_end = text.find(';', offset);
    where = " (line " + std::to_string(line_of(text, offset)) + ": " +
            excerpt(std::string_view(text).substr(stmt_begin == std::string::npos ? 0 : stmt_begin + 1,
                                                  (stmt_end == std::string::npos ? text.size() : stmt_end) -
                                                      (stmt_begin == std::string::npos ? 0 : stmt_begin + 1))) +
            ")";
  }
  PQclear(r);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  throw DbError("PostgreSQL: " + message + where);
}

}  // namespace

void Database::exec_script(soci::session& s, std::string_view sql) const {
  if (dialect_ == Dialect::sqlite)
    exec_sqlite(native::sqlite(s), sql);
  else
    exec_postgresql(native::postgresql(s), sql);
}

}  // namespace qt::db
