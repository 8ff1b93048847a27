#pragma once
// Group commit for short write transactions (create post, comment, react). With
// synchronous=FULL every SQLite commit waits for the disk (fsync of the WAL), and SQLite has one
// writer, so one request at a time could commit: the disk's flush rate was the ceiling. Here the
// requests that arrive while a commit is in flight are run together as one transaction, each in
// its own savepoint, and committed with one flush:
//
//   group.run([&](soci::session& s) { ...the request's statements... });
//
// run() returns only after the COMMIT that holds the work succeeded (a 200 still means "on
// disk"), and throws what the work threw (its savepoint is rolled back; the others in the group
// are not affected) or, if the COMMIT itself fails, that error for every member. Whoever finds
// no commit in progress leads: it takes the writer and runs the queued work of the others on
// its own thread while they wait (no extra thread). Work must use the session it is given and
// never lease the writer itself. PostgreSQL (many connections, its own commit grouping): each
// run() is simply its own transaction on a pooled connection.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace qt::db {

class GroupCommit {
 public:
  using Work = std::function<void(soci::session&)>;
  explicit GroupCommit(Database& db, std::size_t max_group = 64) : db_(db), max_group_(max_group) {}

  void run(const Work& work);

  struct Stats {
    std::size_t commits = 0;  // transactions committed
    std::size_t works = 0;    // work items run in them
  };
  Stats stats() const;
  std::size_t queued() const;  // work waiting for the next group

 private:
  struct Pending {
    const Work* work;
    std::exception_ptr error;
    bool done = false;
  };
  void lead(std::unique_lock<std::mutex>& lock);

  Database& db_;
  std::size_t max_group_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending*> queue_;
  bool leading_ = false;
  Stats stats_;
};

}  // namespace qt::db
