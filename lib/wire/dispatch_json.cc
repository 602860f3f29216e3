#include "wire/dispatch_json.h"

#include "core/order_id.h"

namespace onair::wire {

namespace {

void OptionalString(JsonWriter& w, const std::optional<std::string>& value) {
  if (value) {
    w.String(*value);
  } else {
    w.Null();
  }
}

void NullIfEmpty(JsonWriter& w, const std::string& value) {
  if (value.empty()) {
    w.Null();
  } else {
    w.String(value);
  }
}

void OptionalTime(JsonWriter& w, const std::optional<TimePoint>& t, const RenderContext& ctx) {
  if (t) {
    w.String(ctx.zone->Format(*t));
  } else {
    w.Null();
  }
}

// The webhook fields, without the braces around them.
void WriteWebhookFields(JsonWriter& w, const Dispatch& d, const Order& order,
                        const RenderContext& ctx) {
  w.Key("id").String(FormatDispatchId(d.seq));
  w.Key("type").String("order.live");
  w.Key("order_id").String(FormatOrderId(ctx.order_id_prefix, d.order_seq));
  w.Key("customer_order_id");
  OptionalString(w, order.customer_order_id);
  w.Key("url").String(order.url);
  w.Key("page").String(d.page);
  w.Key("stream_id");
  OptionalString(w, d.stream_id);
  w.Key("service_id").Uint(d.service_id);
  w.Key("service_name").String(d.service_name);
  w.Key("quantity").Int(d.quantity);
  w.Key("min_viewers").OptionalInt(d.min_viewers);
  w.Key("viewers").Int(d.viewers);
  w.Key("detected_at").String(ctx.zone->Format(d.detected_at));
}

}  // namespace

void WriteWebhookDispatch(JsonWriter& w, const Dispatch& dispatch, const Order& order,
                          const RenderContext& ctx) {
  w.BeginObject();
  WriteWebhookFields(w, dispatch, order, ctx);
  w.EndObject();
}

std::string WebhookBody(const Dispatch& dispatch, const Order& order, const RenderContext& ctx) {
  JsonWriter w;
  WriteWebhookDispatch(w, dispatch, order, ctx);
  return w.Take();
}

void WriteDispatchView(JsonWriter& w, const Dispatch& d, const Order& order,
                       const RenderContext& ctx, DispatchAudience audience) {
  w.BeginObject();
  WriteWebhookFields(w, d, order, ctx);
  w.Key("state").String(DispatchStateName(d.state));
  w.Key("attempts").Int(d.attempts);
  w.Key("result");
  if (d.result == DispatchResult::kNone) {
    w.Null();
  } else {
    w.String(DispatchResultName(d.result));
  }
  w.Key("delivered_quantity").OptionalInt(d.delivered_quantity);
  w.Key("failure_reason");
  NullIfEmpty(w, d.failure_reason);
  w.Key("sent_at");
  OptionalTime(w, d.sent_at, ctx);

  if (audience == DispatchAudience::kAdmin) {
    w.Key("customer_id").Uint(d.customer_id);
    w.Key("last_error");
    NullIfEmpty(w, d.last_error);
    // Only a dispatch that onair is still trying to send has a next attempt.
    bool scheduled = d.state == DispatchState::kPending && d.next_attempt_at != kAwaitingPull;
    w.Key("next_attempt_at");
    OptionalTime(w, scheduled ? std::optional(d.next_attempt_at) : std::nullopt, ctx);
  }
  w.EndObject();
}

}  // namespace onair::wire
