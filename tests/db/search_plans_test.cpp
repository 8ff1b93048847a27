// The search queries use their indexes (EXPLAIN of exactly the SQL qt::search runs): on SQLite
// FTS5 drives the content window newest first and access comes from the covering index of
// migration 0038; on PostgreSQL the name searches can use the folded-name GIN indexes of
// migration 0037 (an expression that drifted from the index's would fall back to a scan).
#include <catch2/catch.hpp>

#include <cctype>

#include "domain/search/queries.hpp"
#include "stream_fixture.hpp"

using qt::test::StreamDb;

namespace {

std::string sqlite_plan(soci::session& s, const std::string& sql) {
  std::string plan, detail;
  int id = 0, parent = 0, unused = 0;
  // Binds are left unset (NULL): EXPLAIN QUERY PLAN only plans.
  soci::statement st = (s.prepare << "EXPLAIN QUERY PLAN " + sql, soci::into(id), soci::into(parent), soci::into(unused),
                        soci::into(detail));
  st.execute();
  while (st.fetch()) plan += detail + "\n";
  return plan;
}

// Plans with test constants written in place of the binds (this is EXPLAIN of fixed values in a
// test, not a query of user input); seq scans off, so the plan shows whether the index CAN serve.
std::string pg_plan(soci::session& s, const std::string& sql) {
  std::string text = sql;
  for (std::size_t i = 0; (i = text.find(':', i)) != std::string::npos;) {
    std::size_t j = i + 1;
    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
    const std::string name = text.substr(i + 1, j - i - 1);
    const std::string value = name == "p" ? "'''gartn'':*'" : name == "lim" ? "10" : name == "v_nb" ? "-1" : "1";
    text.replace(i, j - i, "(" + value + ")");
    i += value.size() + 2;
  }
  s << "SET enable_seqscan = off";
  std::string plan, line;
  soci::statement st = (s.prepare << "EXPLAIN " + text, soci::into(line));
  st.execute();
  while (st.fetch()) plan += line + "\n";
  s << "RESET enable_seqscan";
  return plan;
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("search queries use their indexes", "[db][search][plans]") {
  qt::test::for_each_dialect([](const qt::test::DbTarget& t) {
    StreamDb w(t);
    auto r = w.db->read();
    if (w.db->dialect() == qt::db::Dialect::sqlite) {
      const auto content = sqlite_plan(*r, qt::search::queries::content_window_sqlite());
      INFO(content);
      CHECK(has(content, "SCAN f VIRTUAL TABLE"));
      CHECK(has(content, "COVERING INDEX content_search_access"));
      CHECK_FALSE(has(content, "SCAN c "));
      CHECK_FALSE(has(content, "SCAN k"));
      const auto people = sqlite_plan(*r, qt::search::queries::people(qt::db::Dialect::sqlite));
      INFO(people);
      CHECK(has(people, "VIRTUAL TABLE"));
      CHECK_FALSE(has(people, "SCAN u"));
      const auto containers = sqlite_plan(*r, qt::search::queries::containers(qt::db::Dialect::sqlite));
      INFO(containers);
      CHECK(has(containers, "VIRTUAL TABLE"));
      CHECK_FALSE(has(containers, "SCAN k"));
    } else {
      const auto people = pg_plan(*r, qt::search::queries::people(qt::db::Dialect::postgresql));
      INFO(people);
      CHECK(has(people, "users_name_search"));
      const auto containers = pg_plan(*r, qt::search::queries::containers(qt::db::Dialect::postgresql));
      INFO(containers);
      CHECK(has(containers, "containers_name_search"));
    }
  });
}
