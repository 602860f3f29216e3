// A fake-clock firing scenario for one page: feeds detector reports through ApplyReport,
// PlanFiring and ApplyPlan the way the scheduler does, keeping each order's session state and
// its detections per day, and renders what fired as text ("09:00 MP1 s1"). Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/firing.h"
#include "core/live.h"
#include "core/order.h"
#include "core/zoned_time.h"

namespace onair::testing {

// One order line: service `service_id` ("s<id>" in the rendering), optionally with a threshold.
OrderLine Service(uint64_t service_id, std::optional<int64_t> min_viewers = std::nullopt);

// An active order "MP<seq>" on the scenario page, created long before and expiring long after
// any time the scenarios use; tests move created_at, expires_at and status as they need.
Order MakeOrder(uint64_t seq, int64_t daily_limit, std::vector<OrderLine> services);

class Scenario {
 public:
  // REQUIRES: `zone` is a known IANA zone name.
  explicit Scenario(std::string_view zone);

  // The instant of local time `local` in the zone: "2025-12-01 09:00" or "2025-12-01 09:59:59".
  TimePoint At(std::string_view local) const;

  // Adds an order to the page; it is considered from the next step on.
  void Place(Order order);
  // REQUIRES: an order with `seq` was placed.
  Order& order(uint64_t seq);

  // One step each: a live report (viewers unknown when nullopt), a not-live report, or the
  // scheduler looking again at the page without a new report (as when an order is placed).
  // Each returns what fired at that step, "" for nothing, else "HH:MM[:SS] MP<seq> s<service>"
  // per dispatch, in order and service order, joined by ", ".
  std::string Live(std::string_view local, std::optional<int64_t> viewers,
                   std::optional<std::string> stream_id = std::nullopt);
  std::string End(std::string_view local);
  std::string Tick(std::string_view local);

  // The order's detections on each local date ("2025-12-01"), joined by " / ": "2 / 1".
  std::string Detections(uint64_t seq, const std::vector<std::string_view>& local_dates) const;

  // Everything that fired so far, rendered as the steps render it.
  const std::string& log() const { return log_; }
  const PageState& page() const { return page_; }

 private:
  std::string Step(TimePoint now);
  std::string Render(TimePoint now, const Order& order, const FiringPlan& plan) const;

  TimeZone zone_;
  PageState page_;
  std::vector<Order> orders_;
  std::map<uint64_t, OrderSessionState> sessions_;              // by order seq
  std::map<std::pair<uint64_t, int64_t>, int64_t> detections_;  // by (order seq, local day)
  std::string log_;
};

}  // namespace onair::testing
