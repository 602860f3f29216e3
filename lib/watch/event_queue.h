// EventQueue: what other threads hand to the scheduler thread (new and cancelled orders, pushed
// reports, probe results), and the wait of that thread until an event arrives or work is due.
// Thread-safe. Shared by pointer with detector callbacks, so a late probe result never touches
// a scheduler that is gone.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <variant>

#include "core/live.h"
#include "core/order.h"
#include "core/result.h"

namespace onair::watch {

struct OrderAdded {
  Order order;
};

struct OrderRemoved {
  uint64_t order_seq = 0;
};

struct ReportPushed {
  LiveReport report;
};

struct ProbeFinished {
  std::string page;
  uint64_t probe_id = 0;
  Result<LiveReport> report;
};

using SchedulerEvent = std::variant<OrderAdded, OrderRemoved, ReportPushed, ProbeFinished>;

class EventQueue {
 public:
  void Push(SchedulerEvent event);

  // Everything queued so far, oldest first; the queue is empty afterwards.
  std::deque<SchedulerEvent> TakeAll();

  bool HasEvents() const;

  // Blocks until an event is queued, Stop is called, or `timeout` passes (measured on the steady
  // clock). Returns at once when events are already waiting.
  void WaitFor(std::chrono::nanoseconds timeout);

  // Makes every WaitFor return at once, now and later.
  void Stop();
  bool stopped() const;

  // Undoes Stop, for a scheduler started again.
  void Restart();

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_.
  std::deque<SchedulerEvent> events_;
  bool stopped_ = false;
};

}  // namespace onair::watch
