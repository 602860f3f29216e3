// WatchFixture: a scheduler on a fake clock over real stores in a temp directory, driven step by
// step with RunDue as its thread would be, and helpers that render what it wrote as short
// strings ("09:00 MP1 s1": service 1 of order 1 dispatched at 09:00 local time).
// FakeDetector: a detector whose answers the test scripts or holds back. Not thread-safe except
// where noted.
#pragma once

#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../support/temp_dir.h"
#include "core/clock.h"
#include "core/order.h"
#include "core/zoned_time.h"
#include "store/database.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"
#include "store/watch_store.h"
#include "watch/detector.h"
#include "watch/scheduler.h"

namespace onair::testing {

inline constexpr std::string_view kPage = "https://www.facebook.com/onairpage";
inline constexpr std::string_view kOtherPage = "https://www.facebook.com/otherpage";

// One order line: service `service_id` ("s<id>" in renderings), optionally with a threshold.
OrderLine Service(uint64_t service_id, std::optional<int64_t> min_viewers = std::nullopt);

// An active order on kPage for customer 7, created long before and expiring long after the
// times the scenarios use; tests change what they need before placing it.
Order MakeOrder(int64_t daily_limit, std::vector<OrderLine> services);

// A detector that answers each probe with `answer` at once when it is set, and otherwise holds
// the probe until the test answers it. Thread-safe.
class FakeDetector final : public watch::Detector {
 public:
  void Probe(const std::string& page, Done done) override;
  void Shutdown() override {}
  std::string_view name() const override { return "fake"; }

  // Answers every probe from now on at once; unset: hold them.
  void AnswerWith(std::function<Result<LiveReport>(const std::string& page)> answer);
  // Answers the oldest held probe. REQUIRES: one is held.
  void AnswerHeld(Result<LiveReport> answer);

  size_t held() const;
  // Every page probed so far, in order, joined by ", ".
  std::string probes() const;

 private:
  struct Held {
    std::string page;
    Done done;
  };
  mutable std::mutex mu_;
  std::function<Result<LiveReport>(const std::string&)> answer_;
  std::deque<Held> held_;
  std::string probes_;
};

class WatchFixture {
 public:
  // REQUIRES: `zone` is a known IANA name.
  explicit WatchFixture(std::string_view zone, watch::SchedulerOptions options = DefaultOptions(),
                        watch::Detector* detector = nullptr);
  ~WatchFixture();

  // No jitter, so poll times are exact.
  static watch::SchedulerOptions DefaultOptions();

  // The instant of local time `local` in the zone: "2025-12-01 09:00" or "2025-12-01 09:00:30".
  TimePoint At(std::string_view local) const;

  // Stores `order` (created_at moved to now when it lies ahead) and hands it to the scheduler,
  // as the API does, then runs what is due. Returns the order's seq.
  uint64_t Place(Order order);
  // Stores order `seq` as cancelled and tells the scheduler, as the API does; runs what is due.
  void Cancel(uint64_t seq);

  // Runs the scheduler at every time it asks for up to local time `local`, then at `local`.
  // Returns what was dispatched meanwhile, rendered as NewDispatches does.
  std::string RunUntil(std::string_view local);
  // At local time `local` (after RunUntil there): a pushed report that the page is live, with
  // `viewers` when set. Returns what it dispatched.
  std::string Live(std::string_view local, std::optional<int64_t> viewers,
                   std::optional<std::string> stream_id = std::nullopt,
                   std::string_view page = kPage);
  std::string End(std::string_view local, std::string_view page = kPage);

  // The dispatches written since the last call: "HH:MM[:SS] MP<order> s<service>" each, by
  // seq, joined by ", "; "" for none.
  std::string NewDispatches();
  // Every dispatch of order `seq` as "s<service>:<state>", by seq, joined by ", ".
  std::string DispatchStates(uint64_t seq);

  // The order's detections on each local date ("2025-12-01"), joined by " / ": "2 / 1".
  std::string Detections(uint64_t seq, const std::vector<std::string_view>& local_dates);
  // The stored status of order `seq`: "active", "expired", "cancelled".
  std::string StoredStatus(uint64_t seq);
  // The watched pages: "<page path> [1 2] live session 3" each, joined by "; ".
  std::string Watched() const;
  // When the scheduler next polls `page`, as local time "HH:MM:SS"; "probing" while a probe is
  // under way; "unwatched".
  std::string NextPoll(std::string_view page = kPage) const;
  // The saved state of `page`: "live session 2 stream a viewers 40", or "none".
  std::string SavedPage(std::string_view page = kPage);

  // Drops the scheduler and the stores, opens the same database again and loads a new
  // scheduler, as a restart of onaird does.
  void Restart();

  FakeClock& clock() { return clock_; }
  watch::Scheduler& scheduler() { return *scheduler_; }
  store::DispatchStore& dispatches() { return *dispatches_; }
  store::OrderStore& orders() { return *orders_; }
  const TimeZone& zone() const { return zone_; }
  // How often the scheduler called on_dispatches (from any thread).
  int notified() const { return notified_->load(); }
  // The time the last RunDue asked to run again.
  std::optional<TimePoint> next_run() const { return next_run_; }

 private:
  void Open();
  void Close();
  std::string Render(const Dispatch& dispatch) const;

  TimeZone zone_;
  FakeClock clock_;
  watch::SchedulerOptions options_;
  watch::Detector* detector_;
  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::OrderStore> orders_;
  std::unique_ptr<store::DispatchStore> dispatches_;
  std::unique_ptr<store::WatchStore> watch_;
  std::unique_ptr<watch::Scheduler> scheduler_;
  std::shared_ptr<std::atomic<int>> notified_ = std::make_shared<std::atomic<int>>(0);
  std::optional<TimePoint> next_run_;
  uint64_t last_seen_dispatch_ = 0;
};

}  // namespace onair::testing
