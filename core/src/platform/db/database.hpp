#pragma once
// The data layer: SOCI sessions on SQLite (embedded default) or PostgreSQL, same code.
// SQLite: one writer connection (writes serialise on it) and a pool of readers, WAL mode,
// foreign keys on, busy timeout, configurable synchronous. PostgreSQL: one pool, every
// connection can read and write.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

namespace qt::db {

enum class Dialect { sqlite, postgresql };
std::string_view dialect_name(Dialect d);  // "sqlite" / "postgresql"

struct Options {
  std::string url;                   // "sqlite:path/to.db", "sqlite::memory:" or "postgresql://..."
  std::string synchronous = "FULL";  // SQLite only
  int busy_timeout_ms = 5000;
  int pool_size = 0;
  int sqlite_mmap_mb = 0;  // SQLite only: PRAGMA mmap_size in MiB, 0 = off (config default 2047)  // 0 = automatic (SQLite: 4 readers; PostgreSQL: 8 connections)
};

// Thrown for any database failure that an operator must act on; the message says what to do.
class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PoolStats {
  std::size_t size = 0;    // connections open
  std::size_t in_use = 0;  // leased right now
  std::size_t waits = 0;   // times a caller had to wait for a free connection
};

class Database;

// A connection borrowed from the pool; returned when destroyed.
class Lease {
 public:
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&&) = delete;
  Lease(const Lease&) = delete;
  ~Lease();
  soci::session& operator*() const { return *session_; }
  soci::session* operator->() const { return session_; }
  soci::session& session() const { return *session_; }

 private:
  friend class Database;
  Lease(Database* db, soci::session* s, bool writer) : db_(db), session_(s), writer_(writer) {}
  Database* db_;
  soci::session* session_;
  bool writer_;
};

class Database {
 public:
  // Opens (and for SQLite creates, with its parent folder) the database. Throws DbError.
  static std::unique_ptr<Database> open(const Options& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  const std::string& url_for_display() const { return display_url_; }  // password masked

  Lease read();   // a reader (PostgreSQL: any connection); each statement sees the latest commit
  // A reader whose statements all read one snapshot (SQLite: one read transaction for the
  // lease, so the WAL read lock is taken once, not per statement). For read-only request
  // handlers; a lease held across the caller's own writes would not see them.
  Lease read_snapshot();
  Lease write();  // SQLite: the single writer; PostgreSQL: any connection

  PoolStats stats() const;
  bool ping();  // true if a trivial query succeeds

  // Runs several ';'-separated statements (migrations) on s through the native driver.
  void exec_script(soci::session& s, std::string_view sql) const;

  // SQLite only: consistent snapshot into a new file through the online backup API. Throws DbError.
  void backup_to(const std::string& file);

 private:
  friend class Lease;
  Database() = default;
  soci::session* acquire(bool writer, bool snapshot = false);
  void release(soci::session* s, bool writer);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  Dialect dialect_ = Dialect::sqlite;
  std::string display_url_;
};

}  // namespace qt::db
