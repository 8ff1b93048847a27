#pragma once
// A bounded set of SOCI sessions handed out one caller at a time. Sessions are opened on demand
// up to max by the factory; a caller finding none free waits on a condition variable. A pool of
// one is SQLite's single writer: asking it twice from the same thread would wait forever, so
// that is refused instead. Every connection has a statement cache (db/statement_cache.hpp).
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace qt::db {

class Pool {
 public:
  using Factory = std::function<std::unique_ptr<soci::session>()>;
  // Reports whether a returned session is unusable (dropped instead of reused).
  using BrokenCheck = std::function<bool(soci::session&)>;

  Pool(Factory factory, std::size_t max, BrokenCheck broken = {});
  ~Pool();  // closes the connections (their cached statements first)
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  void open_eagerly(std::size_t n);  // opens n sessions now so failures surface at startup
  soci::session* acquire();          // throws DbError if a new session cannot be opened
  void release(soci::session* s);
  PoolStats stats() const;

 private:
  Factory factory_;
  BrokenCheck broken_;
  std::size_t max_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<soci::session>> all_;
  std::vector<soci::session*> idle_;
  std::size_t opening_ = 0;
  std::size_t in_use_ = 0;
  std::size_t waits_ = 0;
  std::thread::id single_owner_;  // max_ == 1 only: the thread holding the session
};

}  // namespace qt::db
