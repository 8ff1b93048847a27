// Rate limits with Retry-After and growing delays.
#include <catch2/catch.hpp>

#include "platform/ratelimit/rate_limiter.hpp"

using namespace qt::accounts;
using namespace std::chrono_literals;

TEST_CASE("a sliding window admits max attempts and then says how long to wait", "[accounts][ratelimit]") {
  RateLimiter rl;
  const auto t0 = RateLimiter::Clock::time_point{} + 1000h;
  const Limit l{3, 60s};
  CHECK_FALSE(rl.hit("k", l, t0));
  CHECK_FALSE(rl.hit("k", l, t0 + 10s));
  CHECK_FALSE(rl.check("k", l, t0 + 10s));
  CHECK_FALSE(rl.hit("k", l, t0 + 20s));
  CHECK(rl.check("k", l, t0 + 20s) == 40);
  auto wait = rl.hit("k", l, t0 + 30s);
  REQUIRE(wait);
  CHECK(*wait == 30);  // until the first attempt leaves the window
  CHECK_FALSE(rl.hit("other", l, t0 + 30s));  // keys are independent
  CHECK_FALSE(rl.hit("k", l, t0 + 61s));      // the first one left the window
  CHECK(rl.hit("k", l, t0 + 62s));
}

TEST_CASE("refused attempts are not counted", "[accounts][ratelimit]") {
  RateLimiter rl;
  const auto t0 = RateLimiter::Clock::time_point{} + 1000h;
  const Limit l{1, 10s};
  CHECK_FALSE(rl.hit("k", l, t0));
  for (int i = 1; i < 9; ++i) CHECK(rl.hit("k", l, t0 + std::chrono::seconds(i)));
  CHECK_FALSE(rl.hit("k", l, t0 + 10s));
}

TEST_CASE("a zero limit disables limiting", "[accounts][ratelimit]") {
  RateLimiter rl;
  for (int i = 0; i < 100; ++i) CHECK_FALSE(rl.hit("k", Limit{0, 60s}));
}

TEST_CASE("repeated failures bring growing delays up to a cap, success clears them", "[accounts][ratelimit]") {
  RateLimiter rl;
  const auto t0 = RateLimiter::Clock::time_point{} + 1000h;
  const Backoff b{3, 1s, 8s};
  CHECK(rl.fail("k", b, t0) == 0);
  CHECK(rl.fail("k", b, t0) == 0);
  CHECK(rl.fail("k", b, t0) == 0);
  CHECK_FALSE(rl.delay("k", t0));
  CHECK(rl.fail("k", b, t0) == 1);
  CHECK(rl.delay("k", t0) == 1);
  CHECK(rl.fail("k", b, t0) == 2);
  CHECK(rl.fail("k", b, t0) == 4);
  CHECK(rl.fail("k", b, t0) == 8);
  CHECK(rl.fail("k", b, t0) == 8);  // capped
  CHECK(rl.delay("k", t0 + 3s) == 5);
  CHECK_FALSE(rl.delay("k", t0 + 8s));
  rl.succeed("k");
  CHECK(rl.fail("k", b, t0 + 9s) == 0);
}
