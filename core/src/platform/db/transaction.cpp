#include "platform/db/transaction.hpp"

#include <algorithm>
#include <exception>

#include "platform/log/log.hpp"

namespace qt::db {
namespace {
// Open scopes of this thread, innermost last (a thread may hold transactions on two sessions).
thread_local std::vector<CommitScope*> open_scopes;
thread_local std::vector<soci::session*> open_sessions;
}  // namespace

CommitScope::CommitScope(soci::session& s) : session_(&s) {
  open_scopes.push_back(this);
  open_sessions.push_back(&s);
}

CommitScope::~CommitScope() {
  auto it = std::find(open_scopes.rbegin(), open_scopes.rend(), this);
  if (it == open_scopes.rend()) return;
  auto index = static_cast<std::size_t>(std::distance(it, open_scopes.rend()) - 1);
  open_scopes.erase(open_scopes.begin() + static_cast<std::ptrdiff_t>(index));
  open_sessions.erase(open_sessions.begin() + static_cast<std::ptrdiff_t>(index));
}

void CommitScope::run() {
  auto work = std::move(work_);
  work_.clear();
  for (auto& fn : work) {
    try {
      fn();
    } catch (const std::exception& e) {
      log::error("work after commit failed", {{"reason", e.what()}});
    } catch (...) {
      log::error("work after commit failed", {{"reason", "unknown exception"}});
    }
  }
}

void CommitScope::hand_to(CommitScope& outer) {
  for (auto& fn : work_) outer.add(std::move(fn));
  work_.clear();
}

void after_commit(soci::session& s, std::function<void()> fn) {
  for (std::size_t i = open_sessions.size(); i-- > 0;)
    if (open_sessions[i] == &s) {
      open_scopes[i]->add(std::move(fn));
      return;
    }
  fn();
}

void begin_write(soci::session& s) {
  if (s.get_backend_name() == "sqlite3")
    s << "BEGIN IMMEDIATE";
  else
    s.begin();
}

namespace {

// Begins the transaction before the CommitScope registers it (member order of Transaction).
soci::session& begun(soci::session& s) {
  begin_write(s);
  return s;
}

}  // namespace

Transaction::Transaction(soci::session& s) : session_(begun(s)), open_(true), scope_(s) {}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    session_.rollback();
  } catch (const std::exception& e) {
    log::warn("rollback failed", {{"error", e.what()}});
  }
}

void Transaction::commit() {
  session_.commit();
  open_ = false;
  scope_.run();
}

void Transaction::rollback() {
  open_ = false;
  session_.rollback();
}

}  // namespace qt::db
