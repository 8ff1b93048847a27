#include "platform/jobs/scheduler.hpp"

#include <exception>

#include "platform/log/log.hpp"

namespace qt::jobs {

Scheduler::Scheduler(int workers) {
  if (workers < 1) workers = 1;
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { worker_loop(); });
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::post(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    ready_.emplace_back("job", std::move(job));
  }
  cv_.notify_one();
}

std::uint64_t Scheduler::after(Clock::duration delay, Job job) {
  std::uint64_t id;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return 0;
    id = next_id_++;
    timers_.emplace(Clock::now() + delay, Timed{id, Clock::duration::zero(), "timer", std::move(job)});
  }
  cv_.notify_one();
  return id;
}

std::uint64_t Scheduler::every(Clock::duration interval, std::string name, Job job) {
  std::uint64_t id;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return 0;
    id = next_id_++;
    timers_.emplace(Clock::now() + interval, Timed{id, interval, std::move(name), std::move(job)});
  }
  cv_.notify_one();
  return id;
}

void Scheduler::cancel(std::uint64_t timer_id) {
  std::lock_guard lock(mutex_);
  for (auto it = timers_.begin(); it != timers_.end(); ++it)
    if (it->second.id == timer_id) {
      timers_.erase(it);
      return;
    }
  cancelled_.insert(timer_id);  // running right now: do not schedule it again
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    timers_.clear();
    ready_.clear();
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void Scheduler::run_job(const std::string& name, const Job& job) {
  try {
    job();
  } catch (const std::exception& e) {
    log::error("background job failed", {{"job", name}, {"error", e.what()}});
  } catch (...) {
    log::error("background job failed", {{"job", name}, {"error", "unknown exception"}});
  }
}

void Scheduler::worker_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (!ready_.empty()) {
      auto [name, job] = std::move(ready_.front());
      ready_.pop_front();
      lock.unlock();
      run_job(name, job);
      lock.lock();
      continue;
    }
    if (!timers_.empty() && timers_.begin()->first <= Clock::now()) {
      auto node = timers_.extract(timers_.begin());
      Timed t = std::move(node.mapped());
      lock.unlock();
      run_job(t.name, t.job);
      lock.lock();
      if (cancelled_.erase(t.id) == 0 && t.interval != Clock::duration::zero() && !stopping_) {
        const auto interval = t.interval;
        timers_.emplace(Clock::now() + interval, std::move(t));
      }
      continue;
    }
    if (timers_.empty())
      cv_.wait(lock);
    else
      cv_.wait_until(lock, timers_.begin()->first);
  }
}

}  // namespace qt::jobs
