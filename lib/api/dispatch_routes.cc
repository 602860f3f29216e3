#include "api/dispatch_routes.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "api/customer_auth.h"
#include "api/dispatch_listing.h"
#include "api/dispatch_views.h"
#include "api/envelope.h"
#include "api/error_reply.h"
#include "api/json_body.h"
#include "wire/json_in.h"

namespace onair::api {
namespace {

constexpr size_t kMaxReasonChars = 500;

Status DispatchNotFound(std::string_view id) {
  return Status::NotFound(fmt::format("Dispatch {} not found", id));
}

// The seq of the caller's own dispatch named by the path. Unknown, malformed and other
// customers' ids are alike not found, so ids reveal nothing.
Result<uint64_t> OwnDispatch(const ApiContext& ctx, const Customer& customer,
                             const std::string& id) {
  std::optional<uint64_t> seq = ParseDispatchId(id);
  if (!seq) return DispatchNotFound(id);
  Result<Dispatch> dispatch = ctx.dispatches.Get(*seq);
  if (!dispatch.ok() && dispatch.status().code() == Code::kNotFound) return DispatchNotFound(id);
  if (!dispatch.ok()) return dispatch.status();
  if (dispatch->customer_id != customer.id) return DispatchNotFound(id);
  return *seq;
}

// 200 with `dispatch` in the customer's view.
HttpReply DispatchReply(const ApiContext& ctx, const Dispatch& dispatch,
                        const HttpRequest& request) {
  Result<std::map<uint64_t, Order>> orders = OrdersOf(ctx.orders, {dispatch});
  if (!orders.ok()) return StatusReply(orders.status(), request.request_id);
  const wire::RenderContext rendering = RenderingAt(ctx, ctx.clock.Now());
  return DataReply([&](wire::JsonWriter& w) {
    wire::WriteDispatchView(w, dispatch, orders->at(dispatch.order_seq), rendering,
                            wire::DispatchAudience::kCustomer);
  });
}

// Result bodies may be empty; no bytes at all read as {}.
Result<wire::JsonBody> ParseResultBody(const HttpRequest& request) {
  return wire::JsonBody::Parse(request.body().empty() ? std::string_view("{}") : request.body());
}

// Applies a customer's result report to the dispatch of the path under its lock: `set` checks
// the report against the dispatch and writes the result's fields (`what`, for the log).
HttpReply ReportResult(const ApiContext& ctx, const Customer& customer, HttpRequest& request,
                       const std::function<Status(Dispatch&)>& set, std::string_view what) {
  const std::string& id = request.captures.at(0);
  Result<uint64_t> seq = OwnDispatch(ctx, customer, id);
  if (!seq.ok()) return StatusReply(seq.status(), request.request_id);

  const TimePoint now = ctx.clock.Now();
  Result<Dispatch> updated = ctx.dispatches.Update(*seq, [&](Dispatch& d) {
    ONAIR_RETURN_IF_ERROR(set(d));
    if (d.state == DispatchState::kCancelled) {
      return Status::FailedPrecondition(fmt::format("Dispatch {} was cancelled", id));
    }
    d.result_at = now;
    return Status::Ok();
  });
  if (!updated.ok()) return StatusReply(updated.status(), request.request_id);
  spdlog::info("api: dispatch_result id={} customer={} result={}", id, customer.name, what);
  return DispatchReply(ctx, *updated, request);
}

}  // namespace

HttpReply GetDispatches(const ApiContext& ctx, const Customer& customer, HttpRequest& request) {
  Result<store::DispatchQuery> query = ParseDispatchListing(request, ctx.config.order_id_prefix);
  if (!query.ok()) return StatusReply(query.status(), request.request_id);
  if (query->order_seq) {
    Result<Order> order = ctx.orders.Get(*query->order_seq);
    if (!order.ok() && order.status().code() != Code::kNotFound) {
      return StatusReply(order.status(), request.request_id);
    }
    if (!order.ok() || order->customer_id != customer.id) {
      return StatusReply(
          Status::NotFound(fmt::format("Order {} not found", *request.Query("order"))),
          request.request_id);
    }
  }
  query->customer_id = customer.id;

  Result<DispatchPage> page = ListDispatchPage(ctx.dispatches, *query);
  if (!page.ok()) return StatusReply(page.status(), request.request_id);
  Result<std::map<uint64_t, Order>> orders = OrdersOf(ctx.orders, page->dispatches);
  if (!orders.ok()) return StatusReply(orders.status(), request.request_id);

  const wire::RenderContext rendering = RenderingAt(ctx, ctx.clock.Now());
  return PageReply(
      [&](wire::JsonWriter& w) {
        WriteDispatchArray(w, page->dispatches, *orders, rendering,
                           wire::DispatchAudience::kCustomer);
      },
      page->next_cursor);
}

HttpReply PostDispatchAck(const ApiContext& ctx, const Customer& customer, HttpRequest& request) {
  const std::string& id = request.captures.at(0);
  Result<uint64_t> seq = OwnDispatch(ctx, customer, id);
  if (!seq.ok()) return StatusReply(seq.status(), request.request_id);

  bool acked_now = false;
  Result<Dispatch> updated = ctx.dispatches.Update(*seq, [&](Dispatch& d) {
    if (d.state == DispatchState::kAcked) return Status::Ok();  // acking twice is fine
    if (d.state != DispatchState::kPending) {
      return Status::FailedPrecondition(
          fmt::format("Dispatch {} is not pending ({})", id, DispatchStateName(d.state)));
    }
    d.state = DispatchState::kAcked;
    acked_now = true;
    return Status::Ok();
  });
  if (!updated.ok()) return StatusReply(updated.status(), request.request_id);
  if (acked_now) spdlog::info("api: dispatch_acked id={} customer={}", id, customer.name);
  return DispatchReply(ctx, *updated, request);
}

HttpReply PostDispatchDelivered(const ApiContext& ctx, const Customer& customer,
                                HttpRequest& request) {
  Result<wire::JsonBody> json = ParseResultBody(request);
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  Field<int64_t> quantity = json->Integer("delivered_quantity");
  if (quantity.invalid()) {
    return StatusReply(Status::InvalidArgument(quantity.error), request.request_id);
  }

  return ReportResult(
      ctx, customer, request,
      [&](Dispatch& d) {
        if (quantity.has_value() && (quantity.value < 0 || quantity.value > d.quantity)) {
          return Status::InvalidArgument(
              fmt::format("delivered_quantity must be between 0 and {}", d.quantity));
        }
        d.result = DispatchResult::kDelivered;
        d.delivered_quantity =
            quantity.has_value() ? std::optional<int64_t>(quantity.value) : std::nullopt;
        d.failure_reason.clear();
        return Status::Ok();
      },
      "delivered");
}

HttpReply PostDispatchFailed(const ApiContext& ctx, const Customer& customer,
                             HttpRequest& request) {
  Result<wire::JsonBody> json = ParseResultBody(request);
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  Field<std::string> reason = json->String("reason");
  if (reason.invalid())
    return StatusReply(Status::InvalidArgument(reason.error), request.request_id);
  if (reason.absent()) {
    return StatusReply(Status::InvalidArgument("reason is required"), request.request_id);
  }
  // Characters of valid UTF-8 (the parser checked it): the bytes that are not continuation bytes.
  const size_t chars =
      static_cast<size_t>(std::count_if(reason.value.begin(), reason.value.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      }));
  if (chars < 1 || chars > kMaxReasonChars) {
    return StatusReply(Status::InvalidArgument("reason must be 1 to 500 characters"),
                       request.request_id);
  }

  return ReportResult(
      ctx, customer, request,
      [&](Dispatch& d) {
        d.result = DispatchResult::kFailed;
        d.failure_reason = reason.value;
        d.delivered_quantity.reset();
        return Status::Ok();
      },
      "failed");
}

void AddCustomerDispatchRoutes(const ApiContext& ctx, Router& router) {
  auto with_context = [&ctx](auto handler) -> CustomerHandler {
    return [&ctx, handler](const Customer& customer, HttpRequest& request) {
      return handler(ctx, customer, request);
    };
  };
  // The ack takes no body: whatever comes is read and dropped.
  auto body_ignored = [&ctx](auto handler) -> CustomerHandler {
    return [&ctx, handler](const Customer& customer, HttpRequest& request) {
      return WithBodyIgnored([&](HttpRequest& r) { return handler(ctx, customer, r); })(request);
    };
  };
  auto json_body = [&ctx](auto handler) -> CustomerHandler {
    return [&ctx, handler](const Customer& customer, HttpRequest& request) {
      return WithJsonBody([&](HttpRequest& r) { return handler(ctx, customer, r); })(request);
    };
  };

  router.Add("GET", "/api/dispatches",
             WithCustomer(ctx, Budget::kReads, with_context(GetDispatches)));
  router.Add("POST", "/api/dispatches/([^/]+)/ack",
             WithCustomer(ctx, Budget::kReads, body_ignored(PostDispatchAck)));
  router.Add("POST", "/api/dispatches/([^/]+)/delivered",
             WithCustomer(ctx, Budget::kReads, json_body(PostDispatchDelivered)));
  router.Add("POST", "/api/dispatches/([^/]+)/failed",
             WithCustomer(ctx, Budget::kReads, json_body(PostDispatchFailed)));
}

}  // namespace onair::api
