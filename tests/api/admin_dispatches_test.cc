// GET /admin/dispatches and POST /admin/dispatches/{id}/retry.
#include "api/admin_dispatches.h"

#include <doctest/doctest.h>

#include "api_fixture.h"

namespace onair::api {
namespace {

using onair::testing::Answer;
using onair::testing::ApiFixture;
using onair::testing::kStart;

constexpr const char* kPage = "https://facebook.com/username";

// acme's order MP-000001 and beta's MP-000002 fired: D-000001 (acme) and D-000002 (beta).
struct Fired {
  ApiFixture f;
  std::string acme;
  std::string beta;

  Fired() {
    f.AddServices();
    acme = f.AddCustomer("acme");
    beta = f.AddCustomer("beta");
    f.PlaceOrder(acme, kPage, R"([{"service_id": 1, "quantity": 100}])");
    f.PlaceOrder(beta, kPage, R"([{"service_id": 3, "quantity": 50}])");
    f.Report(kPage, true, 20, "a");
  }
};

TEST_CASE("admins list every customer's dispatches in the admin view, filtered as asked") {
  Fired s;

  Answer all = s.f.Admin("GET", "/admin/dispatches");
  Answer beta = s.f.Admin("GET", "/admin/dispatches?customer=beta");
  Answer order = s.f.Admin("GET", "/admin/dispatches?order=MP-000001&status=pending");
  Answer none = s.f.Admin("GET", "/admin/dispatches?status=sent");

  CHECK(2 == all.Count("/data"));
  CHECK("1" == all.At("/data/0/customer_id"));
  CHECK("null" == all.At("/data/0/last_error"));
  CHECK("2025-12-01T09:00:00+08:00" == all.Text("/data/0/next_attempt_at"));
  CHECK("null" == all.At("/next_cursor"));
  CHECK(1 == beta.Count("/data"));
  CHECK("D-000002" == beta.Text("/data/0/id"));
  CHECK("D-000001" == order.Text("/data/0/id"));
  CHECK(1 == order.Count("/data"));
  CHECK("[]" == none.At("/data"));
}

TEST_CASE("the admin dispatch listing names an unknown customer or order") {
  Fired s;

  Answer customer = s.f.Admin("GET", "/admin/dispatches?customer=nobody");
  Answer order = s.f.Admin("GET", "/admin/dispatches?order=MP-000009");
  Answer malformed = s.f.Admin("GET", "/admin/dispatches?order=9");

  CHECK(404 == customer.status);
  CHECK("Customer nobody not found" == customer.Text("/error"));
  CHECK("Order MP-000009 not found" == order.Text("/error"));
  CHECK("Order 9 not found" == malformed.Text("/error"));
}

TEST_CASE("a retry makes a dispatch pending and due now with no attempts, result kept") {
  Fired s;
  s.f.clock().Set(kStart + std::chrono::minutes(5));
  REQUIRE(s.f.dispatches()
              .Update(1,
                      [](Dispatch& d) {
                        d.state = DispatchState::kUndeliverable;
                        d.attempts = 18;
                        d.last_error = "HTTP 500";
                        return Status::Ok();
                      })
              .ok());
  REQUIRE(200 == s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/failed",
                              R"({"reason": "never came"})")
                     .status);

  Answer answer = s.f.Admin("POST", "/admin/dispatches/D-000001/retry");

  CHECK(200 == answer.status);
  CHECK(R"("pending")" == answer.At("/data/state"));
  CHECK("0" == answer.At("/data/attempts"));
  CHECK("null" == answer.At("/data/last_error"));
  CHECK("2025-12-01T09:05:00+08:00" == answer.Text("/data/next_attempt_at"));
  CHECK(R"("failed")" == answer.At("/data/result"));
  Result<std::vector<Dispatch>> due = s.f.dispatches().Due(s.f.clock().Now(), 10);
  REQUIRE(due.ok());
  CHECK(2 == due->size());
}

TEST_CASE("a cancelled dispatch cannot be retried; an unknown one is not found") {
  Fired s;
  REQUIRE(200 == s.f.Admin("POST", "/admin/orders/MP-000001/cancel").status);

  Answer cancelled = s.f.Admin("POST", "/admin/dispatches/D-000001/retry");
  Answer unknown = s.f.Admin("POST", "/admin/dispatches/D-000042/retry");
  Answer malformed = s.f.Admin("POST", "/admin/dispatches/42/retry");

  CHECK(409 == cancelled.status);
  CHECK("Dispatch D-000001 was cancelled" == cancelled.Text("/error"));
  CHECK(404 == unknown.status);
  CHECK("Dispatch D-000042 not found" == unknown.Text("/error"));
  CHECK("Dispatch 42 not found" == malformed.Text("/error"));
}

}  // namespace
}  // namespace onair::api
