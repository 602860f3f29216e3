// RateLimiter: counts events per customer over a sliding hour. Thread-safe (one mutex; the
// critical section is a few deque operations, plus one sweep over all customers per window).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "core/clock.h"

namespace onair {

struct RateDecision {
  bool allowed = false;
  int64_t limit = 0;
  int64_t remaining = 0;      // after this event, when allowed
  int64_t reset_seconds = 0;  // until the oldest counted event leaves the window (>= 1 if full)
};

class RateLimiter {
 public:
  // `clock` must outlive the limiter.
  explicit RateLimiter(const Clock* clock, std::chrono::seconds window = std::chrono::hours(1));

  // Counts one event for `customer_id` if fewer than `limit` were counted in the window and
  // says so; a refused event is not counted.
  RateDecision Acquire(uint64_t customer_id, int64_t limit);

 private:
  const Clock* const clock_;
  const std::chrono::seconds window_;

  // Drops expired events of every customer, so customers that went quiet do not keep memory.
  // REQUIRES: mutex_ held.
  void SweepLocked(TimePoint now);

  std::mutex mutex_;
  // Guarded by mutex_: the counted events of each customer, oldest first (no empty deques after
  // a sweep), and when the next sweep is due.
  std::unordered_map<uint64_t, std::deque<TimePoint>> events_;
  TimePoint next_sweep_;
};

}  // namespace onair
