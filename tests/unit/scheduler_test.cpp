#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "platform/jobs/scheduler.hpp"

using namespace std::chrono_literals;

TEST_CASE("scheduler runs posted jobs, timers and repeating jobs", "[jobs]") {
  qt::jobs::Scheduler s(2);
  std::promise<void> posted;
  s.post([&] { posted.set_value(); });
  CHECK(posted.get_future().wait_for(5s) == std::future_status::ready);

  std::promise<void> later;
  s.after(20ms, [&] { later.set_value(); });
  CHECK(later.get_future().wait_for(5s) == std::future_status::ready);

  std::atomic<int> n{0};
  std::promise<void> thrice;
  const auto id = s.every(5ms, "count", [&] {
    if (++n == 3) thrice.set_value();
  });
  CHECK(thrice.get_future().wait_for(5s) == std::future_status::ready);
  s.cancel(id);
  std::this_thread::sleep_for(50ms);
  const int after_cancel = n.load();
  std::this_thread::sleep_for(50ms);
  CHECK(n.load() == after_cancel);  // a run under way at cancel() is not scheduled again
}

TEST_CASE("a failing job is logged and the scheduler keeps going", "[jobs]") {
  qt::jobs::Scheduler s(1);
  s.post([] { throw std::runtime_error("boom"); });
  std::promise<void> next;
  s.post([&] { next.set_value(); });
  CHECK(next.get_future().wait_for(5s) == std::future_status::ready);
  s.stop();
  s.post([] { FAIL("no work after stop"); });
}
