#include "core/rate_limiter.h"

#include <algorithm>

namespace onair {

namespace {

// Removes the events that left the window ending at `now`: an event at t counts while
// t + window > now.
void DropExpired(std::deque<TimePoint>& events, TimePoint now, std::chrono::seconds window) {
  while (!events.empty() && events.front() + window <= now) events.pop_front();
}

}  // namespace

RateLimiter::RateLimiter(const Clock* clock, std::chrono::seconds window)
    : clock_(clock), window_(window), next_sweep_(clock->Now() + window) {}

RateDecision RateLimiter::Acquire(uint64_t customer_id, int64_t limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  const TimePoint now = clock_->Now();
  if (now >= next_sweep_) SweepLocked(now);

  std::deque<TimePoint>& events = events_[customer_id];
  DropExpired(events, now, window_);

  RateDecision decision;
  decision.limit = limit;
  decision.allowed = static_cast<int64_t>(events.size()) < limit;
  if (decision.allowed) events.push_back(now);
  decision.remaining = std::max<int64_t>(0, limit - static_cast<int64_t>(events.size()));

  if (events.empty()) {
    // Only a limit of zero (or less) gets here: nothing will ever be counted, so the caller
    // learns to wait a whole window rather than retry at once.
    decision.reset_seconds = decision.allowed ? 0 : window_.count();
    events_.erase(customer_id);
  } else {
    auto until_oldest_leaves =
        std::chrono::ceil<std::chrono::seconds>(events.front() + window_ - now).count();
    decision.reset_seconds = std::max<int64_t>(until_oldest_leaves, decision.allowed ? 0 : 1);
  }
  return decision;
}

void RateLimiter::SweepLocked(TimePoint now) {
  for (auto it = events_.begin(); it != events_.end();) {
    DropExpired(it->second, now, window_);
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
  next_sweep_ = now + window_;
}

}  // namespace onair
