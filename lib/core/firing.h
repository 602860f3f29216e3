// The firing rules of docs/firing-rules.md as a pure function of (order, its state in the
// page's current session, page state, detections so far today, now). No I/O, no threads: the
// scheduler calls it and persists what it returns; the fake-clock scenarios test it directly.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/live.h"
#include "core/order.h"
#include "core/zoned_time.h"

namespace onair {

// What one order has done in one live session of its page.
struct OrderSessionState {
  uint64_t session = 0;
  std::vector<uint64_t> dispatched_service_ids;
  std::optional<int64_t> counted_day;  // set once the session counts as a detection
};

struct FiringPlan {
  std::vector<size_t> lines;                 // indexes into order.services to dispatch now
  std::optional<int64_t> new_detection_day;  // set when this plan makes the session a detection
};

// The order's services to dispatch at `now`: those not yet dispatched in the session whose
// min_viewers is unset or reached, when the order is active (status active and created_at <=
// now < expires_at), the page is live, and the session already counts or detections_today <
// order.daily_limit. An empty plan dispatches nothing and changes nothing.
// REQUIRES: state.session == page.session (the caller starts a fresh state for a new session).
// `detections_today` is the order's detection count on zone.LocalDay(now).
FiringPlan PlanFiring(const Order& order, const OrderSessionState& state, const PageState& page,
                      int64_t detections_today, TimePoint now, const TimeZone& zone);

// `state` after the plan's dispatches were written.
OrderSessionState ApplyPlan(const Order& order, OrderSessionState state, const FiringPlan& plan);

}  // namespace onair
