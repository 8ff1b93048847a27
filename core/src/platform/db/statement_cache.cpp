#include "platform/db/statement_cache.hpp"

#include <atomic>
#include <cctype>
#include <mutex>
#include <unordered_map>

#include "platform/db/native.hpp"

namespace qt::db {

struct CachedStatement::Entry {
  std::unique_ptr<soci::statement> st;
  bool busy = false;
};

// A RowReader's statement (SQLite only), finalized with the connection's cache.
struct detail::NativeEntry {
  sqlite_api::sqlite3_stmt* stmt = nullptr;
  bool busy = false;
  NativeEntry() = default;
  NativeEntry(const NativeEntry&) = delete;
  NativeEntry& operator=(const NativeEntry&) = delete;
  ~NativeEntry() {
    if (stmt) sqlite_api::sqlite3_finalize(stmt);
  }
};

// A RowReader's statement (PostgreSQL only): the name it was prepared under on its connection.
struct detail::PgEntry {
  std::string name;
  int params = 0;
  bool busy = false;
};

namespace {

// Per connection: its SQL texts. A connection is used by one thread at a time (it is leased),
// so only the registry itself needs the lock.
struct ConnectionCache {
  bool sqlite = false;
  std::unordered_map<std::string, std::unique_ptr<CachedStatement::Entry>> entries;
  std::unordered_map<std::string, std::unique_ptr<detail::NativeEntry>> native;
  std::unordered_map<std::string, std::unique_ptr<detail::PgEntry>> pg;  // prepared ones live as long as the connection
};

// Enough for every hot query shape (with IdList's padded lengths) many times over; a
// connection that somehow collects more starts again with the idle ones dropped.
constexpr std::size_t kMaxPerConnection = 512;

std::mutex registry_mu;
std::unordered_map<soci::session*, std::unique_ptr<ConnectionCache>>& registry() {
  static std::unordered_map<soci::session*, std::unique_ptr<ConnectionCache>> r;
  return r;
}
std::atomic<std::size_t> prepared_count{0}, reused_count{0}, pg_names{0};

ConnectionCache* cache_of(soci::session* s) {
  std::lock_guard lock(registry_mu);
  auto it = registry().find(s);
  return it == registry().end() ? nullptr : it->second.get();
}

std::unique_ptr<soci::statement> prepare(soci::session& s, const std::string& sql) {
  auto st = std::make_unique<soci::statement>(s);
  st->alloc();
  st->prepare(sql);
  prepared_count.fetch_add(1, std::memory_order_relaxed);
  return st;
}

void reset_native(soci::statement& st, bool sqlite) {
  if (!sqlite) return;  // PostgreSQL: each execution's result is complete; nothing stays open
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (backend && backend->stmt_) sqlite_api::sqlite3_reset(backend->stmt_);
}

}  // namespace

CachedStatement::CachedStatement(soci::session& s, const std::string& sql) : session_(s) {
  if (ConnectionCache* cache = cache_of(&s)) {
    auto it = cache->entries.find(sql);
    if (it != cache->entries.end() && !it->second->busy) {
      entry_ = it->second.get();
      reused_count.fetch_add(1, std::memory_order_relaxed);
    } else if (it == cache->entries.end()) {
      if (cache->entries.size() >= kMaxPerConnection) {
        for (auto e = cache->entries.begin(); e != cache->entries.end();)
          e = e->second->busy ? std::next(e) : cache->entries.erase(e);
      }
      auto fresh = std::make_unique<Entry>();
      fresh->st = prepare(s, sql);
      entry_ = cache->entries.emplace(sql, std::move(fresh)).first->second.get();
    }
  }
  if (entry_) {
    entry_->busy = true;
    st_ = entry_->st.get();
  } else {
    own_ = prepare(s, sql);
    st_ = own_.get();
  }
}

CachedStatement::~CachedStatement() {
  if (!entry_) return;
  try {
    st_->bind_clean_up();
    ConnectionCache* cache = cache_of(&session_);
    reset_native(*st_, cache && cache->sqlite);
  } catch (...) {
    // A statement that cannot be cleaned is not reused: drop it from the cache.
    if (ConnectionCache* cache = cache_of(&session_))
      for (auto it = cache->entries.begin(); it != cache->entries.end(); ++it)
        if (it->second.get() == entry_) {
          cache->entries.erase(it);
          return;
        }
  }
  entry_->busy = false;
}

void CachedStatement::bind() {
  if (bound_) return;
  st_->define_and_bind();
  bound_ = true;
}

void CachedStatement::execute() {
  bind();
  st_->execute(false);
}

bool CachedStatement::execute_once() {
  bind();
  return st_->execute(true);
}

namespace detail {

NativeLease lease_native_statement(soci::session& s, const std::string& sql) {
  ConnectionCache* cache = cache_of(&s);
  if (!cache || !cache->sqlite) return {};
  auto it = cache->native.find(sql);
  if (it != cache->native.end()) {
    if (it->second->busy) return {};
    it->second->busy = true;
    reused_count.fetch_add(1, std::memory_order_relaxed);
    return {it->second->stmt, it->second.get()};
  }
  if (cache->native.size() >= kMaxPerConnection) {
    for (auto e = cache->native.begin(); e != cache->native.end();)
      e = e->second->busy ? std::next(e) : cache->native.erase(e);
  }
  sqlite_api::sqlite3* h = native::sqlite(s);
  auto fresh = std::make_unique<NativeEntry>();
  const char* tail = nullptr;
  // PERSISTENT: kept for the connection's life, so SQLite takes its memory outside the lookaside.
  const int rc = sqlite_api::sqlite3_prepare_v3(h, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                                &fresh->stmt, &tail);
  if (rc != SQLITE_OK || !fresh->stmt)
    throw soci::soci_error(std::string("SQLite could not prepare a statement: ") +
                           (rc != SQLITE_OK ? sqlite_api::sqlite3_errmsg(h) : "the SQL text holds none") +
                           " (" + sql.substr(0, 120) + ")");
  prepared_count.fetch_add(1, std::memory_order_relaxed);
  fresh->busy = true;
  NativeEntry* e = fresh.get();
  cache->native.emplace(sql, std::move(fresh));
  return {e->stmt, e};
}

void release_native_statement(NativeEntry* entry) {
  // The connection is leased to this thread, so its entries need no lock (as in CachedStatement).
  if (entry) entry->busy = false;
}

std::string numbered_placeholders(const std::string& sql, int& count) {
  std::string out;
  out.reserve(sql.size());
  count = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    const bool starts_name = i + 1 < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_');
    if (c == ':' && !quoted && (i == 0 || sql[i - 1] != ':') && starts_name) {
      out += '$' + std::to_string(++count);
      while (i + 1 < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_')) ++i;
      continue;
    }
    if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {  // a cast: both colons as they are
      out += "::";
      ++i;
      continue;
    }
    out += c;
  }
  return out;
}

void postgresql_failed(soci::session& s, pg_result* result, const std::string& what) {
  std::string msg = result ? PQresultErrorMessage(result) : "";
  if (msg.empty()) msg = PQerrorMessage(native::postgresql(s));
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  PQclear(result);
  throw soci::postgresql_soci_error("PostgreSQL: " + what + ": " + msg, sqlstate.c_str());
}

PgLease lease_pg_statement(soci::session& s, const std::string& sql) {
  ConnectionCache* cache = cache_of(&s);
  if (!cache || cache->sqlite) return {};
  auto it = cache->pg.find(sql);
  if (it != cache->pg.end()) {
    if (it->second->busy) return {};
    it->second->busy = true;
    reused_count.fetch_add(1, std::memory_order_relaxed);
    return {&it->second->name, it->second->params, it->second.get()};
  }
  if (cache->pg.size() >= kMaxPerConnection) return {};  // never dropped (DEALLOCATE), so bounded here
  auto fresh = std::make_unique<PgEntry>();
  fresh->name = "qt_rr_" + std::to_string(pg_names.fetch_add(1, std::memory_order_relaxed));
  const std::string text = numbered_placeholders(sql, fresh->params);
  PGresult* r = PQprepare(native::postgresql(s), fresh->name.c_str(), text.c_str(), 0, nullptr);
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK)
    postgresql_failed(s, r, "could not prepare a statement (" + sql.substr(0, 120) + ")");
  PQclear(r);
  prepared_count.fetch_add(1, std::memory_order_relaxed);
  fresh->busy = true;
  PgEntry* e = fresh.get();
  cache->pg.emplace(sql, std::move(fresh));
  return {&e->name, e->params, e};
}

void release_pg_statement(PgEntry* entry) {
  if (entry) entry->busy = false;
}

}  // namespace detail

void register_for_statement_cache(soci::session* s) {
  auto c = std::make_unique<ConnectionCache>();
  c->sqlite = s->get_backend_name() == "sqlite3";
  std::lock_guard lock(registry_mu);
  registry()[s] = std::move(c);
}

void forget_statement_cache(soci::session* s) {
  std::unique_ptr<ConnectionCache> gone;
  {
    std::lock_guard lock(registry_mu);
    auto it = registry().find(s);
    if (it == registry().end()) return;
    gone = std::move(it->second);
    registry().erase(it);
  }
  // Statements are destroyed here, before their session.
}

StatementCacheStats statement_cache_stats() {
  return StatementCacheStats{prepared_count.load(), reused_count.load()};
}

}  // namespace qt::db
