#include "sql_access.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "platform/text/fts_german.hpp"

namespace qt::test {
namespace {

std::unique_ptr<soci::session> connect(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    auto s = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + url.substr(7) + "\"");
    *s << "PRAGMA busy_timeout=10000";  // the server's writer may hold the lock for a moment
    // content_fts (the German search index) cannot even be described without its tokenizer.
    qt::text::register_fts_german(static_cast<soci::sqlite3_session_backend*>(s->get_backend())->conn_);
    return s;
  }
  if (url.rfind("postgres", 0) == 0) {
    // SOCI reads its own options from the connection string and mangles a URL without a
    // parameter ("...db" becomes "...db="); give it one, as the core does.
    const std::string target = url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=10";
    return std::make_unique<soci::session>(soci::postgresql, target);
  }
  throw std::runtime_error("SqlAccess: unknown database URL " + url);
}

bool has_param(const std::string& sql, const char* name) { return sql.find(name) != std::string::npos; }

// Binds :a and :b where the statement names them (SOCI refuses a use element without its placeholder).
void bind(soci::statement& st, const std::string& sql, const long long& a, const long long& b) {
  if (has_param(sql, ":a")) st.exchange(soci::use(a, "a"));
  if (has_param(sql, ":b")) st.exchange(soci::use(b, "b"));
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

void SqlAccess::exec(const std::string& sql, std::int64_t a, std::int64_t b) const {
  auto s = connect(url_);
  const long long va = a, vb = b;
  soci::statement st(*s);
  bind(st, sql, va, vb);
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute(true);
}

std::string SqlAccess::text(const std::string& sql) const {
  auto s = connect(url_);
  std::string out;
  soci::indicator ind = soci::i_null;
  *s << sql, soci::into(out, ind);
  return ind == soci::i_ok ? out : std::string();
}

std::int64_t SqlAccess::scalar(const std::string& sql, std::int64_t a, std::int64_t b) const {
  auto s = connect(url_);
  const long long va = a, vb = b;
  long long out = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st(*s);
  bind(st, sql, va, vb);
  st.exchange(soci::into(out, ind));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  if (!st.execute(true) || ind != soci::i_ok) return 0;
  return out;
}

std::vector<std::string> SqlAccess::tables(const std::string& prefix) const {
  auto s = connect(url_);
  return tables_on(*s, prefix);
}

std::vector<std::string> SqlAccess::tables_on(soci::session& session, const std::string& prefix) const {
  auto* s = &session;
  std::vector<std::string> out;
  std::string name;
  const std::string sql = postgresql()
                              ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                "AND table_type = 'BASE TABLE'"
                              : "SELECT name FROM sqlite_master WHERE type = 'table'";
  soci::statement st = (s->prepare << sql, soci::into(name));
  st.execute();
  while (st.fetch())
    if (name.rfind(prefix, 0) == 0) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<SqlAccess::Column> SqlAccess::columns(const std::string& table) const {
  auto s = connect(url_);
  return columns_on(*s, table);
}

std::vector<SqlAccess::Column> SqlAccess::columns_on(soci::session& session, const std::string& table) const {
  auto* s = &session;
  std::vector<Column> out;
  std::string name, type;
  if (postgresql()) {
    soci::statement st = (s->prepare << "SELECT column_name, data_type FROM information_schema.columns "
                                        "WHERE table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position",
                          soci::use(table, "t"), soci::into(name), soci::into(type));
    st.execute();
    while (st.fetch()) out.push_back({name, lower(type).find("char") != std::string::npos || lower(type) == "text"});
  } else {
    // The table name comes from sqlite_master, not from a person.
    soci::rowset<soci::row> rows = (s->prepare << "PRAGMA table_info(\"" + table + "\")");
    for (const auto& r : rows) {
      const auto t = lower(r.get<std::string>(2, ""));
      out.push_back({r.get<std::string>(1), t.find("char") != std::string::npos || t.find("text") != std::string::npos});
    }
  }
  return out;
}

bool SqlAccess::names_person(const std::string& column) {
  static const std::vector<std::string> not_people = {"group_id", "container_id", "neighbourhood_id", "content_id",
                                                      "comment_id", "parent_id", "item_id", "event_id",
                                                      "message_id", "thread_id", "conversation_id", "file_id"};
  if (column == "id") return false;
  if (std::find(not_people.begin(), not_people.end(), column) != not_people.end()) return false;
  return ends_with(column, "_id") || ends_with(column, "_by");
}

std::vector<std::string> SqlAccess::rows_naming(const std::string& prefix, std::int64_t user_id,
                                                const std::vector<std::string>& needles) const {
  // One connection for the whole scan: a PostgreSQL connection per query made it slow.
  auto s = connect(url_);
  std::vector<std::string> found;
  const long long uid = user_id;
  for (const auto& table : tables_on(*s, prefix)) {
    for (const auto& col : columns_on(*s, table)) {
      const std::string where_table = "\"" + table + "\"", where_col = "\"" + col.name + "\"";
      if (user_id > 0 && names_person(col.name)) {
        long long n = 0;
        *s << "SELECT COUNT(*) FROM " + where_table + " WHERE " + where_col + " = :u", soci::use(uid, "u"), soci::into(n);
        if (n > 0) found.push_back(table + "." + col.name + " = " + std::to_string(user_id) + " (" + std::to_string(n) + " rows)");
      }
      if (!col.text) continue;
      for (const auto& needle : needles) {
        long long n = 0;
        const std::string pattern = "%" + needle + "%";
        *s << "SELECT COUNT(*) FROM " + where_table + " WHERE " + where_col + " LIKE :p", soci::use(pattern, "p"),
            soci::into(n);
        if (n > 0) found.push_back(table + "." + col.name + " contains '" + needle + "' (" + std::to_string(n) + " rows)");
      }
    }
  }
  return found;
}

}  // namespace qt::test
