#include "core/rate_limiter.h"

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace onair {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const TimePoint kStart = TimePoint(seconds(1760000000));

// A decision, printable: "allowed remaining=2 reset=3600" or "refused remaining=0 reset=1".
std::string Show(const RateDecision& d) {
  return std::string(d.allowed ? "allowed" : "refused") + " limit=" + std::to_string(d.limit) +
         " remaining=" + std::to_string(d.remaining) + " reset=" + std::to_string(d.reset_seconds);
}

TEST_CASE("the first event is allowed and counted for a whole hour") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  CHECK("allowed limit=3 remaining=2 reset=3600" == Show(limiter.Acquire(7, 3)));
}

TEST_CASE("remaining counts down and reset follows the oldest counted event") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);

  CHECK("allowed limit=3 remaining=2 reset=3600" == Show(limiter.Acquire(7, 3)));
  clock.Advance(seconds(10));
  CHECK("allowed limit=3 remaining=1 reset=3590" == Show(limiter.Acquire(7, 3)));
  clock.Advance(seconds(10));
  CHECK("allowed limit=3 remaining=0 reset=3580" == Show(limiter.Acquire(7, 3)));
}

TEST_CASE("an event past the limit is refused with the time until a slot frees") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  for (int i = 0; i < 3; ++i) (void)limiter.Acquire(7, 3);

  clock.Advance(seconds(30));
  CHECK("refused limit=3 remaining=0 reset=3570" == Show(limiter.Acquire(7, 3)));
}

TEST_CASE("the window slides: an event leaves it exactly an hour later") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  (void)limiter.Acquire(7, 2);
  clock.Advance(seconds(600));
  (void)limiter.Acquire(7, 2);

  clock.Set(kStart + seconds(3599));
  CHECK("refused limit=2 remaining=0 reset=1" == Show(limiter.Acquire(7, 2)));
  clock.Set(kStart + seconds(3600));
  CHECK("allowed limit=2 remaining=0 reset=600" == Show(limiter.Acquire(7, 2)));
}

TEST_CASE("a reset of a fraction of a second rounds up to one") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  (void)limiter.Acquire(7, 1);

  clock.Advance(seconds(3599) + milliseconds(999));
  CHECK("refused limit=1 remaining=0 reset=1" == Show(limiter.Acquire(7, 1)));
}

TEST_CASE("refused events are not counted") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  (void)limiter.Acquire(7, 1);
  for (int i = 0; i < 5; ++i) {
    clock.Advance(seconds(60));
    CHECK_FALSE(limiter.Acquire(7, 1).allowed);
  }

  // Only the first event was counted, so the budget is back an hour after it.
  clock.Set(kStart + seconds(3600));
  CHECK("allowed limit=1 remaining=0 reset=3600" == Show(limiter.Acquire(7, 1)));
}

TEST_CASE("customers have independent budgets") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  (void)limiter.Acquire(7, 1);

  CHECK_FALSE(limiter.Acquire(7, 1).allowed);
  CHECK("allowed limit=1 remaining=0 reset=3600" == Show(limiter.Acquire(8, 1)));
}

TEST_CASE("a lowered limit refuses until the count falls below it") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  for (int i = 0; i < 5; ++i) (void)limiter.Acquire(7, 10);

  CHECK("refused limit=3 remaining=0 reset=3600" == Show(limiter.Acquire(7, 3)));
}

TEST_CASE("a limit of zero refuses everything and asks to wait a whole window") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  CHECK("refused limit=0 remaining=0 reset=3600" == Show(limiter.Acquire(7, 0)));
}

TEST_CASE("a customer idle for longer than the window starts with a full budget") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  for (int i = 0; i < 3; ++i) (void)limiter.Acquire(7, 3);

  // Another customer's call after the window sweeps customer 7's events away.
  clock.Advance(std::chrono::hours(5));
  (void)limiter.Acquire(8, 3);
  CHECK("allowed limit=3 remaining=2 reset=3600" == Show(limiter.Acquire(7, 3)));
}

TEST_CASE("the window is configurable") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock, seconds(60));
  (void)limiter.Acquire(7, 1);

  clock.Advance(seconds(59));
  CHECK("refused limit=1 remaining=0 reset=1" == Show(limiter.Acquire(7, 1)));
  clock.Advance(seconds(1));
  CHECK("allowed limit=1 remaining=0 reset=60" == Show(limiter.Acquire(7, 1)));
}

TEST_CASE("concurrent callers never get more than the limit") {
  FakeClock clock(kStart);
  RateLimiter limiter(&clock);
  std::atomic<int> allowed{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 250; ++i) {
        if (limiter.Acquire(7, 600).allowed) ++allowed;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  CHECK(600 == allowed.load());
}

}  // namespace
}  // namespace onair
