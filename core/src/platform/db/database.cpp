#include "platform/db/database.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <malloc.h>
#include <system_error>

#include "platform/db/database_impl.hpp"
#include "platform/db/native.hpp"
#include "platform/log/log.hpp"
#include "platform/text/fts_german.hpp"

namespace qt::db {

namespace {

constexpr std::size_t default_sqlite_readers = 4;
constexpr std::size_t default_pg_connections = 8;

// Driver messages come with SOCI's preamble and libpq's newlines; keep one readable line.
std::string driver_reason(const std::exception& e) {
  std::string m = e.what();
  static constexpr std::string_view preamble = "Cannot establish connection to the database.";
  if (m.rfind(preamble, 0) == 0) m.erase(0, preamble.size());
  std::string out;
  for (char c : m) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) return "no reason given.";
  if (out.back() != '.' && out.back() != '?' && out.back() != '!') out += '.';
  return out;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string sqlite_hint(const std::filesystem::path& file) {
  return " Is the folder " + file.parent_path().string() +
         " writable by the user running Quartier, the disk not full, and the file (if it exists) a "
         "Quartier SQLite database?";
}

struct SqliteSettings {
  std::string path;  // absolute file path or ":memory:"
  std::string display;
  std::string synchronous;
  int busy_timeout_ms = 5000;
  std::int64_t mmap_bytes = 0;
  bool memory = false;
};

// Process-wide SQLite settings, before the first connection initialises the library (later calls
// would be refused, which is harmless). Each connection is used by one thread at a time (the pool
// leases it exclusively), so per-connection mutexes buy nothing; the memory statistics take a
// global mutex on every allocation, which the worker threads would contend on.
void configure_sqlite_library() {
  static const bool once = [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // Every commit makes each reader drop its whole page cache at its next read (WAL), and
    // glibc handed the freed pages back to the kernel at once, so the next request faulted
    // them in again (12 % of a stream page's CPU). Keep up to 64 MiB of freed heap instead.
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    return true;
  }();
  (void)once;
}

std::unique_ptr<soci::session> open_sqlite_session(const SqliteSettings& cfg, bool reader) {
  configure_sqlite_library();
  auto s = std::make_unique<soci::session>();
  std::string connect = "db=\"" + cfg.path + "\"";
  if (reader) connect += " readonly=1";  // a reader can never write by mistake
  const std::string role = reader ? "reader" : "writer";
  try {
    s->open(soci::sqlite3, connect);
  } catch (const std::exception& e) {
    throw DbError("Cannot open the SQLite database " + cfg.display + " (" + role + " connection): " +
                  driver_reason(e) + (cfg.memory ? "" : sqlite_hint(cfg.path)));
  }
  try {
    sqlite_api::sqlite3_busy_timeout(native::sqlite(*s), cfg.busy_timeout_ms);
    text::register_fts_german(native::sqlite(*s));  // content_fts (migration 0067) needs it
    if (!cfg.memory) {
      std::string mode;
      if (reader)
        *s << "PRAGMA journal_mode", soci::into(mode);
      else
        *s << "PRAGMA journal_mode=WAL", soci::into(mode);
      if (upper(mode) != "WAL")
        throw DbError("SQLite did not switch " + cfg.display + " to WAL mode (it reports \"" + mode +
                      "\"). Keep the database on a local file system (not NFS/SMB) and check that no "
                      "other program holds it open in another journal mode.");
    }
    *s << "PRAGMA foreign_keys=ON";
    // Whitelisted in sqlite_settings(), so splicing the keyword is safe; PRAGMA takes no bound values.
    *s << ("PRAGMA synchronous=" + cfg.synchronous);
    // Reads through one shared memory map instead of copying each page into every connection's
    // own cache with pread(): a fifth of a search's CPU was the kernel copying pages. The mapped
    // pages are the OS file cache, but they count in the process's RSS.
    if (!cfg.memory && cfg.mmap_bytes > 0) *s << ("PRAGMA mmap_size=" + std::to_string(cfg.mmap_bytes));
    if (!cfg.memory && !reader) {
      // The Checkpointer copies the log back in the background (db/checkpointer.hpp), so commits
      // never do; a log that grew under load is cut back to 64 MiB once it starts over.
      *s << "PRAGMA wal_autocheckpoint=0";
      *s << "PRAGMA journal_size_limit=67108864";
    }
  } catch (const DbError&) {
    throw;
  } catch (const std::exception& e) {
    throw DbError("Cannot prepare the SQLite database " + cfg.display + " (" + role + " connection): " +
                  driver_reason(e) + (cfg.memory ? "" : sqlite_hint(cfg.path)));
  }
  return s;
}

// Returns a session to a usable state or reports it as broken. A caller that left a
// transaction open (an exception between BEGIN and COMMIT) gets it rolled back here.
bool sqlite_broken(soci::session& s) {
  auto* h = native::sqlite(s);
  if (sqlite_api::sqlite3_get_autocommit(h) == 0) {
    return sqlite_api::sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK;
  }
  return false;
}

bool postgresql_broken(soci::session& s) {
  PGconn* c = native::postgresql(s);
  if (PQstatus(c) != CONNECTION_OK) return true;
  switch (PQtransactionStatus(c)) {
    case PQTRANS_IDLE:
      return false;
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR: {
      PGresult* r = PQexec(c, "ROLLBACK");
      const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      return !ok;
    }
    default:
      return true;
  }
}

void log_notice(void*, const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  log::debug("postgresql notice", {{"message", m}});
}

// libpq waits forever for an unreachable host unless told otherwise.
std::string with_connect_timeout(const std::string& url) {
  if (url.find("connect_timeout=") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=10";
}

void check_pool_options(const Options& options) {
  if (options.pool_size < 0)
    throw DbError("database pool size must be 0 (automatic) or positive, not " + std::to_string(options.pool_size));
  if (options.busy_timeout_ms < 0)
    throw DbError("database busy timeout must not be negative (got " + std::to_string(options.busy_timeout_ms) + ")");
}

// The SQLite connection settings from the URL and the [database] options, checked; the file's
// folder is created here so that a missing one is reported before any connection tries.
SqliteSettings sqlite_settings(const ParsedUrl& url, const Options& options) {
  SqliteSettings cfg;
  cfg.display = url.display;
  cfg.busy_timeout_ms = options.busy_timeout_ms;
  if (options.sqlite_mmap_mb < 0)
    throw DbError("database sqlite_mmap_mb must not be negative (got " + std::to_string(options.sqlite_mmap_mb) +
                  "); 0 turns the memory map off.");
  cfg.mmap_bytes = static_cast<std::int64_t>(options.sqlite_mmap_mb) * 1024 * 1024;
  cfg.memory = url.memory;
  // open_sqlite_session() splices this keyword into a PRAGMA: only the four SQLite knows pass.
  cfg.synchronous = upper(options.synchronous);
  static const std::string allowed[] = {"OFF", "NORMAL", "FULL", "EXTRA"};
  if (std::find(std::begin(allowed), std::end(allowed), cfg.synchronous) == std::end(allowed))
    throw DbError("database synchronous must be one of OFF, NORMAL, FULL, EXTRA (got \"" + options.synchronous +
                  "\"); FULL is the safe default.");
  if (url.memory) {
    cfg.path = ":memory:";
    return cfg;
  }
  std::error_code ec;
  const auto file = std::filesystem::absolute(url.target, ec);
  if (ec) throw DbError("Cannot resolve the SQLite path " + url.display + ": " + ec.message());
  cfg.path = file.string();
  std::filesystem::create_directories(file.parent_path(), ec);
  if (ec)
    throw DbError("Cannot create the folder " + file.parent_path().string() + " for the SQLite database " +
                  url.display + ": " + ec.message() +
                  ". Create it yourself or make its parent writable by the user running Quartier.");
  return cfg;
}

std::unique_ptr<Pool> open_sqlite_readers(const SqliteSettings& cfg, const Options& options) {
  const auto n = options.pool_size > 0 ? static_cast<std::size_t>(options.pool_size) : default_sqlite_readers;
  auto readers = std::make_unique<Pool>([cfg] { return open_sqlite_session(cfg, true); }, n, sqlite_broken);
  readers->open_eagerly(n);
  return readers;
}

// The background WAL checkpointer of a SQLite file database; its RESTART runs on db's writer.
std::unique_ptr<Checkpointer> make_checkpointer(Database& db, const SqliteSettings& cfg) {
  auto restart = [&db, busy_ms = cfg.busy_timeout_ms](int* log_frames, int* copied) {
    auto w = db.write();
    auto* h = native::sqlite(*w);
    // Other writers wait while this waits for the running reads: a short wait, then give up
    // (the checkpointer tries again later) rather than the full busy timeout.
    sqlite_api::sqlite3_busy_timeout(h, std::min(busy_ms, 50));
    const int rc = sqlite_api::sqlite3_wal_checkpoint_v2(h, "main", SQLITE_CHECKPOINT_RESTART, log_frames, copied);
    sqlite_api::sqlite3_busy_timeout(h, busy_ms);
    return rc;
  };
  return std::make_unique<Checkpointer>([cfg] { return open_sqlite_session(cfg, false); }, restart, cfg.display,
                                        std::chrono::milliseconds(250));
}

std::unique_ptr<Pool> open_postgresql_pool(const ParsedUrl& url, const Options& options) {
  auto factory = [target = with_connect_timeout(url.target), display = url.display] {
    auto s = std::make_unique<soci::session>();
    try {
      s->open(soci::postgresql, target);
    } catch (const std::exception& e) {
      throw DbError("Cannot connect to PostgreSQL at " + display + ": " + driver_reason(e) +
                    " Is PostgreSQL running and is the URL right (host, port, user, password, database)?");
    }
    // Server notices ("relation already exists, skipping") go to the debug log, not raw stderr.
    PQsetNoticeProcessor(native::postgresql(*s), log_notice, nullptr);
    return s;
  };
  const auto n = options.pool_size > 0 ? static_cast<std::size_t>(options.pool_size) : default_pg_connections;
  auto pool = std::make_unique<Pool>(factory, n, postgresql_broken);
  pool->open_eagerly(1);  // fail at startup, not on the first request; the rest on demand
  return pool;
}

}  // namespace

std::string_view dialect_name(Dialect d) { return d == Dialect::sqlite ? "sqlite" : "postgresql"; }

Lease::Lease(Lease&& other) noexcept : db_(other.db_), session_(other.session_), writer_(other.writer_) {
  other.db_ = nullptr;
  other.session_ = nullptr;
}

Lease::~Lease() {
  if (db_) db_->release(session_, writer_);
}

Database::~Database() {
  // The checkpointer's thread uses the writer pool: stop it while the pools still exist.
  if (impl_) impl_->checkpointer.reset();
}

std::unique_ptr<Database> Database::open(const Options& options) {
  ParsedUrl url = parse_url(options.url);
  check_pool_options(options);
  std::unique_ptr<Database> db(new Database());
  db->dialect_ = url.dialect;
  db->display_url_ = url.display;
  db->impl_ = std::make_unique<Impl>();
  Impl& impl = *db->impl_;
  impl.options = options;

  if (url.dialect == Dialect::sqlite) {
    const SqliteSettings cfg = sqlite_settings(url, options);
    // The writer opens first: it creates the file and switches it to WAL, which readers rely on.
    impl.writer = std::make_unique<Pool>([cfg] { return open_sqlite_session(cfg, false); }, 1, sqlite_broken);
    impl.writer->open_eagerly(1);
    if (!url.memory) {  // every :memory: connection is its own database, so readers share the writer
      impl.readers = open_sqlite_readers(cfg, options);
      impl.checkpointer = make_checkpointer(*db, cfg);
    }
  } else {
    impl.writer = open_postgresql_pool(url, options);
  }
  impl.url = std::move(url);
  log::info("database opened", {{"url", db->display_url_}, {"dialect", dialect_name(db->dialect_)}});
  return db;
}

soci::session* Database::acquire(bool writer, bool snapshot) {
  if (writer) return impl_->write_pool().acquire();
  soci::session* s = impl_->read_pool().acquire();
  if (snapshot && dialect_ == Dialect::sqlite && impl_->readers) {
    // One read transaction per lease: every statement of the lease reads the same snapshot, and
    // the WAL read lock (file-lock system calls) is taken once instead of once per statement.
    // release() rolls it back (sqlite_broken), which for a read transaction only drops the lock.
    if (sqlite_api::sqlite3_exec(native::sqlite(*s), "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
      impl_->read_pool().release(s);
      throw DbError("Cannot begin a read transaction on the SQLite database " + display_url_ + ".");
    }
  }
  return s;
}

void Database::release(soci::session* s, bool writer) {
  if (writer)
    impl_->write_pool().release(s);
  else
    impl_->read_pool().release(s);
}

Lease Database::read() { return Lease(this, acquire(false), false); }
Lease Database::read_snapshot() { return Lease(this, acquire(false, true), false); }
Lease Database::write() { return Lease(this, acquire(true), true); }

PoolStats Database::stats() const {
  PoolStats total = impl_->writer->stats();
  if (impl_->readers) {
    const PoolStats r = impl_->readers->stats();
    total.size += r.size;
    total.in_use += r.in_use;
    total.waits += r.waits;
  }
  return total;
}

bool Database::ping() {
  try {
    auto lease = read();
    int one = 0;
    *lease << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    log::warn("database ping failed", {{"url", display_url_}, {"reason", std::string(e.what())}});
    return false;
  }
}

}  // namespace qt::db
