#include "api/order_cancel.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/order_id.h"
#include "watch/scheduler.h"

namespace onair::api {
namespace {

// Cancels every pending dispatch of order `seq`; returns how many it cancelled.
size_t CancelPendingDispatches(const ApiContext& ctx, uint64_t seq) {
  size_t cancelled = 0;
  store::DispatchQuery query;
  query.order_seq = seq;
  query.state = DispatchState::kPending;
  while (true) {
    Result<std::vector<Dispatch>> pending = ctx.dispatches.List(query);
    if (!pending.ok()) {
      spdlog::error("api: cancel_dispatches_failed order_seq={} error=\"{}\"", seq,
                    pending.status().ToString());
      return cancelled;
    }
    for (const Dispatch& dispatch : *pending) {
      bool changed = false;
      Result<Dispatch> updated = ctx.dispatches.Update(dispatch.seq, [&](Dispatch& d) {
        changed = d.state == DispatchState::kPending;
        if (changed) d.state = DispatchState::kCancelled;
        return Status::Ok();
      });
      if (!updated.ok()) {
        spdlog::error("api: cancel_dispatch_failed id={} error=\"{}\"",
                      FormatDispatchId(dispatch.seq), updated.status().ToString());
      } else if (changed) {
        ++cancelled;
      }
    }
    if (pending->size() < query.limit) return cancelled;
    query.after_seq = pending->back().seq;
  }
}

}  // namespace

Result<Order> CancelOrder(const ApiContext& ctx, uint64_t seq, TimePoint now) {
  const std::string id = FormatOrderId(ctx.config.order_id_prefix, seq);
  Result<Order> cancelled = ctx.orders.Update(seq, [&](Order& order) {
    const OrderStatus status = EffectiveStatus(order, now);
    if (status != OrderStatus::kActive) {
      return Status::FailedPrecondition(
          fmt::format("Order {} is not active ({})", id, OrderStatusName(status)));
    }
    order.status = OrderStatus::kCancelled;
    return Status::Ok();
  });
  if (!cancelled.ok()) return cancelled.status();

  ctx.scheduler.RemoveOrder(seq);
  const size_t dispatches = CancelPendingDispatches(ctx, seq);
  spdlog::info("api: order_cancelled order={} customer_id={} dispatches_cancelled={}", id,
               cancelled->customer_id, dispatches);
  return cancelled;
}

}  // namespace onair::api
