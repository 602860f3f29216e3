// The order detail of GET /api/order/{order_id} and of the cancel routes (docs/api.md): the order
// object followed by detections_today, detections_total, last_live_at and the order's
// dispatches. Reads only; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "api/api_context.h"
#include "core/dispatch.h"
#include "core/order.h"
#include "core/result.h"
#include "store/watch_store.h"
#include "wire/dispatch_json.h"
#include "wire/json_out.h"

namespace onair::api {

// The detail lists at most this many dispatches, oldest first; the listings page through more.
inline constexpr size_t kMaxDetailDispatches = 1000;

struct OrderDetail {
  Order order;
  store::DetectionCounts detections;  // on the zone day of `now`, and in all
  std::optional<TimePoint> last_live_at;
  std::vector<Dispatch> dispatches;
  std::map<uint64_t, Order> orders;  // of the dispatches: just `order`, for rendering
};

// Reads what became of `order` at `now`: its detections, when its page was last seen live in
// [created_at, expires_at) (from the page's saved state, which exists while some active order
// watches the page), and its first kMaxDetailDispatches dispatches.
Result<OrderDetail> ReadOrderDetail(const ApiContext& ctx, Order order, TimePoint now);

// One JSON object: the order's members (with "customer" after order_id when `customer_name` is
// given), then the detail's.
void WriteOrderDetail(wire::JsonWriter& w, const OrderDetail& detail,
                      const wire::RenderContext& ctx, std::optional<std::string_view> customer_name,
                      wire::DispatchAudience audience);

}  // namespace onair::api
