#pragma once
// Database URLs as operators write them in [database] url: which driver, what to hand it,
// and a form safe to show in logs and error messages (password masked).
#include <string>
#include <string_view>

#include "platform/db/database.hpp"

namespace qt::db {

struct ParsedUrl {
  Dialect dialect = Dialect::sqlite;
  std::string target;   // SQLite: file path (or ":memory:"); PostgreSQL: the libpq URL as given
  bool memory = false;  // SQLite in-memory database
  std::string display;  // the URL with any password replaced by "***"
};

// Throws DbError naming the accepted forms when the URL is not one of them.
ParsedUrl parse_url(const std::string& url);

// "postgresql://user:secret@host/db?password=x" -> "postgresql://user:***@host/db?password=***".
std::string mask_password(std::string_view url);

}  // namespace qt::db
