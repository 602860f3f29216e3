// Dispatches in API answers: each one rendered with its order (docs/webhooks.md, "The dispatch
// in API answers"), the orders read once per answer. Thread-safe as long as each answer has its
// own writer.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "core/dispatch.h"
#include "core/order.h"
#include "core/result.h"
#include "store/order_store.h"
#include "wire/dispatch_json.h"
#include "wire/json_out.h"

namespace onair::api {

// The orders of `dispatches`, by seq, each read once. kInternal when one is missing: a dispatch
// always belongs to a stored order.
Result<std::map<uint64_t, Order>> OrdersOf(const store::OrderStore& orders,
                                           const std::vector<Dispatch>& dispatches);

// REQUIRES: `orders` holds the order of every dispatch (OrdersOf). Writes one JSON array.
void WriteDispatchArray(wire::JsonWriter& w, const std::vector<Dispatch>& dispatches,
                        const std::map<uint64_t, Order>& orders, const wire::RenderContext& ctx,
                        wire::DispatchAudience audience);

}  // namespace onair::api
