#include "platform/db/group_commit.hpp"

#include <optional>
#include <vector>

#include "platform/db/transaction.hpp"

namespace qt::db {

void GroupCommit::run(const Work& work) {
  if (db_.dialect() == Dialect::postgresql) {
    {
      std::lock_guard lock(mu_);
      ++stats_.works;
    }
    auto lease = db_.write();
    Transaction tx(*lease);
    work(*lease);
    tx.commit();
    std::lock_guard lock(mu_);
    ++stats_.commits;
    return;
  }
  Pending me{&work, nullptr, false};
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  while (!me.done) {
    if (!leading_) {
      lead(lock);  // runs at least our own work (we are queued and nobody else leads)
    } else {
      cv_.wait(lock);
    }
  }
  if (me.error) std::rethrow_exception(me.error);
}

void GroupCommit::lead(std::unique_lock<std::mutex>& lock) {
  // One group, then leadership passes to a waiter whose work is still queued, so nobody's
  // answer waits for more than the group it joined and the one in flight before it.
  leading_ = true;
  {
    std::vector<Pending*> group;
    while (!queue_.empty() && group.size() < max_group_) {
      group.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    std::exception_ptr commit_error;
    try {
      auto lease = db_.write();
      soci::session& s = *lease;
      s << "BEGIN IMMEDIATE";
      CommitScope group_scope(s);  // the members' core events, delivered after the COMMIT
      try {
        for (Pending* p : group) {
          s << "SAVEPOINT grp";
          std::optional<CommitScope> member(std::in_place, s);  // dropped with the member's rollback
          try {
            (*p->work)(s);
            s << "RELEASE grp";
            member->hand_to(group_scope);
          } catch (...) {
            member.reset();
            p->error = std::current_exception();
            // Undo just this member's statements. If even that fails the transaction is gone
            // (disk full, I/O error): the whole group fails below.
            s << "ROLLBACK TO grp";
            s << "RELEASE grp";
          }
        }
        s << "COMMIT";
        group_scope.run();
      } catch (...) {
        commit_error = std::current_exception();
        try {
          s << "ROLLBACK";
        } catch (...) {
          // Already rolled back by SQLite; nothing more to undo.
        }
      }
    } catch (...) {
      commit_error = std::current_exception();  // no writer connection
    }
    lock.lock();
    ++stats_.commits;
    stats_.works += group.size();
    for (Pending* p : group) {
      if (commit_error) p->error = commit_error;
      p->done = true;
    }
  }
  leading_ = false;
  cv_.notify_all();  // the members learn they are done; one still queued leads the next group
}

GroupCommit::Stats GroupCommit::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

}  // namespace qt::db

namespace qt::db {

std::size_t GroupCommit::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

}  // namespace qt::db
