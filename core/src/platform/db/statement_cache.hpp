#pragma once
// Prepared statements kept per pooled connection and reused. SOCI prepares a statement afresh
// for every `session << ...` / `session.prepare << ...` (SQLite compiles the SQL, PostgreSQL
// plans it); on a home-stream request that parsing was a fifth of the time. A CachedStatement
// looks its SQL text up in the connection's cache, prepares it only the first time, and binds
// the caller's variables for this one use:
//
//   db::CachedStatement st(session, "SELECT name FROM users WHERE id = :id");
//   st, soci::use(id, "id"), soci::into(name);
//   if (st.execute_once()) ...          // or: st.execute(); while (st.fetch()) ...
//
// Only connections that belong to a db::Pool have a cache (registered when opened, dropped with
// the connection); any other session gets a one-off statement, same behaviour. When the
// CachedStatement goes out of scope its binds are released and (SQLite) the statement is reset,
// so it never keeps a read snapshot open on the connection. A statement already in use on the
// connection (the same SQL run again while its first run is still being fetched) is prepared
// once more for the nested use. The SQL text is the key: keep placeholders in the text and
// values bound (IdList pads its lists to a few fixed lengths for this).
#include <cstddef>
#include <memory>
#include <string>

#include <soci/soci.h>

namespace sqlite_api {
struct sqlite3_stmt;
}
struct pg_result;  // libpq's PGresult

namespace qt::db {

class CachedStatement {
 public:
  CachedStatement(soci::session& s, const std::string& sql);
  ~CachedStatement();
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  // soci::use(...) / soci::into(...) for this use.
  template <typename Exchange>
  CachedStatement& operator,(const Exchange& e) {
    st_->exchange(e);
    return *this;
  }

  void execute();       // runs the statement; read rows with fetch()
  bool fetch() { return st_->fetch(); }
  bool execute_once();  // runs it and fetches the first row (false = no row); for one-row reads and writes
  long long affected_rows() { return st_->get_affected_rows(); }
  soci::statement& statement() { return *st_; }

  struct Entry;  // a connection's prepared statement (statement_cache.cpp)

 private:
  soci::session& session_;
  Entry* entry_ = nullptr;                 // the cache's entry, marked busy while in use
  std::unique_ptr<soci::statement> own_;   // uncached (no cache or entry busy)
  soci::statement* st_ = nullptr;
  bool bound_ = false;
  void bind();
};

namespace detail {
// RowReader's statements on a pooled SQLite connection, kept beside the SOCI ones: prepared on
// first use, marked busy while in use. An empty lease (not a pooled SQLite connection, or the
// statement busy in an outer use) means the caller prepares and finalizes its own. Whoever
// releases a lease has reset the statement and cleared its bindings (a reset statement is
// reusable even after an error).
struct NativeEntry;  // statement_cache.cpp
struct NativeLease {
  sqlite_api::sqlite3_stmt* stmt = nullptr;
  NativeEntry* entry = nullptr;
};
NativeLease lease_native_statement(soci::session& s, const std::string& sql);
void release_native_statement(NativeEntry* entry);

// RowReader's statements on a pooled PostgreSQL connection: prepared under a name of their own
// (PQprepare, so the server parses and plans the text once per connection) on first use. An
// empty lease (no cache, the statement busy in an outer use, or the connection holding
// kMaxPerConnection of them) means the caller runs the text unnamed (PQexecParams).
struct PgEntry;  // statement_cache.cpp
struct PgLease {
  const std::string* name = nullptr;
  int params = 0;
  PgEntry* entry = nullptr;
};
PgLease lease_pg_statement(soci::session& s, const std::string& sql);
void release_pg_statement(PgEntry* entry);
// The text with each ":name" placeholder as "$1", "$2", ... in order of appearance (quoted text
// and "::" casts left alone); count gets the number of placeholders.
std::string numbered_placeholders(const std::string& sql, int& count);
// Throws soci::postgresql_soci_error with the server's message and SQLSTATE (so that
// classify_outage() tells a lost connection from a bad statement); frees result.
[[noreturn]] void postgresql_failed(soci::session& s, pg_result* result, const std::string& what);
}  // namespace detail

// Called by db::Pool: a connection joins the cache when opened and leaves before it is closed.
void register_for_statement_cache(soci::session* s);
void forget_statement_cache(soci::session* s);

struct StatementCacheStats {
  std::size_t prepared = 0;  // statements prepared (cache misses, nested uses, uncached sessions)
  std::size_t reused = 0;    // uses served from a cache
};
StatementCacheStats statement_cache_stats();

}  // namespace qt::db
