#include "api/admin_orders.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "api/admin_auth.h"
#include "api/admin_views.h"
#include "api/envelope.h"
#include "api/error_reply.h"
#include "api/json_body.h"
#include "api/order_cancel.h"
#include "api/order_detail.h"
#include "api/order_listing.h"
#include "core/order_id.h"

namespace onair::api {
namespace {

// Orders by effective status at `now`, counted by paging through every order.
// TODO: this reads every order; the store keeps no counts yet. Fine for a status command an
// operator runs by hand, not for monitoring at scale.
Result<std::array<uint64_t, 3>> CountOrders(const ApiContext& ctx, TimePoint now) {
  std::array<uint64_t, 3> counts{};
  store::OrderQuery query;
  query.limit = 1000;
  query.now = now;
  while (true) {
    Result<store::OrderPage> page = ctx.orders.List(query);
    if (!page.ok()) return page.status().WithContext("count orders");
    for (const Order& order : page->orders) {
      ++counts[static_cast<size_t>(EffectiveStatus(order, now))];
    }
    if (!page->next_before) return counts;
    query.before_seq = page->next_before;
  }
}

// The order named by the path; kNotFound "Order MP-000009 not found" for unknown and malformed
// ids alike.
Result<Order> PathOrder(const ApiContext& ctx, const std::string& id) {
  const Status not_found = Status::NotFound(fmt::format("Order {} not found", id));
  std::optional<uint64_t> seq = ParseOrderId(ctx.config.order_id_prefix, id);
  if (!seq) return not_found;
  Result<Order> order = ctx.orders.Get(*seq);
  if (!order.ok() && order.status().code() == Code::kNotFound) return not_found;
  return order;
}

// 200 with the order detail of `order` at `now`, in the admin view.
HttpReply AdminOrderDetailReply(const ApiContext& ctx, Order order, TimePoint now,
                                const HttpRequest& request) {
  Result<Customer> customer = ctx.customers.Get(order.customer_id);
  if (!customer.ok()) return StatusReply(customer.status(), request.request_id);
  Result<OrderDetail> detail = ReadOrderDetail(ctx, std::move(order), now);
  if (!detail.ok()) return StatusReply(detail.status(), request.request_id);
  const wire::RenderContext rendering = RenderingAt(ctx, now);
  return DataReply([&](wire::JsonWriter& w) {
    WriteOrderDetail(w, *detail, rendering, customer->name, wire::DispatchAudience::kAdmin);
  });
}

}  // namespace

HttpReply GetAdminOrders(const ApiContext& ctx, HttpRequest& request) {
  Result<store::OrderQuery> query =
      ParseOrderListing(request, ctx.config.order_id_prefix, /*with_customer_order_id=*/false);
  if (!query.ok()) return StatusReply(query.status(), request.request_id);
  if (std::optional<std::string> name = request.Query("customer")) {
    Result<Customer> customer = ctx.customers.FindByName(*name);
    if (!customer.ok()) return StatusReply(customer.status(), request.request_id);
    query->customer_id = customer->id;
  }
  query->now = ctx.clock.Now();

  Result<store::OrderPage> page = ctx.orders.List(*query);
  if (!page.ok()) return StatusReply(page.status(), request.request_id);
  Result<std::map<uint64_t, std::string>> names = CustomerNames(ctx.customers);
  if (!names.ok()) return StatusReply(names.status(), request.request_id);

  const wire::RenderContext rendering = RenderingAt(ctx, query->now);
  return PageReply(
      [&](wire::JsonWriter& w) {
        w.BeginArray();
        for (const Order& order : page->orders) {
          WriteOrderForAdmin(w, order, (*names)[order.customer_id], rendering);
        }
        w.EndArray();
      },
      NextCursor(*page, ctx.config.order_id_prefix));
}

HttpReply GetAdminOrder(const ApiContext& ctx, HttpRequest& request) {
  Result<Order> order = PathOrder(ctx, request.captures.at(0));
  if (!order.ok()) return StatusReply(order.status(), request.request_id);
  return AdminOrderDetailReply(ctx, std::move(order).value(), ctx.clock.Now(), request);
}

HttpReply PostAdminOrderCancel(const ApiContext& ctx, HttpRequest& request) {
  Result<Order> order = PathOrder(ctx, request.captures.at(0));
  if (!order.ok()) return StatusReply(order.status(), request.request_id);
  const TimePoint now = ctx.clock.Now();
  Result<Order> cancelled = CancelOrder(ctx, order->seq, now);
  if (!cancelled.ok()) return StatusReply(cancelled.status(), request.request_id);
  return AdminOrderDetailReply(ctx, std::move(cancelled).value(), now, request);
}

HttpReply GetStatus(const ApiContext& ctx, HttpRequest& request) {
  const TimePoint now = ctx.clock.Now();
  Result<std::array<uint64_t, 3>> orders = CountOrders(ctx, now);
  if (!orders.ok()) return StatusReply(orders.status(), request.request_id);
  Result<std::vector<Customer>> customers = ctx.customers.List();
  if (!customers.ok()) return StatusReply(customers.status(), request.request_id);
  Result<std::vector<Service>> services = ctx.services.List();
  if (!services.ok()) return StatusReply(services.status(), request.request_id);
  const uint64_t last_seq = ctx.orders.last_seq();

  return DataReply([&](wire::JsonWriter& w) {
    w.BeginObject();
    w.Key("version").String(ctx.version);
    w.Key("started_at").String(ctx.zone.Format(ctx.started_at));
    w.Key("time_zone").String(ctx.zone.name());
    w.Key("listen").String(ctx.listen_address);
    w.Key("admin_listen").String(ctx.admin_listen_address);
    w.Key("orders").BeginObject();
    for (OrderStatus status :
         {OrderStatus::kActive, OrderStatus::kExpired, OrderStatus::kCancelled}) {
      w.Key(OrderStatusName(status)).Uint((*orders)[static_cast<size_t>(status)]);
    }
    w.EndObject();
    w.Key("customers").Uint(customers->size());
    w.Key("services").Uint(services->size());
    w.Key("last_order_id");
    if (last_seq == 0) {
      w.Null();
    } else {
      w.String(FormatOrderId(ctx.config.order_id_prefix, last_seq));
    }
    w.EndObject();
  });
}

void AddAdminOrderRoutes(const ApiContext& ctx, Router& router) {
  router.Add("GET", "/admin/orders", AdminRoute(ctx, GetAdminOrders));
  router.Add("GET", "/admin/orders/([^/]+)", AdminRoute(ctx, GetAdminOrder));
  // The cancel takes no body; one sent anyway is read and dropped.
  router.Add("POST", "/admin/orders/([^/]+)/cancel",
             WithAdmin(ctx, WithBodyIgnored([&ctx](HttpRequest& request) {
                         return PostAdminOrderCancel(ctx, request);
                       })));
  router.Add("GET", "/admin/status", AdminRoute(ctx, GetStatus));
}

}  // namespace onair::api
