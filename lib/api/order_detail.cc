#include "api/order_detail.h"

#include "api/dispatch_views.h"

namespace onair::api {

Result<OrderDetail> ReadOrderDetail(const ApiContext& ctx, Order order, TimePoint now) {
  OrderDetail detail;
  Result<store::DetectionCounts> counts = ctx.watch.Detections(order.seq, ctx.zone.LocalDay(now));
  if (!counts.ok()) return counts.status().WithContext("read detections");
  detail.detections = *counts;

  Result<PageState> page = ctx.watch.GetPage(order.page);
  if (page.ok()) {
    // A page's state is shared by every order naming it: only what lies in this order's
    // window is this order's.
    if (page->session != 0 && page->last_live_at >= order.created_at &&
        page->last_live_at < order.expires_at) {
      detail.last_live_at = page->last_live_at;
    }
  } else if (page.status().code() != Code::kNotFound) {
    return page.status().WithContext("read page state");
  }

  store::DispatchQuery query;
  query.order_seq = order.seq;
  query.limit = kMaxDetailDispatches;
  Result<std::vector<Dispatch>> dispatches = ctx.dispatches.List(query);
  if (!dispatches.ok()) return dispatches.status().WithContext("list the order's dispatches");
  detail.dispatches = std::move(dispatches).value();

  detail.orders.emplace(order.seq, order);
  detail.order = std::move(order);
  return detail;
}

void WriteOrderDetail(wire::JsonWriter& w, const OrderDetail& detail,
                      const wire::RenderContext& ctx, std::optional<std::string_view> customer_name,
                      wire::DispatchAudience audience) {
  w.BeginObject();
  wire::WriteOrderMembers(w, detail.order, ctx, customer_name);
  w.Key("detections_today").Int(detail.detections.on_day);
  w.Key("detections_total").Int(detail.detections.total);
  w.Key("last_live_at");
  if (detail.last_live_at) {
    w.String(ctx.zone->Format(*detail.last_live_at));
  } else {
    w.Null();
  }
  w.Key("dispatches");
  WriteDispatchArray(w, detail.dispatches, detail.orders, ctx, audience);
  w.EndObject();
}

}  // namespace onair::api
