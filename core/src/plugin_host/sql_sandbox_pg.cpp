// The SQL sandbox on PostgreSQL: a plugin statement is checked once per SQL text by its plan.
#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <set>
#include <unordered_set>

#include <boost/json.hpp>
#include <stdexcept>

#include "plugin_host/host_error.hpp"
#include "plugin_host/sql_sandbox.hpp"

namespace qt::plugin_host {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// Per plugin and SQL text, the statements already found allowed (bounded: cleared when full).
std::mutex cache_mu;
std::unordered_set<std::string> allowed_cache;

// Core table -> the columns the plugin views read from it, and how many columns it has
// (information_schema, loaded once).
std::mutex columns_mu;
std::map<std::string, std::set<std::string>> view_columns;
std::map<std::string, std::set<std::string>> table_columns;

const std::map<std::string, std::set<std::string>>& allowed_columns(PGconn* conn) {
  std::lock_guard lock(columns_mu);
  if (!view_columns.empty()) return view_columns;
  std::string list;
  for (const auto& v : plugin_views()) list += (list.empty() ? "'" : ",'") + v + "'";
  const std::string sql = "SELECT table_name, column_name FROM information_schema.view_column_usage "
                          "WHERE view_schema = 'public' AND view_name IN (" + list + ")";
  PGresult* r = PQexec(conn, sql.c_str());
  if (PQresultStatus(r) == PGRES_TUPLES_OK)
    for (int i = 0; i < PQntuples(r); ++i) view_columns[PQgetvalue(r, i, 0)].insert(PQgetvalue(r, i, 1));
  PQclear(r);
  r = PQexec(conn, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'");
  if (PQresultStatus(r) == PGRES_TUPLES_OK)
    for (int i = 0; i < PQntuples(r); ++i) table_columns[PQgetvalue(r, i, 0)].insert(PQgetvalue(r, i, 1));
  PQclear(r);
  return view_columns;
}

// The first word of the statement, after blanks and comments.
std::string first_word(std::string_view sql) {
  std::size_t i = 0;
  for (;;) {
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    if (sql.substr(i, 2) == "--") {
      i = sql.find('\n', i);
      if (i == std::string_view::npos) return "";
    } else if (sql.substr(i, 2) == "/*") {
      i = sql.find("*/", i);
      if (i == std::string_view::npos) return "";
      i += 2;
    } else {
      break;
    }
  }
  std::size_t j = i;
  while (j < sql.size() && ident_char(sql[j])) ++j;
  return lower(sql.substr(i, j - i));
}

// Functions that run SQL given as text, touch files, settings or other sessions.
void check_functions(const std::string& plugin, std::string_view sql) {
  std::string text = lower(sql);
  text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
  static const char* const banned[] = {"query_to_xml", "table_to_xml", "cursor_to_xml", "schema_to_xml",
                                       "database_to_xml", "set_config", "pg_read_file", "pg_read_binary_file",
                                       "pg_ls_dir", "pg_stat_file", "lo_import", "lo_export", "lo_get", "lo_put",
                                       "lo_from_bytea", "pg_notify", "dblink", "pg_terminate_backend",
                                       "pg_cancel_backend", "setval", "nextval", "currval"};
  for (const char* f : banned) {
    for (auto at = text.find(f); at != std::string::npos; at = text.find(f, at + 1)) {
      if (at > 0 && ident_char(text[at - 1])) continue;
      auto k = at + std::string_view(f).size();
      while (k < text.size() && ident_char(text[k])) ++k;  // query_to_xmlschema, ... too
      while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
      if (k >= text.size() || text[k] != '(') continue;
      // The plugin's own sequences are fine: nextval('<plugin>_..._seq').
      auto arg = text.find_first_not_of(" \t\r\n", k + 1);
      if (std::string_view(f).ends_with("val") && arg != std::string::npos &&
          text.compare(arg, plugin.size() + 2, "'" + plugin + "_") == 0)
        continue;
      throw HostError(QT_ERR_DENIED, "plugin '" + plugin + "' may not call " + f + "(): " + sandbox_rule(plugin));
    }
  }
}

struct Scan {
  std::string relation, alias;
};

// Collects the core relations the plan scans and every alias in it; refuses other schemas and
// writes to core tables.
void walk(const boost::json::value& v, const std::string& plugin, std::vector<Scan>& scans,
          std::set<std::string>& aliases) {
  if (v.is_array()) {
    for (const auto& e : v.as_array()) walk(e, plugin, scans, aliases);
  } else if (v.is_object()) {
    const auto& o = v.as_object();
    if (const auto* a = o.if_contains("Alias")) aliases.insert(std::string(a->as_string()));
    if (const auto* rel = o.if_contains("Relation Name")) {
      std::string name(rel->as_string()), schema = "public", alias = name;
      if (const auto* s = o.if_contains("Schema")) schema = std::string(s->as_string());
      if (const auto* a = o.if_contains("Alias")) alias = std::string(a->as_string());
      const std::string rule = sandbox_rule(plugin);
      if (schema != "public") throw HostError(QT_ERR_DENIED, "plugin '" + plugin + "' may not use " + schema + "." + name + ": " + rule);
      const bool own = lower(name).rfind(plugin + "_", 0) == 0;
      if (!own && o.contains("Operation"))
        throw HostError(QT_ERR_DENIED, "plugin '" + plugin + "' may not write to table '" + name + "': " + rule);
      if (!own) scans.push_back({name, alias});
    }
    for (const auto& [key, value] : o) walk(value, plugin, scans, aliases);
  }
}

// A scan passes all of a table's columns up (PostgreSQL's "physical tlist") though its parent
// uses only some: then only the parent's expressions say what is read. Not so at the top, under
// a ModifyTable, or as a subplan, where the output is what the statement yields.
bool physical_tlist(const boost::json::array& output, const std::vector<Scan>& scans) {
  if (output.empty() || !output[0].is_string()) return false;
  const std::string first(output[0].as_string());
  const auto dot = first.find('.');
  if (dot == std::string::npos) return false;
  const std::string alias = first.substr(0, dot + 1);
  auto scan = std::find_if(scans.begin(), scans.end(), [&](const Scan& x) { return x.alias + "." == alias; });
  if (scan == scans.end()) return false;
  auto columns = table_columns.find(scan->relation);
  if (columns == table_columns.end() || output.size() != columns->second.size()) return false;
  return std::all_of(output.begin(), output.end(),
                     [&](const auto& e) { return e.is_string() && e.as_string().starts_with(alias); });
}

// Every expression text of the plan, but the physical tlists passed between nodes.
void collect_texts(const boost::json::value& v, const std::vector<Scan>& scans, std::string_view parent,
                   std::vector<std::string>& texts) {
  if (v.is_array()) {
    for (const auto& e : v.as_array()) collect_texts(e, scans, parent, texts);
  } else if (v.is_string()) {
    texts.emplace_back(v.as_string());
  } else if (v.is_object()) {
    const auto& o = v.as_object();
    std::string type, rel;
    if (const auto* t = o.if_contains("Node Type")) type = std::string(t->as_string());
    if (const auto* r = o.if_contains("Parent Relationship")) rel = std::string(r->as_string());
    const bool passed_up = (rel == "Outer" || rel == "Inner") && parent != "ModifyTable";
    for (const auto& [key, value] : o) {
      if (key == "Relation Name" || key == "Alias" || key == "Schema" || key == "Node Type") continue;
      if (key == "Output" && passed_up && value.is_array() && physical_tlist(value.as_array(), scans)) continue;
      collect_texts(value, scans, type.empty() ? parent : std::string_view(type), texts);
    }
  }
}

// Of a core table, only the columns the views read may appear in the plan.
void check_columns(const std::string& plugin, const std::vector<Scan>& scans, const std::vector<std::string>& texts,
                   const std::map<std::string, std::set<std::string>>& allowed) {
  const std::string rule = sandbox_rule(plugin);
  for (const auto& scan : scans) {
    auto table = allowed.find(scan.relation);
    if (table == allowed.end())
      throw HostError(QT_ERR_DENIED, "plugin '" + plugin + "' may not read table '" + scan.relation + "': " + rule);
    const std::string prefix = scan.alias + ".";
    for (auto text : texts) {
      text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
      for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
        if (at > 0 && (ident_char(text[at - 1]) || text[at - 1] == '.')) continue;
        auto k = at + prefix.size();
        auto e = k;
        while (e < text.size() && ident_char(text[e])) ++e;
        std::string column = e > k ? text.substr(k, e - k) : text.substr(k, 1);
        if (!table->second.count(column))
          throw HostError(QT_ERR_DENIED, "plugin '" + plugin + "' may not read column " + scan.relation + "." +
                                             column + " (table '" + scan.relation + "'): " + rule);
      }
    }
  }
}

void check_bare_columns(const std::string& plugin, const Scan& scan, const std::vector<std::string>& texts,
                        const std::map<std::string, std::set<std::string>>& allowed) {
  const auto& all = table_columns[scan.relation];
  const auto table = allowed.find(scan.relation);
  for (auto text : texts) {
    text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
    for (std::size_t i = 0; i < text.size();) {
      if (!ident_char(text[i])) {
        ++i;
        continue;
      }
      auto j = i;
      while (j < text.size() && ident_char(text[j])) ++j;
      const std::string word = text.substr(i, j - i);
      if (all.count(word) && (table == allowed.end() || !table->second.count(word)))
        throw HostError(QT_ERR_DENIED, "plugin '" + plugin + "' may not read column " + scan.relation + "." + word +
                                           " (table '" + scan.relation + "'): " + sandbox_rule(plugin));
      i = j;
    }
  }
}

}  // namespace

void check_postgresql(PGconn* conn, const std::string& plugin, const std::string& sql, int n, const Oid* types,
                      const char* const* values, const int* lengths, const int* formats) {
  const std::string key = plugin + '\n' + sql;
  {
    std::lock_guard lock(cache_mu);
    if (allowed_cache.count(key)) return;
  }
  static const std::set<std::string> statements{"select", "insert", "update", "delete", "with", "values", "table"};
  const std::string word = first_word(sql);
  if (!statements.count(word))
    throw HostError(QT_ERR_DENIED, "plugin '" + plugin + "' may not run '" + word +
                                       "' statements (only SELECT, INSERT, UPDATE, DELETE, WITH and VALUES; DDL belongs "
                                       "in its migrations): " + sandbox_rule(plugin));
  check_functions(plugin, sql);
  const std::string explain = "EXPLAIN (VERBOSE, FORMAT JSON) " + sql;
  PGresult* r = PQexecParams(conn, explain.c_str(), n, types, values, lengths, formats, 0);
  if (!r || PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) < 1) {
    std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
    if (r) PQclear(r);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    throw HostError(QT_ERR_DATABASE, message);
  }
  std::string plan = PQgetvalue(r, 0, 0);
  PQclear(r);
  std::vector<Scan> scans;
  const auto tree = boost::json::parse(plan);
  std::set<std::string> aliases;
  walk(tree, plugin, scans, aliases);
  if (!scans.empty()) {
    const auto& allowed = allowed_columns(conn);
    std::vector<std::string> texts;
    collect_texts(tree, scans, "", texts);
    check_columns(plugin, scans, texts, allowed);
    // With one relation in the statement, PostgreSQL prints its columns without the alias.
    if (aliases.size() == 1 && scans.size() == 1) check_bare_columns(plugin, scans.front(), texts, allowed);
  }
  std::lock_guard lock(cache_mu);
  if (allowed_cache.size() > 4096) allowed_cache.clear();
  allowed_cache.insert(key);
}

void guard_postgresql_migration(soci::session& s, const std::string& plugin, const std::function<void()>& run) {
  const std::string pattern = plugin + "\\_%";
  auto core_relations = [&] {
    long long n = 0;
    s << "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace"
         " WHERE ns.nspname = 'public' AND c.relname NOT LIKE :p",
        soci::use(pattern, "p"), soci::into(n);
    return n;
  };
  const long long before = core_relations();
  run();
  const std::string rule = sandbox_rule(plugin);
  if (core_relations() < before)
    throw std::runtime_error("plugin '" + plugin + "' migration drops or renames core tables: " + rule);
  // Catalog rows written by this transaction (xmin = its xid): what the migration made or changed.
  const std::string mine = "txid_current() % 4294967296";
  std::vector<std::string> names(100);
  s << "SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace"
       " WHERE c.xmin::text::bigint = " + mine + " AND ns.nspname NOT LIKE 'pg_toast%' AND c.relname NOT LIKE :p"
       " UNION SELECT t.relname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid"
       " WHERE g.xmin::text::bigint = " + mine + " AND NOT g.tgisinternal AND t.relname NOT LIKE :p2"
       " UNION SELECT t.relname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
       " WHERE i.xmin::text::bigint = " + mine + " AND t.relname NOT LIKE :p3"
       " AND t.relnamespace <> 'pg_toast'::regnamespace LIMIT 100",
      soci::use(pattern, "p"), soci::use(pattern, "p2"), soci::use(pattern, "p3"), soci::into(names);
  if (!names.empty())
    throw std::runtime_error("plugin '" + plugin + "' migration may not create or change '" + names.front() + "': " + rule);
  long long functions = 0;
  s << "SELECT COUNT(*) FROM pg_proc WHERE xmin::text::bigint = " + mine, soci::into(functions);
  if (functions > 0) throw std::runtime_error("plugin '" + plugin + "' migration may not create functions: " + rule);
}

}  // namespace qt::plugin_host
