#include "api/dispatch_views.h"

#include <fmt/format.h>

namespace onair::api {

Result<std::map<uint64_t, Order>> OrdersOf(const store::OrderStore& orders,
                                           const std::vector<Dispatch>& dispatches) {
  std::map<uint64_t, Order> by_seq;
  for (const Dispatch& dispatch : dispatches) {
    if (by_seq.count(dispatch.order_seq) != 0) continue;
    Result<Order> order = orders.Get(dispatch.order_seq);
    if (!order.ok()) {
      // NotFound included: an order is never deleted, so its absence is a broken store.
      return Status::Internal(fmt::format("read order {} of dispatch {}: {}", dispatch.order_seq,
                                          FormatDispatchId(dispatch.seq),
                                          order.status().ToString()));
    }
    by_seq.emplace(dispatch.order_seq, std::move(order).value());
  }
  return by_seq;
}

void WriteDispatchArray(wire::JsonWriter& w, const std::vector<Dispatch>& dispatches,
                        const std::map<uint64_t, Order>& orders, const wire::RenderContext& ctx,
                        wire::DispatchAudience audience) {
  w.BeginArray();
  for (const Dispatch& dispatch : dispatches) {
    wire::WriteDispatchView(w, dispatch, orders.at(dispatch.order_seq), ctx, audience);
  }
  w.EndArray();
}

}  // namespace onair::api
