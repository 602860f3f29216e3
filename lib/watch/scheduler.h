// Scheduler: owns the timing of live detection. One thread keeps the active orders grouped by
// page, expires orders at expires_at, polls each watched page through the configured detector
// when due, takes pushed reports, and turns live states into dispatches with the firing rules.
// It never blocks on I/O: probes run in the detector's own pool and come back through a queue.
// Public methods are thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "core/clock.h"
#include "core/live.h"
#include "core/order.h"
#include "core/result.h"
#include "core/zoned_time.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"
#include "store/watch_store.h"
#include "watch/detector.h"

namespace onair::watch {

struct SchedulerOptions {
  std::chrono::seconds poll_interval{60};
  double poll_jitter = 0.1;                  // ± fraction of the interval
  std::chrono::seconds failure_backoff_max{900};  // for pages whose probe keeps failing
};

struct SchedulerDeps {
  const Clock* clock = nullptr;
  const TimeZone* zone = nullptr;
  store::OrderStore* orders = nullptr;
  store::WatchStore* watch = nullptr;
  store::DispatchStore* dispatches = nullptr;
  Detector* detector = nullptr;           // nullptr: push reports only
  std::function<void()> on_dispatches;    // called after new dispatches were written
};

struct WatchedPageView {
  PageState state;
  std::vector<uint64_t> order_seqs;
  std::optional<TimePoint> next_poll;
};

class Scheduler {
 public:
  Scheduler(SchedulerDeps deps, SchedulerOptions options);
  ~Scheduler();  // stops the thread if running

  // Loads active orders and saved page and session states. Call once, before Start or RunDue.
  Status Load();
  // Starts the scheduler thread; Stop joins it.
  void Start();
  void Stop();

  // A new order (already stored); it fires at once if its page is live.
  void AddOrder(const Order& order);
  // An order that was cancelled (already stored as cancelled); it no longer fires.
  void RemoveOrder(uint64_t order_seq);
  // A report pushed by an operator's watcher; queued and applied on the scheduler thread.
  void Report(LiveReport report);

  // Applies everything queued and everything due at clock->Now() on the caller's thread, for
  // tests on a fake clock (REQUIRES: not started). Returns when it next needs to run.
  std::optional<TimePoint> RunDue();

  // A copy of the watched pages, for admin views and tests.
  std::vector<WatchedPageView> Pages() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onair::watch
