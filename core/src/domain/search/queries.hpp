#pragma once
// The SQL of qt::search, in one place so the plan test (tests/db/search_plans_test.cpp) checks
// exactly what runs. Binds: :q (FTS5 MATCH text or tsquery text), :q2 (the same, PostgreSQL),
// :p (name query), :lim, :off, and content::sql::ViewerBinds' :v_* for the access check.
#include <string>

#include "platform/db/database.hpp"

namespace qt::search::queries {

// SQLite: the newest kRankWindow readable FTS5 matches with the text the ranking reads.
std::string content_window_sqlite();
// PostgreSQL: the newest kRankWindow readable matches ranked by ts_rank, one page of ids.
std::string content_postgresql();
// Active people by name: id, display_name, role, department.
std::string people(db::Dialect d);
// Containers by name except profiles, hidden ones only for members: id, kind, name, visibility.
std::string containers(db::Dialect d);

}  // namespace qt::search::queries
