// The customer's dispatch routes: pulling pending dispatches, acking them, and reporting results.
#include "api/dispatch_routes.h"

#include <doctest/doctest.h>

#include "api_fixture.h"

namespace onair::api {
namespace {

using onair::testing::Answer;
using onair::testing::ApiFixture;

// Two customers with orders on one page that has fired: acme's dispatches D-000001 (service 1,
// quantity 100) and D-000002 (service 3, quantity 200), then beta's D-000003.
struct Fired {
  ApiFixture f;
  std::string acme;
  std::string beta;

  Fired() {
    f.AddServices();
    acme = f.AddCustomer("acme");
    beta = f.AddCustomer("beta");
    f.PlaceOrder(acme, "https://facebook.com/username",
                 R"([{"service_id": 1, "quantity": 100}, {"service_id": 3, "quantity": 200}])");
    f.PlaceOrder(beta, "https://facebook.com/username", R"([{"service_id": 1, "quantity": 50}])");
    f.Report("https://facebook.com/username", true, 20, "a");
  }

  // Sets dispatch `seq`'s state directly in the store, as delivery or a cancel would.
  void SetState(uint64_t seq, DispatchState state) {
    REQUIRE(f.dispatches()
                .Update(seq,
                        [&](Dispatch& d) {
                          d.state = state;
                          return Status::Ok();
                        })
                .ok());
  }
};

// "D-000001 D-000002": the ids in an answer's data.
std::string Ids(const Answer& answer) {
  std::string ids;
  for (int i = 0; i < answer.Count("/data"); ++i) {
    if (!ids.empty()) ids += ' ';
    ids += answer.Text("/data/" + std::to_string(i) + "/id");
  }
  return ids;
}

TEST_CASE("pending dispatches list the caller's own, oldest first, with state and result") {
  Fired s;

  Answer acme = s.f.Customer(s.acme, "GET", "/api/dispatches?status=pending");
  Answer beta = s.f.Customer(s.beta, "GET", "/api/dispatches?status=pending");

  CHECK(200 == acme.status);
  CHECK("D-000001 D-000002" == Ids(acme));
  CHECK("D-000003" == Ids(beta));
  CHECK("null" == acme.At("/next_cursor"));
  CHECK(R"("pending")" == acme.At("/data/0/state"));
  CHECK("0" == acme.At("/data/0/attempts"));
  CHECK("null" == acme.At("/data/0/result"));
  CHECK("null" == acme.At("/data/0/sent_at"));
  CHECK("<absent>" == acme.At("/data/0/customer_id"));
  CHECK("2025-12-01T09:00:00+08:00" == acme.Text("/data/0/detected_at"));
}

TEST_CASE("dispatch pages end with a null cursor exactly at the last dispatch") {
  Fired s;

  Answer first = s.f.Customer(s.acme, "GET", "/api/dispatches?limit=1");
  Answer second = s.f.Customer(s.acme, "GET", "/api/dispatches?limit=1&cursor=D-000001");

  CHECK("D-000001" == Ids(first));
  CHECK("D-000001" == first.Text("/next_cursor"));
  CHECK("D-000002" == Ids(second));
  CHECK("null" == second.At("/next_cursor"));
}

TEST_CASE("the dispatch listing refuses bad parameters with the documented messages") {
  Fired s;
  struct Case {
    const char* query;
    int status;
    const char* error;
  };
  const Case cases[] = {
      {"status=done", 400, "status must be one of pending, sent, acked, undeliverable, cancelled"},
      {"limit=0", 400, "limit must be between 1 and 100"},
      {"limit=x", 400, "limit must be an integer"},
      {"cursor=MP-000001", 400, "cursor is not valid"},
      {"order=nope", 404, "Order nope not found"},
      {"order=MP-000002", 404, "Order MP-000002 not found"},  // beta's
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    Answer answer = s.f.Customer(s.acme, "GET", std::string("/api/dispatches?") + c.query);
    CHECK(c.status == answer.status);
    CHECK(c.error == answer.Text("/error"));
  }
  CHECK("D-000001 D-000002" == Ids(s.f.Customer(s.acme, "GET", "/api/dispatches?order=MP-000001")));
}

TEST_CASE("an ack turns pending into acked and takes the dispatch off the pending list") {
  Fired s;

  Answer acked = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/ack");
  Answer again = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/ack", "{}");

  CHECK(200 == acked.status);
  CHECK(R"("acked")" == acked.At("/data/state"));
  CHECK(200 == again.status);
  CHECK(R"("acked")" == again.At("/data/state"));
  CHECK("D-000002" == Ids(s.f.Customer(s.acme, "GET", "/api/dispatches?status=pending")));
  CHECK(DispatchState::kAcked == s.f.dispatches().Get(1)->state);
}

TEST_CASE("another customer's, an unknown or a malformed dispatch id is not found") {
  Fired s;

  for (const char* id : {"D-000003", "D-000099", "D-3", "x"}) {
    CAPTURE(id);
    for (const char* route : {"ack", "delivered", "failed"}) {
      CAPTURE(route);
      Answer answer =
          s.f.Customer(s.acme, "POST", std::string("/api/dispatches/") + id + "/" + route,
                       route == std::string("failed") ? R"({"reason": "x"})" : "");
      CHECK(404 == answer.status);
      CHECK(std::string("Dispatch ") + id + " not found" == answer.Text("/error"));
    }
  }
  CHECK(DispatchState::kPending == s.f.dispatches().Get(3)->state);
}

TEST_CASE("acking a dispatch that is sent, undeliverable or cancelled is a conflict naming it") {
  Fired s;
  s.SetState(1, DispatchState::kSent);
  s.SetState(2, DispatchState::kCancelled);

  Answer sent = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/ack");
  Answer cancelled = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000002/ack");

  CHECK(409 == sent.status);
  CHECK("Dispatch D-000001 is not pending (sent)" == sent.Text("/error"));
  CHECK("Dispatch D-000002 is not pending (cancelled)" == cancelled.Text("/error"));
}

TEST_CASE("delivered records the result and quantity; the latest report wins") {
  Fired s;

  Answer delivered = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/delivered",
                                  R"({"delivered_quantity": 100})");
  Answer failed = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/failed",
                               R"({"reason": "page went private"})");
  Answer again = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/delivered");

  CHECK(200 == delivered.status);
  CHECK(R"("delivered")" == delivered.At("/data/result"));
  CHECK("100" == delivered.At("/data/delivered_quantity"));
  CHECK("null" == delivered.At("/data/failure_reason"));
  CHECK(R"("failed")" == failed.At("/data/result"));
  CHECK("null" == failed.At("/data/delivered_quantity"));
  CHECK(R"("page went private")" == failed.At("/data/failure_reason"));
  CHECK(R"("delivered")" == again.At("/data/result"));
  CHECK("null" == again.At("/data/delivered_quantity"));
  CHECK("null" == again.At("/data/failure_reason"));
  CHECK(R"("pending")" == again.At("/data/state"));  // a result is not an ack
}

TEST_CASE("result reports are checked with the documented messages") {
  Fired s;
  struct Case {
    const char* route;
    const char* body;
    const char* error;
  };
  const Case cases[] = {
      {"delivered", R"({"delivered_quantity": "many"})", "delivered_quantity must be an integer"},
      {"delivered", R"({"delivered_quantity": 101})",
       "delivered_quantity must be between 0 and 100"},
      {"delivered", R"({"delivered_quantity": -1})",
       "delivered_quantity must be between 0 and 100"},
      {"delivered", "[1]", "Request body must be a JSON object"},
      {"failed", "", "reason is required"},
      {"failed", R"({"reason": null})", "reason is required"},
      {"failed", R"({"reason": 3})", "reason must be a string"},
      {"failed", R"({"reason": ""})", "reason must be 1 to 500 characters"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    Answer answer =
        s.f.Customer(s.acme, "POST", std::string("/api/dispatches/D-000001/") + c.route, c.body);
    CHECK(400 == answer.status);
    CHECK(c.error == answer.Text("/error"));
  }
  CHECK(DispatchResult::kNone == s.f.dispatches().Get(1)->result);
}

TEST_CASE("a reason of 500 characters is kept; 501 is refused") {
  Fired s;
  const std::string longest(500, 'r');

  Answer kept = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/failed",
                             R"({"reason": ")" + longest + "\"}");
  Answer refused = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/failed",
                                R"({"reason": ")" + longest + "r\"}");

  CHECK(longest == kept.Text("/data/failure_reason"));
  CHECK("reason must be 1 to 500 characters" == refused.Text("/error"));
}

TEST_CASE("a cancelled dispatch takes no result") {
  Fired s;
  s.SetState(1, DispatchState::kCancelled);

  Answer answer = s.f.Customer(s.acme, "POST", "/api/dispatches/D-000001/delivered");

  CHECK(409 == answer.status);
  CHECK("Dispatch D-000001 was cancelled" == answer.Text("/error"));
}

}  // namespace
}  // namespace onair::api
