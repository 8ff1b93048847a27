#include "plugin_host/thread_db.hpp"

#include <algorithm>
#include <stdexcept>

#include "platform/log/log.hpp"
#include "platform/util/scope_exit.hpp"
#include "plugin_host/statement.hpp"

namespace qt::plugin_host {
namespace {
thread_local int callback_depth = 0;
}

ThreadDb& ThreadDb::current() {
  thread_local ThreadDb ctx;
  return ctx;
}

soci::session& ThreadDb::acquire(db::Database& db, bool read_only, Slot& slot) {
  if (tx_) {
    slot = Slot::transaction;
    return *tx_;
  }
  if (read_only && !writer_) {
    if (!reader_) reader_.emplace(db.read());
    ++reader_refs_;
    slot = Slot::reader;
    return **reader_;
  }
  if (!writer_) writer_.emplace(db.write());
  ++writer_refs_;
  slot = Slot::writer;
  return **writer_;
}

void ThreadDb::release(Slot slot) {
  if (slot == Slot::writer && writer_refs_ > 0 && --writer_refs_ == 0 && !tx_borrowed_writer_) writer_.reset();
  if (slot == Slot::reader && reader_refs_ > 0 && --reader_refs_ == 0) reader_.reset();
}

void ThreadDb::untrack(qt_stmt* s) {
  tx_statements_.erase(std::remove(tx_statements_.begin(), tx_statements_.end(), s), tx_statements_.end());
}

void ThreadDb::begin(db::Database& db) {
  if (tx_) {
    ++depth_;
    return;
  }
  if (writer_) {
    // Autocommit statements hold the writer on this thread: run the transaction on it.
    tx_borrowed_writer_ = true;
    tx_ = &**writer_;
  } else {
    tx_lease_.emplace(db.write());
    tx_ = &**tx_lease_;
  }
  try {
    db::begin_write(*tx_);  // plugin transactions run on the writer
  } catch (...) {
    tx_ = nullptr;
    tx_lease_.reset();
    tx_borrowed_writer_ = false;
    throw;
  }
  depth_ = 1;
  failed_ = false;
  scope_.emplace(*tx_);
}

void ThreadDb::release_tx_connection() {
  scope_.reset();  // drops what a rollback left; commit() has run it
  tx_lease_.reset();
  if (tx_borrowed_writer_) {
    tx_borrowed_writer_ = false;
    if (writer_refs_ == 0) writer_.reset();
  }
}

void ThreadDb::close_tx_statements() {
  auto statements = std::move(tx_statements_);
  tx_statements_.clear();
  for (auto* s : statements) s->close();
}

void ThreadDb::commit() {
  if (!tx_) throw std::logic_error("db_commit without db_begin");
  if (depth_ > 1) {
    --depth_;
    return;
  }
  if (external_) throw std::logic_error("db_commit inside the core's transaction");
  close_tx_statements();
  auto* tx = tx_;
  bool failed = failed_;
  tx_ = nullptr;
  depth_ = 0;
  failed_ = false;
  // The transaction's connection goes back however the commit or rollback ends.
  const util::ScopeExit release([this] { release_tx_connection(); });
  auto pending = std::move(after_commit_);
  after_commit_.clear();
  if (failed) {
    tx->rollback();
    throw std::logic_error("a nested db_rollback marked the transaction failed; it was rolled back");
  }
  tx->commit();
  if (scope_) scope_->run();
  for (auto& fn : pending) {
    try {
      fn();
    } catch (const std::exception& e) {
      log::error("work after commit failed", {{"reason", e.what()}});
    }
  }
}

bool ThreadDb::after_commit(std::function<void()> fn) {
  if (external_) return false;
  if (tx_) {
    after_commit_.push_back(std::move(fn));
    return true;
  }
  fn();
  return true;
}

void ThreadDb::rollback() {
  if (!tx_) throw std::logic_error("db_rollback without db_begin");
  if (depth_ > 1 || external_) {
    // Only the owner of the outermost transaction ends it.
    if (depth_ > 1) --depth_;
    failed_ = true;
    return;
  }
  close_tx_statements();
  after_commit_.clear();
  auto* tx = tx_;
  tx_ = nullptr;
  depth_ = 0;
  failed_ = false;
  // The transaction's connection goes back however the commit or rollback ends.
  const util::ScopeExit release([this] { release_tx_connection(); });
  tx->rollback();
}

bool ThreadDb::cleanup_after_callback() {
  bool left = false;
  if (tx_ && !external_) {
    left = true;
    depth_ = 1;
    try {
      rollback();
    } catch (const std::exception& e) {
      log::error("rollback of a transaction a plugin left open failed", {{"reason", e.what()}});
    }
  }
  if (writer_refs_ > 0 || reader_refs_ > 0) left = true;
  return left;
}

ThreadDb::ExternalTransaction::ExternalTransaction(soci::session& tx) {
  auto& ctx = ThreadDb::current();
  saved_tx_ = ctx.tx_;
  saved_depth_ = ctx.depth_;
  saved_failed_ = ctx.failed_;
  saved_external_ = ctx.external_;
  saved_statements_ = std::move(ctx.tx_statements_);
  ctx.tx_statements_.clear();
  saved_after_commit_ = std::move(ctx.after_commit_);
  ctx.after_commit_.clear();
  ctx.tx_ = &tx;
  ctx.depth_ = 1;
  ctx.failed_ = false;
  ctx.external_ = true;
}

ThreadDb::ExternalTransaction::~ExternalTransaction() {
  auto& ctx = ThreadDb::current();
  ctx.close_tx_statements();
  ctx.tx_ = saved_tx_;
  ctx.depth_ = saved_depth_;
  ctx.failed_ = saved_failed_;
  ctx.external_ = saved_external_;
  ctx.tx_statements_ = std::move(saved_statements_);
  ctx.after_commit_ = std::move(saved_after_commit_);
}

CallbackScope::CallbackScope(std::string plugin) : plugin_(std::move(plugin)) { ++callback_depth; }

CallbackScope::~CallbackScope() {
  if (--callback_depth > 0) return;
  // Outermost callback: statements must be finalized and transactions ended by now.
  auto& ctx = ThreadDb::current();
  bool left_statements = Statement::close_thread_statements();
  bool left_tx = ctx.cleanup_after_callback();
  if (left_statements || left_tx)
    log::error("plugin left database work open when its callback returned; closed and rolled back",
               {{"plugin", plugin_}});
}

}  // namespace qt::plugin_host
