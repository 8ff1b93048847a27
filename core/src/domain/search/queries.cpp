#include "domain/search/queries.hpp"

#include <string_view>

#include "domain/content/plugin_items.hpp"
#include "domain/content/sql.hpp"
#include "domain/search/search.hpp"

namespace qt::search::queries {

namespace {

// PostgreSQL: names folded as in migration 0037 (lower case, accents and umlauts to the base
// letter, ß to ss); the expression must stay identical to that migration's indexes so the
// planner uses them.
std::string fold_sql(std::string_view column) {
  return "replace(translate(lower(" + std::string(column) +
         "), 'äöüÄÖÜéèêëÉÈÊáàâÁÀÂíìîïóòôÓÒÔúùûÚÙÛçñ', 'aouaoueeeeeeeaaaaaaiiiioooooouuuuuucn'), 'ß', 'ss')";
}
std::string name_vector_sql(std::string_view column) { return "to_tsvector('simple', " + fold_sql(column) + ")"; }
// The query side: :p is "'anna':* & 'schm':*" (terms hold only letters and digits, quoted as
// lexemes), folded the same way.
std::string name_query_sql() { return "to_tsquery('simple', " + fold_sql(":p") + ")"; }

}  // namespace

std::string content_window_sqlite() {
  // Access through the narrow covering index of migration 0038 (the planner would read the wide
  // content row by rowid); the window's rows only then from content.
  std::string sql =
      "SELECT c2.id, c2.title, c2.summary, c2.body FROM (SELECT c.id AS id"
      " FROM content_fts f JOIN content c INDEXED BY content_search_access ON c.id = f.rowid"
      " JOIN containers k ON k.id = c.container_id WHERE content_fts MATCH :q AND c.deleted_at IS NULL AND c.hidden = 0 AND ";
  sql += content::sql::not_expired("c.", db::Dialect::sqlite) + " AND ";  // expires_at is in the index too
  sql += content::sql::readable_container();
  sql += " ORDER BY f.rowid DESC LIMIT " + std::to_string(kRankWindow) + ") w JOIN content c2 ON c2.id = w.id";
  return sql;
}

std::string content_window_postgresql(const std::vector<bool>& parts) {
  std::string sql =
      "SELECT c.id, c.title, c.summary, c.body FROM content c JOIN containers k ON k.id = c.container_id WHERE ";
  if (parts.empty()) sql += "c.search @@ to_tsquery('german', :q)";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto n = std::to_string(i);
    sql += i ? " AND " : "";
    sql += "(c.search @@ to_tsquery('german', :t" + n + ")";
    // Exactly the expression of the trigram index content_search_parts (migration 0067).
    if (parts[i]) sql += " OR quartier_fold(c.title || ' ' || c.summary || ' ' || c.body) LIKE :l" + n + " ESCAPE '\\'";
    sql += ")";
  }
  sql += " AND c.deleted_at IS NULL AND c.hidden = 0 AND ";
  sql += content::sql::not_expired("c.", db::Dialect::postgresql) + " AND ";
  sql += content::sql::readable_container();
  sql += " ORDER BY c.id DESC LIMIT " + std::to_string(kRankWindow);
  return sql;
}

std::string people(db::Dialect d) {
  if (d == db::Dialect::sqlite)  // users_fts (migration 0049)
    return "SELECT u.id, u.display_name, u.role, u.department, COALESCE(u.avatar, '') FROM users_fts f JOIN users u ON u.id = f.rowid"
           " WHERE users_fts MATCH :p AND u.status = 'active' ORDER BY u.display_name, u.id LIMIT :lim";
  // users_name_search (migration 0037), a partial GIN index over active people.
  return "SELECT id, display_name, role, department, COALESCE(avatar, '') FROM users WHERE status = 'active' AND " +
         name_vector_sql("display_name") + " @@ " + name_query_sql() + " ORDER BY display_name, id LIMIT :lim";
}

std::string containers(db::Dialect d) {
  std::string sql;
  if (d == db::Dialect::sqlite)  // containers_fts (migration 0037)
    sql = "SELECT k.id, k.kind, k.name, k.visibility FROM containers_fts f JOIN containers k ON k.id = f.rowid"
          " WHERE containers_fts MATCH :p AND k.kind <> 'profile' AND (k.visibility <> 'hidden' OR ";
  else  // containers_name_search (migration 0037)
    sql = "SELECT k.id, k.kind, k.name, k.visibility FROM containers k WHERE k.kind <> 'profile' AND " +
          name_vector_sql("k.name") + " @@ " + name_query_sql() + " AND (k.visibility <> 'hidden' OR ";
  sql += content::sql::readable_container();
  sql += ") ORDER BY k.name, k.id LIMIT :lim";
  return sql;
}

}  // namespace qt::search::queries
