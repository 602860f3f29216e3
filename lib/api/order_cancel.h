// Cancelling an order (docs/api.md, POST /api/order/{order_id}/cancel and the admin route): the
// status change, the scheduler told, the order's pending dispatches cancelled. Thread-safe.
#pragma once

#include <cstdint>

#include "api/api_context.h"
#include "core/order.h"
#include "core/result.h"

namespace onair::api {

// Stores order `seq` as cancelled if it is active at `now` (read, checked and written under the
// order's lock, so the scheduler's expiry cannot interleave), tells the scheduler, then cancels
// the order's dispatches still pending. Returns the order as stored. kNotFound as
// OrderStore::Get; kFailedPrecondition "Order MP-000001 is not active (expired)". A dispatch
// that cannot be cancelled is logged, not returned: the order is cancelled by then, and the
// scheduler cancels the order's pending dispatches once more when it takes the order off.
Result<Order> CancelOrder(const ApiContext& ctx, uint64_t seq, TimePoint now);

}  // namespace onair::api
