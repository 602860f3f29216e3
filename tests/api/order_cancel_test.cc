// Cancelling orders (customer and admin routes), what it does to dispatches and to firing, the
// race with expiry, and the order detail of GET /api/order/{id}.
#include "api/order_cancel.h"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "api_fixture.h"

namespace onair::api {
namespace {

using onair::testing::Answer;
using onair::testing::ApiFixture;
using onair::testing::kStart;
using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kPage = "https://facebook.com/username";
constexpr const char* kOneService = R"([{"service_id": 1, "quantity": 100}])";

TEST_CASE("a cancelled order answers its detail with status cancelled") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  const std::string order = f.PlaceOrder(acme, kPage, kOneService);

  Answer answer = f.Customer(acme, "POST", "/api/order/" + order + "/cancel");

  CHECK(200 == answer.status);
  CHECK("MP-000001" == answer.Text("/data/order_id"));
  CHECK("cancelled" == answer.Text("/data/status"));
  CHECK("0" == answer.At("/data/detections_total"));
  CHECK("[]" == answer.At("/data/dispatches"));
  CHECK(OrderStatus::kCancelled == f.orders().Get(1)->status);
}

TEST_CASE("cancelling cancels the order's pending dispatches and leaves the others") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  const std::string order = f.PlaceOrder(
      acme, kPage, R"([{"service_id": 1, "quantity": 100}, {"service_id": 3, "quantity": 200}])");
  f.Report(kPage, true, 10, "a");
  REQUIRE(200 == f.Customer(acme, "POST", "/api/dispatches/D-000001/ack").status);

  Answer answer = f.Customer(acme, "POST", "/api/order/" + order + "/cancel");

  CHECK(R"("acked")" == answer.At("/data/dispatches/0/state"));
  CHECK(R"("cancelled")" == answer.At("/data/dispatches/1/state"));
  CHECK(DispatchState::kCancelled == f.dispatches().Get(2)->state);
}

TEST_CASE("a cancelled order no longer fires") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  const std::string order = f.PlaceOrder(acme, kPage, kOneService);
  REQUIRE(200 == f.Customer(acme, "POST", "/api/order/" + order + "/cancel").status);

  f.Report(kPage, true, 500, "a");

  CHECK("[]" == f.Customer(acme, "GET", "/api/dispatches").At("/data"));
  CHECK("[]" == f.Admin("GET", "/admin/pages").At("/data"));
}

TEST_CASE("an order that is not active cannot be cancelled") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  const std::string first = f.PlaceOrder(acme, kPage, kOneService, R"("days": 1,)");
  const std::string second = f.PlaceOrder(acme, kPage, kOneService, R"("days": 2,)");
  REQUIRE(200 == f.Customer(acme, "POST", "/api/order/" + second + "/cancel").status);

  SUBCASE("cancelled before") {
    Answer answer = f.Customer(acme, "POST", "/api/order/" + second + "/cancel");
    CHECK(409 == answer.status);
    CHECK("Order MP-000002 is not active (cancelled)" == answer.Text("/error"));
  }
  SUBCASE("expired, whether the scheduler stored it yet or not") {
    f.clock().Set(kStart + hours(24));
    Answer before_expiry_stored = f.Customer(acme, "POST", "/api/order/" + first + "/cancel");
    f.RunScheduler();
    Answer after = f.Admin("POST", "/admin/orders/" + first + "/cancel");

    CHECK(409 == before_expiry_stored.status);
    CHECK("Order MP-000001 is not active (expired)" == before_expiry_stored.Text("/error"));
    CHECK(409 == after.status);
    CHECK("Order MP-000001 is not active (expired)" == after.Text("/error"));
    CHECK(OrderStatus::kExpired == f.orders().Get(1)->status);
  }
}

TEST_CASE("a cancel stored before the scheduler heard of it survives the expiry") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  f.PlaceOrder(acme, kPage, kOneService, R"("days": 1,)");
  f.Report(kPage, true, 10, "a");
  // The cancel's first step, stored while the scheduler still holds the order as active.
  REQUIRE(f.orders()
              .Update(1,
                      [](Order& o) {
                        o.status = OrderStatus::kCancelled;
                        return Status::Ok();
                      })
              .ok());

  f.clock().Set(kStart + hours(24));
  f.RunScheduler();

  CHECK(OrderStatus::kCancelled == f.orders().Get(1)->status);
  CHECK(DispatchState::kCancelled == f.dispatches().Get(1)->state);
}

TEST_CASE("another customer's or an unknown order cannot be cancelled by a customer") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  const std::string beta = f.AddCustomer("beta");
  const std::string order = f.PlaceOrder(acme, kPage, kOneService);

  Answer theirs = f.Customer(beta, "POST", "/api/order/" + order + "/cancel");
  Answer unknown = f.Customer(beta, "POST", "/api/order/MP-000077/cancel");

  CHECK(404 == theirs.status);
  CHECK("Order MP-000001 not found" == theirs.Text("/error"));
  CHECK("Order MP-000077 not found" == unknown.Text("/error"));
  CHECK(OrderStatus::kActive == f.orders().Get(1)->status);
}

TEST_CASE("the admin cancel answers the admin detail, with the customer and admin dispatches") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  const std::string order = f.PlaceOrder(acme, kPage, kOneService);
  f.Report(kPage, true, 10, "a");

  Answer answer = f.Admin("POST", "/admin/orders/" + order + "/cancel");

  CHECK(200 == answer.status);
  CHECK("acme" == answer.Text("/data/customer"));
  CHECK("cancelled" == answer.Text("/data/status"));
  CHECK(R"("cancelled")" == answer.At("/data/dispatches/0/state"));
  CHECK("1" == answer.At("/data/dispatches/0/customer_id"));
  CHECK("null" == answer.At("/data/dispatches/0/next_attempt_at"));
}

TEST_CASE("the order detail counts detections and tells when the page was last seen live") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  const std::string order = f.PlaceOrder(acme, kPage, kOneService, R"("daily_limit": 2,)");

  Answer before = f.Customer(acme, "GET", "/api/order/" + order);
  f.Report(kPage, true, 10, "a");
  f.clock().Advance(minutes(30));
  f.Report(kPage, false);
  f.clock().Advance(hours(3));
  f.Report(kPage, true, 50, "b");
  Answer after = f.Customer(acme, "GET", "/api/order/" + order);
  f.clock().Advance(hours(24));
  Answer next_day = f.Customer(acme, "GET", "/api/order/" + order);

  CHECK("0" == before.At("/data/detections_today"));
  CHECK("0" == before.At("/data/detections_total"));
  CHECK("null" == before.At("/data/last_live_at"));
  CHECK("[]" == before.At("/data/dispatches"));
  CHECK("2" == after.At("/data/detections_today"));
  CHECK("2" == after.At("/data/detections_total"));
  CHECK("2025-12-01T12:30:00+08:00" == after.Text("/data/last_live_at"));
  CHECK(2 == after.Count("/data/dispatches"));
  CHECK("b" == after.Text("/data/dispatches/1/stream_id"));
  CHECK("0" == next_day.At("/data/detections_today"));
  CHECK("2" == next_day.At("/data/detections_total"));
}

TEST_CASE("the order detail keeps the order's fields first, then the detail's") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  const std::string order = f.PlaceOrder(acme, kPage, kOneService);

  Answer answer = f.Customer(acme, "GET", "/api/order/" + order);

  CHECK(R"({"success":true,"data":{"order_id":"MP-000001","url":"https://facebook.com/username",)"
        R"("page":"https://www.facebook.com/username","status":"active",)"
        R"("created_at":"2025-12-01T09:00:00+08:00","expires_at":"2025-12-31T09:00:00+08:00",)"
        R"("daily_limit":10,"days":30,"services":[{"service_id":1,"name":"60 Minutes Live )"
        R"(Viewers","quantity":100,"min_viewers":null}],"detections_today":0,)"
        R"("detections_total":0,"last_live_at":null,"dispatches":[]}})" == answer.body);
}

TEST_CASE("concurrent read-modify-writes of one order never lose a change") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  f.PlaceOrder(acme, kPage, kOneService, R"("daily_limit": 1,)");
  constexpr int kThreads = 8;
  constexpr int kEach = 25;

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        Result<Order> updated = f.orders().Update(1, [](Order& o) {
          ++o.daily_limit;
          return Status::Ok();
        });
        CHECK(updated.ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  CHECK(1 + kThreads * kEach == f.orders().Get(1)->daily_limit);
}

TEST_CASE("an order update that fails or moves the order's keys writes nothing") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  f.PlaceOrder(acme, kPage, kOneService);

  Result<Order> refused = f.orders().Update(1, [](Order& o) {
    o.daily_limit = 99;
    return Status::FailedPrecondition("no");
  });
  Result<Order> moved = f.orders().Update(1, [](Order& o) {
    o.customer_id = 7;
    return Status::Ok();
  });
  Result<Order> missing = f.orders().Update(9, [](Order&) { return Status::Ok(); });

  CHECK("failed_precondition: no" == refused.status().ToString());
  CHECK("failed_precondition: Order 1: customer and customer order id cannot change" ==
        moved.status().ToString());
  CHECK("not_found: Order 9 not found" == missing.status().ToString());
  CHECK(10 == f.orders().Get(1)->daily_limit);
  CHECK(1 == f.orders().Get(1)->customer_id);
}

}  // namespace
}  // namespace onair::api
