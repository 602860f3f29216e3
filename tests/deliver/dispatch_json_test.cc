#include "wire/dispatch_json.h"

#include <date/date.h>
#include <doctest/doctest.h>

#include <string>

namespace onair::wire {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const TimeZone& Manila() {
  static const TimeZone zone = TimeZone::Load("Asia/Manila").value();
  return zone;
}

// 2025-11-01 01:10 UTC, 09:10 in Manila.
const TimePoint kDetectedAt = date::sys_days{date::year{2025} / 11 / 1} + hours(1) + minutes(10);

Order ExampleOrder() {
  Order order;
  order.seq = 1;
  order.customer_id = 9;
  order.customer_order_id = "321421321";
  order.url = "https://facebook.com/username";
  order.page = "https://www.facebook.com/username";
  return order;
}

// The dispatch of docs/webhooks.md.
Dispatch ExampleDispatch() {
  Dispatch d;
  d.seq = 42;
  d.order_seq = 1;
  d.customer_id = 9;
  d.service_id = 3;
  d.service_name = "180 Minutes Live Viewers";
  d.quantity = 200;
  d.min_viewers = 100;
  d.page = "https://www.facebook.com/username";
  d.session = 5;
  d.stream_id = "1234567890";
  d.viewers = 153;
  d.detected_at = kDetectedAt;
  return d;
}

RenderContext Context() {
  return RenderContext{"MP-", &Manila(), kDetectedAt + hours(1)};
}

std::string View(const Dispatch& d, DispatchAudience audience) {
  JsonWriter w;
  WriteDispatchView(w, d, ExampleOrder(), Context(), audience);
  return w.Take();
}

TEST_CASE("the webhook body is the example of docs/webhooks.md, field for field") {
  CHECK(R"({"id":"D-000042","type":"order.live","order_id":"MP-000001",)"
        R"("customer_order_id":"321421321","url":"https://facebook.com/username",)"
        R"("page":"https://www.facebook.com/username","stream_id":"1234567890","service_id":3,)"
        R"("service_name":"180 Minutes Live Viewers","quantity":200,"min_viewers":100,)"
        R"("viewers":153,"detected_at":"2025-11-01T09:10:00+08:00"})" ==
        WebhookBody(ExampleDispatch(), ExampleOrder(), Context()));
}

TEST_CASE("absent customer order id, stream id and min_viewers are null in the body") {
  Dispatch d = ExampleDispatch();
  d.stream_id.reset();
  d.min_viewers.reset();
  Order order = ExampleOrder();
  order.customer_order_id.reset();

  CHECK(R"({"id":"D-000042","type":"order.live","order_id":"MP-000001",)"
        R"("customer_order_id":null,"url":"https://facebook.com/username",)"
        R"("page":"https://www.facebook.com/username","stream_id":null,"service_id":3,)"
        R"("service_name":"180 Minutes Live Viewers","quantity":200,"min_viewers":null,)"
        R"("viewers":153,"detected_at":"2025-11-01T09:10:00+08:00"})" ==
        WebhookBody(d, order, Context()));
}

TEST_CASE("ids follow the configured order prefix and grow past six digits") {
  Dispatch d = ExampleDispatch();
  d.seq = 1234567;
  d.order_seq = 7654321;
  Order order = ExampleOrder();
  order.seq = 7654321;
  RenderContext ctx = Context();
  ctx.order_id_prefix = "ORD";

  std::string body = WebhookBody(d, order, ctx);

  CHECK(body.starts_with(R"({"id":"D-1234567","type":"order.live","order_id":"ORD7654321",)"));
}

TEST_CASE("text in the body is escaped the JSON way") {
  Dispatch d = ExampleDispatch();
  d.service_name = "Live \"VIP\"\n";

  CHECK(WebhookBody(d, ExampleOrder(), Context()).find(R"("service_name":"Live \"VIP\"\n")") !=
        std::string::npos);
}

TEST_CASE("a pending dispatch shows its state with no result yet") {
  Dispatch d = ExampleDispatch();
  d.attempts = 2;

  std::string view = View(d, DispatchAudience::kCustomer);

  CHECK(view.ends_with(R"("detected_at":"2025-11-01T09:10:00+08:00","state":"pending",)"
                       R"("attempts":2,"result":null,"delivered_quantity":null,)"
                       R"("failure_reason":null,"sent_at":null})"));
}

TEST_CASE("a sent and delivered dispatch shows when it was sent and what was delivered") {
  Dispatch d = ExampleDispatch();
  d.state = DispatchState::kSent;
  d.attempts = 1;
  d.sent_at = kDetectedAt + minutes(1);
  d.result = DispatchResult::kDelivered;
  d.delivered_quantity = 180;

  CHECK(View(d, DispatchAudience::kCustomer)
            .ends_with(R"("state":"sent","attempts":1,"result":"delivered",)"
                       R"("delivered_quantity":180,"failure_reason":null,)"
                       R"("sent_at":"2025-11-01T09:11:00+08:00"})"));
}

TEST_CASE("a failed result carries the customer's reason") {
  Dispatch d = ExampleDispatch();
  d.state = DispatchState::kAcked;
  d.result = DispatchResult::kFailed;
  d.failure_reason = "page went offline";

  CHECK(View(d, DispatchAudience::kCustomer)
            .ends_with(R"("state":"acked","attempts":0,"result":"failed",)"
                       R"("delivered_quantity":null,"failure_reason":"page went offline",)"
                       R"("sent_at":null})"));
}

TEST_CASE("admins also see the customer, the last error and the next attempt") {
  Dispatch d = ExampleDispatch();
  d.attempts = 3;
  d.last_error = "HTTP 500";
  d.next_attempt_at = kDetectedAt + minutes(5);

  SUBCASE("while onair retries") {
    CHECK(View(d, DispatchAudience::kAdmin)
              .ends_with(R"("sent_at":null,"customer_id":9,"last_error":"HTTP 500",)"
                         R"("next_attempt_at":"2025-11-01T09:15:00+08:00"})"));
  }
  SUBCASE("no next attempt while it waits to be pulled") {
    d.next_attempt_at = kAwaitingPull;
    CHECK(View(d, DispatchAudience::kAdmin)
              .ends_with(R"("customer_id":9,"last_error":"HTTP 500","next_attempt_at":null})"));
  }
  SUBCASE("no next attempt once it is undeliverable") {
    d.state = DispatchState::kUndeliverable;
    CHECK(View(d, DispatchAudience::kAdmin)
              .ends_with(R"("customer_id":9,"last_error":"HTTP 500","next_attempt_at":null})"));
  }
}

TEST_CASE("customers never see the admin fields") {
  Dispatch d = ExampleDispatch();
  d.last_error = "HTTP 500";

  CHECK(View(d, DispatchAudience::kCustomer).find("last_error") == std::string::npos);
}

}  // namespace
}  // namespace onair::wire
