#include "deliver/retry_policy.h"

#include <doctest/doctest.h>

namespace onair::deliver {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

RetryPolicy Defaults() {
  return RetryPolicy(RetryOptions{});
}

TEST_CASE("without jitter the n-th retry waits 30 s times 2^(n-1), at most 2 hours") {
  RetryPolicy policy = Defaults();
  constexpr double kMiddle = 0.5;  // the draw that scales by exactly 1

  CHECK(milliseconds(seconds(30)) == policy.Delay(1, kMiddle));
  CHECK(milliseconds(seconds(60)) == policy.Delay(2, kMiddle));
  CHECK(milliseconds(seconds(120)) == policy.Delay(3, kMiddle));
  CHECK(milliseconds(seconds(3840)) == policy.Delay(8, kMiddle));
  CHECK(milliseconds(seconds(7200)) == policy.Delay(9, kMiddle));
  CHECK(milliseconds(seconds(7200)) == policy.Delay(17, kMiddle));
  CHECK(milliseconds(seconds(7200)) == policy.Delay(1000, kMiddle));
}

TEST_CASE("jitter scales the wait by a factor from 0.8 to 1.2") {
  RetryPolicy policy = Defaults();

  CHECK(milliseconds(24'000) == policy.Delay(1, 0.0));
  CHECK(milliseconds(27'000) == policy.Delay(1, 0.25));
  CHECK(milliseconds(35'999) == policy.Delay(1, 0.99995));
  CHECK(milliseconds(seconds(8640)) == policy.Delay(20, 1.0));
  CHECK(milliseconds(seconds(5760)) == policy.Delay(20, 0.0));
}

TEST_CASE("the default schedule gives up after 18 attempts, about a day after the first") {
  RetryPolicy policy = Defaults();
  milliseconds total{0};
  for (int retry = 1; retry <= 17; ++retry) total += policy.Delay(retry, 0.5);

  CHECK(milliseconds(seconds(72'450)) == total);  // 20 h 7 min 30 s, ±20 %
  CHECK_FALSE(policy.GivesUp(17));
  CHECK(policy.GivesUp(18));
}

TEST_CASE("a shortened schedule follows its own options") {
  RetryPolicy policy(RetryOptions{milliseconds(10), milliseconds(35), 0.0, 3});

  CHECK(milliseconds(10) == policy.Delay(1, 0.0));
  CHECK(milliseconds(20) == policy.Delay(2, 0.9));
  CHECK(milliseconds(35) == policy.Delay(3, 0.5));
  CHECK_FALSE(policy.GivesUp(2));
  CHECK(policy.GivesUp(3));
}

}  // namespace
}  // namespace onair::deliver
