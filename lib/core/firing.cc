#include "core/firing.h"

#include <algorithm>

namespace onair {

namespace {

bool IsActive(const Order& order, TimePoint now) {
  return EffectiveStatus(order, now) == OrderStatus::kActive && order.created_at <= now;
}

bool WasDispatched(const OrderSessionState& state, uint64_t service_id) {
  return std::find(state.dispatched_service_ids.begin(), state.dispatched_service_ids.end(),
                   service_id) != state.dispatched_service_ids.end();
}

}  // namespace

FiringPlan PlanFiring(const Order& order, const OrderSessionState& state, const PageState& page,
                      int64_t detections_today, TimePoint now, const TimeZone& zone) {
  FiringPlan plan;
  if (!page.live || !IsActive(order, now)) return plan;

  // A session that already counts may finish its services whatever the day's count is now;
  // only the first dispatch of a session has to fit under the daily limit.
  const bool counted = state.counted_day.has_value();
  if (!counted && detections_today >= order.daily_limit) return plan;

  for (size_t i = 0; i < order.services.size(); ++i) {
    const OrderLine& line = order.services[i];
    if (WasDispatched(state, line.service_id)) continue;
    if (line.min_viewers && page.viewers < *line.min_viewers) continue;
    plan.lines.push_back(i);
  }
  if (!plan.lines.empty() && !counted) plan.new_detection_day = zone.LocalDay(now);
  return plan;
}

OrderSessionState ApplyPlan(const Order& order, OrderSessionState state, const FiringPlan& plan) {
  for (size_t i : plan.lines) {
    const uint64_t service_id = order.services.at(i).service_id;
    if (!WasDispatched(state, service_id)) state.dispatched_service_ids.push_back(service_id);
  }
  if (plan.new_detection_day && !state.counted_day) state.counted_day = plan.new_detection_day;
  return state;
}

}  // namespace onair
