#pragma once
// Direct SQL on the database of a running test server (SQLite file or PostgreSQL), for what the
// API cannot do or show: moving a session's time stamps back, looking for rows that name a
// person after erasure. Opens its own connection per call, so it never holds the writer.
#include <cstdint>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace qt::test {

class SqlAccess {
 public:
  explicit SqlAccess(std::string database_url) : url_(std::move(database_url)) {}

  bool postgresql() const { return url_.rfind("postgres", 0) == 0; }

  // One statement; `:a` and `:b` (if present) are bound to a and b.
  void exec(const std::string& sql, std::int64_t a = 0, std::int64_t b = 0) const;
  // The first column of the first row as an integer (0 when there is no row or it is NULL).
  std::int64_t scalar(const std::string& sql, std::int64_t a = 0, std::int64_t b = 0) const;
  // The first column of the first row as text ("" when there is no row or it is NULL).
  std::string text(const std::string& sql) const;

  // Tables whose names start with prefix (e.g. "groups_"), sorted.
  std::vector<std::string> tables(const std::string& prefix) const;
  struct Column {
    std::string name;
    bool text = false;  // a character column (TEXT, VARCHAR, ...)
  };
  std::vector<Column> columns(const std::string& table) const;

  // "table.column = value" for each row of a table in tables(prefix) where a column that names a
  // person (see names_person) holds user_id (skipped when user_id is 0), or a text column
  // contains one of the needles.
  std::vector<std::string> rows_naming(const std::string& prefix, std::int64_t user_id,
                                       const std::vector<std::string>& needles) const;

  // True for a column that holds a person's id: user_id, created_by, inviter_id, ... Any column
  // ending in "_id" or "_by" counts unless it is known to point at something else (group_id,
  // container_id, ...), so a new person column in a plugin is checked without a test change.
  static bool names_person(const std::string& column);

 private:
  std::vector<std::string> tables_on(soci::session& s, const std::string& prefix) const;
  std::vector<Column> columns_on(soci::session& s, const std::string& table) const;
  std::string url_;
};

}  // namespace qt::test
