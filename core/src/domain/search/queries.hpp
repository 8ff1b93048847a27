#pragma once
// The SQL of qt::search, in one place so the plan test (tests/db/search_plans_test.cpp) checks
// exactly what runs. Binds: :q (FTS5 MATCH text or tsquery text), :t0.. and :l0.. (PostgreSQL's
// second pass: a prefix tsquery and a LIKE pattern per term), :p (name query), :lim, and
// content::sql::ViewerBinds' :v_* for the access check.
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace qt::search::queries {

// SQLite: the newest kRankWindow readable FTS5 matches with the text the ranking reads.
std::string content_window_sqlite();
// PostgreSQL: the newest kRankWindow readable matches with the text the ranking reads. Without
// `parts` (the first pass) :q is the whole words' tsquery; otherwise each term i matches its
// prefix tsquery :t<i> or, where parts[i], the LIKE pattern :l<i> on the folded text (inside
// compounds, through the trigram index of migration 0067).
std::string content_window_postgresql(const std::vector<bool>& parts);
// Active people by name: id, display_name, role, department.
std::string people(db::Dialect d);
// Containers by name except profiles, hidden ones only for members: id, kind, name, visibility.
std::string containers(db::Dialect d);

}  // namespace qt::search::queries
