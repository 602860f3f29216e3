// RetryPolicy: when a failed delivery attempt is tried again, and when onair gives up
// (docs/webhooks.md). The n-th retry waits min(initial * 2^(n-1), max), scaled by a factor drawn
// uniformly from [1 - jitter, 1 + jitter]; after max_attempts attempts the dispatch is
// undeliverable. Immutable after construction; thread-safe.
#pragma once

#include <chrono>

namespace onair::deliver {

struct RetryOptions {
  std::chrono::milliseconds initial{30'000};
  std::chrono::milliseconds max{7'200'000};
  double jitter = 0.2;  // REQUIRES: 0 <= jitter < 1
  int max_attempts = 18;
};

class RetryPolicy {
 public:
  explicit RetryPolicy(RetryOptions options) : options_(options) {}

  // How long the `retry`-th retry (1 after the first failed attempt) waits. `unit` is a draw from
  // [0, 1): 0 gives the shortest wait, 0.5 the unjittered one. REQUIRES: retry >= 1.
  std::chrono::milliseconds Delay(int retry, double unit) const;

  // True when a dispatch that has had `attempts` failed attempts is not tried again.
  bool GivesUp(int attempts) const { return attempts >= options_.max_attempts; }

  const RetryOptions& options() const { return options_; }

 private:
  RetryOptions options_;
};

}  // namespace onair::deliver
