#pragma once
// Work that must wait for a commit: db::Transaction is soci::transaction plus a list of
// callbacks that run after its commit succeeds (and are dropped on rollback). Domain code that
// publishes an event calls after_commit(session, fn); the innermost transaction open on that
// session in this thread keeps fn, and without one (autocommit: the statement has already
// committed) fn runs at once. So an event about a change is never seen for a rollback.
#include <functional>
#include <vector>

#include <soci/soci.h>

namespace qt::db {

// Registers "a transaction is open on this session" for the current thread. Owners: Transaction
// below and the plugin host's db_begin. Not copyable; destroyed on the thread that made it.
class CommitScope {
 public:
  explicit CommitScope(soci::session& s);
  ~CommitScope();  // unregisters; work not yet run is dropped (rollback)
  CommitScope(const CommitScope&) = delete;
  CommitScope& operator=(const CommitScope&) = delete;

  void add(std::function<void()> fn) { work_.push_back(std::move(fn)); }
  // After the commit: runs the work in order; a throwing callback is logged and skipped.
  void run();
  // A savepoint released: its work now waits for the enclosing transaction's commit.
  void hand_to(CommitScope& outer);

 private:
  soci::session* session_;
  std::vector<std::function<void()>> work_;
};

// Runs fn after the transaction open on s (in this thread) commits, or now if none is open.
void after_commit(soci::session& s, std::function<void()> fn);

// Begins a transaction that will write: BEGIN IMMEDIATE on SQLite, so it waits for another
// process's write lock (busy_timeout) at its start instead of failing on its first write.
void begin_write(soci::session& s);

// Drop-in for soci::transaction: begin at construction, rollback unless committed. On SQLite it
// begins IMMEDIATE, taking the write lock at once (waiting up to busy_timeout for it): a deferred
// transaction that reads first and then writes fails at once with "database is locked" when
// another process (the CLI beside the server) committed in between, and no wait helps it then.
// Transactions are opened on write leases only, so nothing takes the lock it would not take anyway.
class Transaction {
 public:
  explicit Transaction(soci::session& s);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  void rollback();

 private:
  soci::session& session_;
  bool open_ = false;
  CommitScope scope_;
};

}  // namespace qt::db
