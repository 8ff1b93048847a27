#pragma once
// Which database connection a plugin's host statements use on the current thread.
//
// Plugin code never sees connections: inside db_begin..db_commit (or inside the core's
// transaction during a privacy hook) every statement on the thread runs in that transaction;
// otherwise statements share one autocommit writer lease (SQLite has a single writer, so two
// leases on one thread would deadlock) or one reader lease for read-only statements.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/db/transaction.hpp"

struct qt_stmt;

namespace qt::plugin_host {

enum class Slot { transaction, writer, reader };

class ThreadDb {
 public:
  static ThreadDb& current();  // this thread's context

  // For a new statement: the session to run on and the slot it occupies (release with the slot).
  soci::session& acquire(db::Database& db, bool read_only, Slot& slot);
  void release(Slot slot);

  bool in_transaction() const { return tx_ != nullptr; }
  bool transaction_failed() const { return failed_; }  // a nested db_rollback happened
  // db_begin / db_commit / db_rollback. Throw std::runtime_error (logic) or soci errors.
  void begin(db::Database& db);
  void commit();
  void rollback();

  // Runs fn after the thread's transaction commits (dropped on rollback); at once when no
  // transaction is open. Inside the core's transaction (privacy hooks) fn is dropped: the
  // host cannot see that commit. Returns false when dropped.
  bool after_commit(std::function<void()> fn);
  bool in_external_transaction() const { return external_; }
  // Whether the thread holds the writer outside a transaction (autocommit statements open).
  bool holds_writer() const { return writer_.has_value(); }
  // The session of the open transaction, or of the autocommit writer this thread holds.
  soci::session* current_writer() { return tx_ ? tx_ : (writer_ ? &**writer_ : nullptr); }

  // Statements opened on the transaction, closed (made unusable) when it ends.
  void track(qt_stmt* s) { tx_statements_.push_back(s); }
  void untrack(qt_stmt* s);

  // Ends whatever a plugin callback left open (rolls back, closes statements); returns
  // true if something was left. Called when the outermost plugin callback returns.
  bool cleanup_after_callback();

  // Binds an existing session with an open transaction (the core's, during privacy_erase).
  class ExternalTransaction {
   public:
    explicit ExternalTransaction(soci::session& tx);
    ~ExternalTransaction();
    ExternalTransaction(const ExternalTransaction&) = delete;
    ExternalTransaction& operator=(const ExternalTransaction&) = delete;

   private:
    soci::session* saved_tx_;
    int saved_depth_;
    bool saved_failed_;
    bool saved_external_;
    std::vector<qt_stmt*> saved_statements_;
    std::vector<std::function<void()>> saved_after_commit_;
  };

 private:
  void close_tx_statements();
  // Gives back the transaction's writer lease, or the autocommit writer it borrowed.
  void release_tx_connection();

  soci::session* tx_ = nullptr;
  std::optional<db::Lease> tx_lease_;  // empty when borrowed from writer_ or external
  bool tx_borrowed_writer_ = false;
  int depth_ = 0;
  bool failed_ = false;
  bool external_ = false;
  std::vector<qt_stmt*> tx_statements_;
  std::vector<std::function<void()>> after_commit_;
  std::optional<db::CommitScope> scope_;  // core events of db_begin..db_commit wait for the commit

  std::optional<db::Lease> writer_;
  int writer_refs_ = 0;
  std::optional<db::Lease> reader_;
  int reader_refs_ = 0;
};

// Counts nested plugin callbacks on this thread; the outermost one cleans up on exit.
class CallbackScope {
 public:
  explicit CallbackScope(std::string plugin);
  ~CallbackScope();
  CallbackScope(const CallbackScope&) = delete;
  CallbackScope& operator=(const CallbackScope&) = delete;

 private:
  std::string plugin_;
};

}  // namespace qt::plugin_host
