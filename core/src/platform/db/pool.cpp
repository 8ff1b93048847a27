#include "platform/db/pool.hpp"

#include <algorithm>

#include "platform/db/statement_cache.hpp"

namespace qt::db {

Pool::Pool(Factory factory, std::size_t max, BrokenCheck broken)
    : factory_(std::move(factory)), broken_(std::move(broken)), max_(std::max<std::size_t>(max, 1)) {}

Pool::~Pool() {
  for (auto& s : all_) forget_statement_cache(s.get());
}

void Pool::open_eagerly(std::size_t n) {
  n = std::min(n, max_);
  std::lock_guard lock(mutex_);
  while (all_.size() < n) {
    all_.push_back(factory_());
    register_for_statement_cache(all_.back().get());
    idle_.push_back(all_.back().get());
  }
}

soci::session* Pool::acquire() {
  std::unique_lock lock(mutex_);
  if (max_ == 1 && in_use_ == 1 && single_owner_ == std::this_thread::get_id())
    throw DbError(
        "This thread already holds the only SQLite writer connection; taking a second lease would wait "
        "forever. Finish the first lease (or do the work inside it) before asking again.");
  bool counted_wait = false;
  for (;;) {
    if (!idle_.empty()) {
      soci::session* s = idle_.back();
      idle_.pop_back();
      ++in_use_;
      if (max_ == 1) single_owner_ = std::this_thread::get_id();
      return s;
    }
    if (all_.size() + opening_ < max_) {
      ++opening_;
      lock.unlock();
      std::unique_ptr<soci::session> fresh;
      try {
        fresh = factory_();
      } catch (...) {
        lock.lock();
        --opening_;
        freed_.notify_one();
        throw;
      }
      register_for_statement_cache(fresh.get());
      lock.lock();
      --opening_;
      all_.push_back(std::move(fresh));
      ++in_use_;
      if (max_ == 1) single_owner_ = std::this_thread::get_id();
      return all_.back().get();
    }
    if (!counted_wait) {
      ++waits_;
      counted_wait = true;
    }
    freed_.wait(lock);
  }
}

void Pool::release(soci::session* s) {
  // Check outside the lock: it may talk to the driver.
  const bool broken = broken_ && broken_(*s);
  std::unique_ptr<soci::session> dropped;
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    single_owner_ = {};
    if (broken) {
      auto it = std::find_if(all_.begin(), all_.end(), [s](const auto& p) { return p.get() == s; });
      if (it != all_.end()) {
        dropped = std::move(*it);
        all_.erase(it);
      }
    } else {
      idle_.push_back(s);
    }
  }
  if (dropped) forget_statement_cache(dropped.get());
  freed_.notify_one();
}

PoolStats Pool::stats() const {
  std::lock_guard lock(mutex_);
  return PoolStats{all_.size(), in_use_, waits_};
}

}  // namespace qt::db
