// The renderings of a dispatch (docs/webhooks.md): the webhook body, byte for byte what is
// signed and sent, and the views of the API that add where onair is with it. Pure functions;
// thread-safe as long as each call has its own writer.
#pragma once

#include <string>

#include "core/dispatch.h"
#include "core/order.h"
#include "wire/json_out.h"

namespace onair::wire {

// The dispatch object of docs/webhooks.md, in its field order: id, type, order_id,
// customer_order_id, url, page, stream_id, service_id, service_name, quantity, min_viewers,
// viewers, detected_at. `order` is the dispatch's order (REQUIRES: order.seq ==
// dispatch.order_seq); ctx.now is not used.
void WriteWebhookDispatch(JsonWriter& w, const Dispatch& dispatch, const Order& order,
                          const RenderContext& ctx);
std::string WebhookBody(const Dispatch& dispatch, const Order& order, const RenderContext& ctx);

// Which fields the API view adds to the webhook fields.
enum class DispatchAudience {
  kCustomer,  // state, attempts, result, delivered_quantity, failure_reason, sent_at
  kAdmin,     // the customer's fields, then customer_id, last_error, next_attempt_at
};

// The dispatch as the API shows it (docs/webhooks.md, "States and results").
void WriteDispatchView(JsonWriter& w, const Dispatch& dispatch, const Order& order,
                       const RenderContext& ctx, DispatchAudience audience);

}  // namespace onair::wire
