#include "api/admin_dispatches.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/admin_auth.h"
#include "api/dispatch_listing.h"
#include "api/dispatch_views.h"
#include "api/envelope.h"
#include "api/error_reply.h"
#include "api/json_body.h"
#include "deliver/delivery_service.h"

namespace onair::api {

HttpReply GetAdminDispatches(const ApiContext& ctx, HttpRequest& request) {
  Result<store::DispatchQuery> query = ParseDispatchListing(request, ctx.config.order_id_prefix);
  if (!query.ok()) return StatusReply(query.status(), request.request_id);
  if (std::optional<std::string> name = request.Query("customer")) {
    Result<Customer> customer = ctx.customers.FindByName(*name);
    if (!customer.ok()) return StatusReply(customer.status(), request.request_id);
    query->customer_id = customer->id;
  }
  if (query->order_seq) {
    Result<Order> order = ctx.orders.Get(*query->order_seq);
    if (!order.ok() && order.status().code() == Code::kNotFound) {
      return StatusReply(
          Status::NotFound(fmt::format("Order {} not found", *request.Query("order"))),
          request.request_id);
    }
    if (!order.ok()) return StatusReply(order.status(), request.request_id);
  }

  Result<DispatchPage> page = ListDispatchPage(ctx.dispatches, *query);
  if (!page.ok()) return StatusReply(page.status(), request.request_id);
  Result<std::map<uint64_t, Order>> orders = OrdersOf(ctx.orders, page->dispatches);
  if (!orders.ok()) return StatusReply(orders.status(), request.request_id);

  const wire::RenderContext rendering = RenderingAt(ctx, ctx.clock.Now());
  return PageReply(
      [&](wire::JsonWriter& w) {
        WriteDispatchArray(w, page->dispatches, *orders, rendering, wire::DispatchAudience::kAdmin);
      },
      page->next_cursor);
}

HttpReply PostDispatchRetry(const ApiContext& ctx, HttpRequest& request) {
  const std::string& id = request.captures.at(0);
  const Status not_found = Status::NotFound(fmt::format("Dispatch {} not found", id));
  std::optional<uint64_t> seq = ParseDispatchId(id);
  if (!seq) return StatusReply(not_found, request.request_id);

  const TimePoint now = ctx.clock.Now();
  Result<Dispatch> updated = ctx.dispatches.Update(*seq, [&](Dispatch& d) {
    if (d.state == DispatchState::kCancelled) {
      return Status::FailedPrecondition(fmt::format("Dispatch {} was cancelled", id));
    }
    // A fresh start: the customer's result stays, it is the customer's word.
    d.state = DispatchState::kPending;
    d.attempts = 0;
    d.next_attempt_at = now;
    d.last_error.clear();
    d.sent_at.reset();
    return Status::Ok();
  });
  if (!updated.ok() && updated.status().code() == Code::kNotFound) {
    return StatusReply(not_found, request.request_id);
  }
  if (!updated.ok()) return StatusReply(updated.status(), request.request_id);
  ctx.delivery.Notify();
  spdlog::info("admin: dispatch_retry id={} customer_id={}", id, updated->customer_id);

  Result<std::map<uint64_t, Order>> orders = OrdersOf(ctx.orders, {*updated});
  if (!orders.ok()) return StatusReply(orders.status(), request.request_id);
  const wire::RenderContext rendering = RenderingAt(ctx, now);
  return DataReply([&](wire::JsonWriter& w) {
    wire::WriteDispatchView(w, *updated, orders->at(updated->order_seq), rendering,
                            wire::DispatchAudience::kAdmin);
  });
}

void AddAdminDispatchRoutes(const ApiContext& ctx, Router& router) {
  router.Add("GET", "/admin/dispatches", AdminRoute(ctx, GetAdminDispatches));
  // The retry takes no body; one sent anyway is read and dropped.
  router.Add("POST", "/admin/dispatches/([^/]+)/retry",
             WithAdmin(ctx, WithBodyIgnored([&ctx](HttpRequest& request) {
                         return PostDispatchRetry(ctx, request);
                       })));
}

}  // namespace onair::api
