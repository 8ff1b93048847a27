#pragma once
// Named bind parameters (:name) for PostgreSQL, which only knows $1, $2, ...: the SQL is
// rewritten once at prepare time so plugins write the same statement for both databases.
#include <string>
#include <string_view>
#include <vector>

namespace qt::plugin_host {

struct PositionalSql {
  std::string sql;                 // with $1.. in place of :name (same name -> same number)
  std::vector<std::string> names;  // names[i] is $(i+1)
};

// Skips string literals, quoted identifiers, comments, dollar-quoted text and '::' casts.
PositionalSql to_positional(std::string_view sql);

// True when the statement only reads (SELECT/VALUES/EXPLAIN first): it may run on a reader.
bool is_read_only_sql(std::string_view sql);

}  // namespace qt::plugin_host
