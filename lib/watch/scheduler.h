// Scheduler: owns the timing of live detection. One thread keeps the active orders grouped by
// page, expires orders at expires_at, polls each watched page through the configured detector
// when due, takes pushed reports, and turns live states into dispatches with the firing rules.
// It never waits on the network: probes run in the detector's own pool and come back through a
// queue; its only I/O is the store's synced batches.
// Public methods are thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
  double poll_jitter = 0.1;                       // ± fraction of the interval
  std::chrono::seconds failure_backoff_max{900};  // for pages whose probe keeps failing
  // A probe the detector has not answered by then counts as failed (its late answer is dropped),
  // so a detector that hangs cannot stop a page from being polled.
  std::chrono::seconds probe_timeout{60};
  // Without a new report (an order placed, the day changing) a page counts as live only when a
  // report saw it live this recently: a watcher that died without reporting the end must not
  // make pages fire every midnight.
  std::chrono::seconds live_state_max_age{1800};
};

struct SchedulerDeps {
  const Clock* clock = nullptr;
  const TimeZone* zone = nullptr;
  store::OrderStore* orders = nullptr;
  store::WatchStore* watch = nullptr;
  store::DispatchStore* dispatches = nullptr;
  // nullptr: push reports only. Shut it down before destroying the scheduler or not; its late
  // answers only reach a queue they share ownership of.
  Detector* detector = nullptr;
  std::function<void()> on_dispatches;  // called after new dispatches were written; may be empty
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

  // Loads active orders and saved page and session states, marks stored orders that expired
  // while onaird was down as expired, and forgets pages nobody watches any more. Call once,
  // before Start or RunDue, and before the API accepts orders.
  [[nodiscard]] Status Load();
  // Starts the scheduler thread; Stop joins it.
  void Start();
  void Stop();

  // A new order (already stored); it fires at once if its page is live.
  void AddOrder(const Order& order);
  // An order that was cancelled (already stored as cancelled); it no longer fires. Pending
  // dispatches of it that the scheduler wrote before it saw the cancel are cancelled too.
  void RemoveOrder(uint64_t order_seq);
  // A report pushed by an operator's watcher; queued and applied on the scheduler thread. An
  // unset `at` is read as the time it is applied.
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
