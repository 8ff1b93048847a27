#pragma once
// Background jobs and timers for the core and plugins: a small pool of worker threads and a
// timer queue. Jobs never run on the HTTP threads. Exceptions in a job are logged, never fatal.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <set>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace qt::jobs {

class Scheduler {
 public:
  using Clock = std::chrono::steady_clock;
  using Job = std::function<void()>;

  explicit Scheduler(int workers = 2);
  ~Scheduler();  // stops and joins
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void post(Job job);                                  // as soon as a worker is free
  std::uint64_t after(Clock::duration delay, Job job);  // once, after delay; returns a timer id
  // Repeatedly, every interval (the next run starts interval after the previous one ended, so
  // a slow run never overlaps itself). name appears in logs.
  std::uint64_t every(Clock::duration interval, std::string name, Job job);
  void cancel(std::uint64_t timer_id);

  // Stops accepting work, lets running jobs finish, drops queued and timed ones; idempotent.
  void stop();

 private:
  struct Timed {
    std::uint64_t id;
    Clock::duration interval;  // zero = once
    std::string name;
    Job job;
  };
  void worker_loop();
  void run_job(const std::string& name, const Job& job);

  std::mutex mutex_;
  std::condition_variable cv_;
  std::multimap<Clock::time_point, Timed> timers_;
  std::deque<std::pair<std::string, Job>> ready_;
  std::set<std::uint64_t> cancelled_;  // periodic timers cancelled while running
  std::uint64_t next_id_ = 1;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace qt::jobs
