#include "api/customer_routes.h"

#include <fmt/format.h>

#include <chrono>

#include "api/customer_auth.h"
#include "api/envelope.h"
#include "api/error_reply.h"
#include "api/json_body.h"
#include "api/order_cancel.h"
#include "api/order_detail.h"
#include "api/order_listing.h"
#include "core/order_id.h"
#include "core/order_request.h"
#include "watch/scheduler.h"
#include "wire/json_in.h"
#include "wire/json_out.h"

namespace onair::api {
namespace {

// The new order's times: created now, to the second (times are shown to the second, and the
// active window [created_at, expires_at) should be exactly what the customer is shown).
Order NewOrder(const ApiContext& ctx, const Customer& customer, ValidOrder valid) {
  Order order;
  order.customer_id = customer.id;
  order.customer_order_id = std::move(valid.customer_order_id);
  order.url = std::move(valid.url);
  order.page = std::move(valid.page);
  order.status = OrderStatus::kActive;
  order.created_at = std::chrono::floor<std::chrono::seconds>(ctx.clock.Now());
  order.expires_at = ctx.zone.AddDays(order.created_at, valid.days);
  order.daily_limit = valid.daily_limit;
  order.days = valid.days;
  order.services = std::move(valid.services);
  return order;
}

std::string CreatedMessage(size_t services) {
  return fmt::format("Order created with {} service{}", services, services == 1 ? "" : "s");
}

// The caller's own order named by the path. Unknown, malformed and other customers' ids answer
// alike, so ids reveal nothing.
Result<Order> OwnOrder(const ApiContext& ctx, const Customer& customer, const std::string& id) {
  const Status not_found = Status::NotFound(fmt::format("Order {} not found", id));
  std::optional<uint64_t> seq = ParseOrderId(ctx.config.order_id_prefix, id);
  if (!seq) return not_found;
  Result<Order> order = ctx.orders.Get(*seq);
  if (!order.ok() && order.status().code() == Code::kNotFound) return not_found;
  if (!order.ok()) return order.status();
  if (order->customer_id != customer.id) return not_found;
  return order;
}

// 200 with the order detail of `order` at `now`, in the customer's view.
HttpReply OrderDetailReply(const ApiContext& ctx, Order order, TimePoint now,
                           const HttpRequest& request) {
  Result<OrderDetail> detail = ReadOrderDetail(ctx, std::move(order), now);
  if (!detail.ok()) return StatusReply(detail.status(), request.request_id);
  const wire::RenderContext rendering = RenderingAt(ctx, now);
  return DataReply([&](wire::JsonWriter& w) {
    WriteOrderDetail(w, *detail, rendering, std::nullopt, wire::DispatchAudience::kCustomer);
  });
}

}  // namespace

HttpReply PostOrder(const ApiContext& ctx, const Customer& customer, HttpRequest& request) {
  Result<OrderRequest> parsed = wire::ParseOrderRequest(request.body());
  if (!parsed.ok()) return StatusReply(parsed.status(), request.request_id);

  // A storage failure while looking services up must not read as "Service 3 not found".
  Status lookup_failure;
  ServiceLookup lookup = [&](uint64_t id) -> std::optional<Service> {
    Result<Service> service = ctx.services.Get(id);
    if (service.ok()) return *std::move(service);
    if (service.status().code() != Code::kNotFound && lookup_failure.ok()) {
      lookup_failure = service.status().WithContext("look up service");
    }
    return std::nullopt;
  };
  Result<ValidOrder> valid = ValidateOrderRequest(
      *parsed, lookup, OrderDefaults{ctx.config.default_daily_limit, ctx.config.default_days});
  if (!lookup_failure.ok()) return StatusReply(lookup_failure, request.request_id);
  if (!valid.ok()) return StatusReply(valid.status(), request.request_id);

  Result<store::CreateOrderOutcome> outcome =
      ctx.orders.Create(NewOrder(ctx, customer, *std::move(valid)));
  if (!outcome.ok()) return StatusReply(outcome.status(), request.request_id);
  const Order& order = outcome->order;
  if (!outcome->created) {
    // The guide answers a reused reference with 400, not 409.
    return StatusReply(
        Status::InvalidArgument(fmt::format("Customer order {} already exists as {}",
                                            order.customer_order_id.value_or(""),
                                            FormatOrderId(ctx.config.order_id_prefix, order.seq))),
        request.request_id);
  }

  // Stored first, watched second: the scheduler only ever sees orders that survive a crash.
  ctx.scheduler.AddOrder(order);

  const wire::RenderContext rendering = RenderingAt(ctx, ctx.clock.Now());
  return MessageDataReply(CreatedMessage(order.services.size()),
                          [&](wire::JsonWriter& w) { wire::WriteOrder(w, order, rendering); });
}

HttpReply GetOrder(const ApiContext& ctx, const Customer& customer, HttpRequest& request) {
  Result<Order> order = OwnOrder(ctx, customer, request.captures.at(0));
  if (!order.ok()) return StatusReply(order.status(), request.request_id);
  return OrderDetailReply(ctx, std::move(order).value(), ctx.clock.Now(), request);
}

HttpReply PostOrderCancel(const ApiContext& ctx, const Customer& customer, HttpRequest& request) {
  Result<Order> order = OwnOrder(ctx, customer, request.captures.at(0));
  if (!order.ok()) return StatusReply(order.status(), request.request_id);
  const TimePoint now = ctx.clock.Now();
  Result<Order> cancelled = CancelOrder(ctx, order->seq, now);
  if (!cancelled.ok()) return StatusReply(cancelled.status(), request.request_id);
  return OrderDetailReply(ctx, std::move(cancelled).value(), now, request);
}

HttpReply GetOrders(const ApiContext& ctx, const Customer& customer, HttpRequest& request) {
  Result<store::OrderQuery> query =
      ParseOrderListing(request, ctx.config.order_id_prefix, /*with_customer_order_id=*/true);
  if (!query.ok()) return StatusReply(query.status(), request.request_id);
  query->customer_id = customer.id;
  query->now = ctx.clock.Now();

  Result<store::OrderPage> page = ctx.orders.List(*query);
  if (!page.ok()) return StatusReply(page.status(), request.request_id);

  const wire::RenderContext rendering = RenderingAt(ctx, query->now);
  return PageReply(
      [&](wire::JsonWriter& w) {
        w.BeginArray();
        for (const Order& order : page->orders) wire::WriteOrder(w, order, rendering);
        w.EndArray();
      },
      NextCursor(*page, ctx.config.order_id_prefix));
}

HttpReply GetServices(const ApiContext& ctx, const Customer& /*customer*/, HttpRequest& request) {
  Result<std::vector<Service>> services = ctx.services.List();
  if (!services.ok()) return StatusReply(services.status(), request.request_id);

  return DataReply([&](wire::JsonWriter& w) {
    w.BeginArray();
    for (const Service& service : *services) {
      if (service.active) wire::WriteServiceForCustomer(w, service);
    }
    w.EndArray();
  });
}

void AddCustomerRoutes(const ApiContext& ctx, Router& router) {
  auto with_context = [&ctx](auto handler) -> CustomerHandler {
    return [&ctx, handler](const Customer& customer, HttpRequest& request) {
      return handler(ctx, customer, request);
    };
  };
  auto post_order = [](const ApiContext& c, const Customer& customer, HttpRequest& request) {
    if (std::optional<HttpReply> refusal = ReadJsonBody(request)) return *std::move(refusal);
    return PostOrder(c, customer, request);
  };

  router.Add("POST", "/api/order", WithCustomer(ctx, Budget::kOrders, with_context(post_order)));
  router.Add("GET", "/api/order/([^/]+)",
             WithCustomer(ctx, Budget::kReads, with_context(GetOrder)));
  // The cancel takes no body: whatever comes is read and dropped.
  router.Add(
      "POST", "/api/order/([^/]+)/cancel",
      WithCustomer(ctx, Budget::kReads, [&ctx](const Customer& customer, HttpRequest& request) {
        return WithBodyIgnored([&](HttpRequest& r) { return PostOrderCancel(ctx, customer, r); })(
            request);
      }));
  router.Add("GET", "/api/orders", WithCustomer(ctx, Budget::kReads, with_context(GetOrders)));
  router.Add("GET", "/api/services", WithCustomer(ctx, Budget::kReads, with_context(GetServices)));
}

}  // namespace onair::api
