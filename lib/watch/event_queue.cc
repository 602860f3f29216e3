#include "watch/event_queue.h"

#include <utility>

namespace onair::watch {

void EventQueue::Push(SchedulerEvent event) {
  {
    std::lock_guard lock(mu_);
    events_.push_back(std::move(event));
  }
  cv_.notify_one();
}

std::deque<SchedulerEvent> EventQueue::TakeAll() {
  std::lock_guard lock(mu_);
  return std::exchange(events_, {});
}

bool EventQueue::HasEvents() const {
  std::lock_guard lock(mu_);
  return !events_.empty();
}

void EventQueue::WaitFor(std::chrono::nanoseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [this] { return stopped_ || !events_.empty(); });
}

void EventQueue::Stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
}

bool EventQueue::stopped() const {
  std::lock_guard lock(mu_);
  return stopped_;
}

void EventQueue::Restart() {
  std::lock_guard lock(mu_);
  stopped_ = false;
}

}  // namespace onair::watch
