// The customer's reads: one order, the list with filters and paging, and the active services.
// Customers see only their own orders.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"

namespace onair::e2e {
namespace {

// A daemon with the guide's services and two customers, "acme" and "other".
struct TwoCustomers {
  Daemon daemon;
  std::string acme;
  std::string other;

  TwoCustomers() {
    daemon.AddGuideServices();
    acme = daemon.AddCustomer("acme");
    other = daemon.AddCustomer("other");
  }

  // Places an order for `key` and returns its id ("MP-000001").
  std::string Place(const std::string& key, const std::string& order_id = "") {
    HttpAnswer answer = daemon.PostOrder(key, OrderBody(order_id));
    REQUIRE_MESSAGE(200 == answer.status, Shown(answer));
    return Str(answer.body, "/data/order_id");
  }
};

std::vector<std::string> Ids(std::initializer_list<const char*> ids) {
  std::vector<std::string> quoted;
  for (const char* id : ids) quoted.push_back(std::string("\"") + id + "\"");
  return quoted;
}

TEST_CASE("GET /api/order/{id} answers the caller's own order as it was created") {
  TwoCustomers two;
  HttpAnswer created = two.daemon.PostOrder(two.acme, kGuideWithOrderId);
  REQUIRE(200 == created.status);

  HttpAnswer answer = two.daemon.Get("/api/order/MP-000001", two.acme);

  REQUIRE(200 == answer.status);
  CHECK("success,data" == Keys(answer.body));
  CHECK("true" == Raw(answer.body, "/success"));
  CHECK(Raw(created.body, "/data") == OrderObject(answer.body, "/data"));
}

TEST_CASE("GET /api/order/{id} follows the order with what became of it") {
  TwoCustomers two;
  HttpAnswer created = two.daemon.PostOrder(two.acme, kGuideWithOrderId);
  REQUIRE(200 == created.status);

  HttpAnswer answer = two.daemon.Get("/api/order/MP-000001", two.acme);

  REQUIRE(200 == answer.status);
  CHECK(Keys(created.body, "/data") + "," + kOrderDetailKeys == Keys(answer.body, "/data"));
  CHECK("0" == Raw(answer.body, "/data/detections_today"));
  CHECK("0" == Raw(answer.body, "/data/detections_total"));
  CHECK("null" == Raw(answer.body, "/data/last_live_at"));
  CHECK("[]" == Raw(answer.body, "/data/dispatches"));
}

TEST_CASE("another customer's order is not found") {
  TwoCustomers two;
  two.Place(two.acme);

  CHECK(ErrorAnswer(404, "Order MP-000001 not found") ==
        Shown(two.daemon.Get("/api/order/MP-000001", two.other)));
}

TEST_CASE("an unknown or malformed order id is not found") {
  TwoCustomers two;
  two.Place(two.acme);
  std::string id;
  SUBCASE("an id not yet given") {
    id = "MP-000009";
  }
  SUBCASE("number zero") {
    id = "MP-000000";
  }
  SUBCASE("too few digits") {
    id = "MP-1";
  }
  SUBCASE("another prefix") {
    id = "XX-000001";
  }
  SUBCASE("not an id") {
    id = "abc";
  }
  SUBCASE("the customer's own reference") {
    id = "321421321";
  }
  CAPTURE(id);

  CHECK(ErrorAnswer(404, "Order " + id + " not found") ==
        Shown(two.daemon.Get("/api/order/" + id, two.acme)));
}

TEST_CASE("GET /api/orders lists only the caller's orders, newest first") {
  TwoCustomers two;
  two.Place(two.acme);
  two.Place(two.other);
  two.Place(two.acme);
  two.Place(two.acme);
  two.Place(two.other);

  HttpAnswer mine = two.daemon.Get("/api/orders", two.acme);
  HttpAnswer theirs = two.daemon.Get("/api/orders", two.other);

  REQUIRE(200 == mine.status);
  CHECK("success,data,next_cursor" == Keys(mine.body));
  CHECK(Ids({"MP-000004", "MP-000003", "MP-000001"}) == Column(mine.body, "/data", "/order_id"));
  CHECK("null" == Raw(mine.body, "/next_cursor"));
  CHECK(Ids({"MP-000005", "MP-000002"}) == Column(theirs.body, "/data", "/order_id"));
}

TEST_CASE("the listed orders are the order objects GET /api/order/{id} answers") {
  TwoCustomers two;
  two.Place(two.acme, "ref-1");

  HttpAnswer list = two.daemon.Get("/api/orders", two.acme);
  HttpAnswer one = two.daemon.Get("/api/order/MP-000001", two.acme);

  CHECK(OrderObject(one.body, "/data") == Raw(list.body, "/data/0"));
}

TEST_CASE("a customer without orders gets an empty list") {
  TwoCustomers two;
  two.Place(two.acme);

  CHECK(R"(200 {"success":true,"data":[],"next_cursor":null})" ==
        Shown(two.daemon.Get("/api/orders", two.other)));
}

TEST_CASE("the status filter keeps only orders with that status") {
  TwoCustomers two;
  two.Place(two.acme);
  two.Place(two.acme);

  CHECK(Ids({"MP-000002", "MP-000001"}) ==
        Column(two.daemon.Get("/api/orders?status=active", two.acme).body, "/data", "/order_id"));
  CHECK(R"(200 {"success":true,"data":[],"next_cursor":null})" ==
        Shown(two.daemon.Get("/api/orders?status=expired", two.acme)));
  CHECK(R"(200 {"success":true,"data":[],"next_cursor":null})" ==
        Shown(two.daemon.Get("/api/orders?status=cancelled", two.acme)));
}

TEST_CASE("the customer_order_id filter finds the order with that reference") {
  TwoCustomers two;
  two.Place(two.acme, "ref-1");
  two.Place(two.acme, "ref-2");
  two.Place(two.acme);
  two.Place(two.other, "ref-2");

  CHECK(Ids({"MP-000002"}) ==
        Column(two.daemon.Get("/api/orders?customer_order_id=ref-2", two.acme).body, "/data",
               "/order_id"));
  CHECK(Ids({"MP-000004"}) ==
        Column(two.daemon.Get("/api/orders?customer_order_id=ref-2", two.other).body, "/data",
               "/order_id"));
  CHECK(R"(200 {"success":true,"data":[],"next_cursor":null})" ==
        Shown(two.daemon.Get("/api/orders?customer_order_id=ref-9", two.acme)));
}

TEST_CASE("the customer_order_id filter takes a percent-encoded reference") {
  TwoCustomers two;
  two.Place(two.acme, "ref 1/a&b");
  two.Place(two.acme, "ref");

  CHECK(Ids({"MP-000001"}) ==
        Column(two.daemon.Get("/api/orders?customer_order_id=ref%201%2Fa%26b", two.acme).body,
               "/data", "/order_id"));
}

TEST_CASE("limit and next_cursor page through every order to the end") {
  TwoCustomers two;
  for (int i = 0; i < 5; ++i) two.Place(two.acme);
  two.Place(two.other);

  HttpAnswer page1 = two.daemon.Get("/api/orders?limit=2", two.acme);
  std::string cursor1 = Str(page1.body, "/next_cursor");
  HttpAnswer page2 = two.daemon.Get("/api/orders?limit=2&cursor=" + cursor1, two.acme);
  std::string cursor2 = Str(page2.body, "/next_cursor");
  HttpAnswer page3 = two.daemon.Get("/api/orders?limit=2&cursor=" + cursor2, two.acme);

  CHECK(Ids({"MP-000005", "MP-000004"}) == Column(page1.body, "/data", "/order_id"));
  CHECK(Ids({"MP-000003", "MP-000002"}) == Column(page2.body, "/data", "/order_id"));
  CHECK(Ids({"MP-000001"}) == Column(page3.body, "/data", "/order_id"));
  CHECK("null" == Raw(page3.body, "/next_cursor"));
}

TEST_CASE("a full page that holds the last order has a null next_cursor") {
  TwoCustomers two;
  for (int i = 0; i < 2; ++i) two.Place(two.acme);

  HttpAnswer page = two.daemon.Get("/api/orders?limit=2", two.acme);

  CHECK(Ids({"MP-000002", "MP-000001"}) == Column(page.body, "/data", "/order_id"));
  CHECK("null" == Raw(page.body, "/next_cursor"));
}

TEST_CASE("the default page holds 20 orders and limit goes up to 100") {
  TwoCustomers two;
  for (int i = 0; i < 21; ++i) two.Place(two.acme);

  HttpAnswer first = two.daemon.Get("/api/orders", two.acme);
  HttpAnswer rest =
      two.daemon.Get("/api/orders?cursor=" + Str(first.body, "/next_cursor"), two.acme);
  HttpAnswer all = two.daemon.Get("/api/orders?limit=100", two.acme);

  CHECK(20 == ArrayLength(first.body, "/data"));
  CHECK(Ids({"MP-000001"}) == Column(rest.body, "/data", "/order_id"));
  CHECK("null" == Raw(rest.body, "/next_cursor"));
  CHECK(21 == ArrayLength(all.body, "/data"));
  CHECK("null" == Raw(all.body, "/next_cursor"));
}

TEST_CASE("invalid list parameters are a 400") {
  std::string query;
  std::string message;
  SUBCASE("an unknown status") {
    query = "status=done";
    message = "status must be one of active, expired, cancelled";
  }
  SUBCASE("limit 0") {
    query = "limit=0";
    message = "limit must be between 1 and 100";
  }
  SUBCASE("limit 101") {
    query = "limit=101";
    message = "limit must be between 1 and 100";
  }
  SUBCASE("limit not digits") {
    query = "limit=ten";
    message = "limit must be an integer";
  }
  SUBCASE("a cursor that is not one") {
    query = "cursor=garbage";
    message = "cursor is not valid";
  }
  CAPTURE(query);

  CHECK(ErrorAnswer(400, message) ==
        Shown(SharedDaemon().Get("/api/orders?" + query, SharedKey())));
}

TEST_CASE("GET /api/services lists the active services by id") {
  Daemon daemon;
  daemon.AddService(3, "180 Minutes Live Viewers", 10, 5000);
  daemon.AddService(2, "120 Minutes Live Viewers", 10, 5000, /*active=*/false);
  daemon.AddService(1, "60 Minutes Live Viewers", 20, 3000);
  std::string key = daemon.AddCustomer("acme");

  CHECK(R"(200 {"success":true,"data":[{"service_id":1,"name":"60 Minutes Live Viewers",)"
        R"("quantity_min":20,"quantity_max":3000},{"service_id":3,)"
        R"("name":"180 Minutes Live Viewers","quantity_min":10,"quantity_max":5000}]})" ==
        Shown(daemon.Get("/api/services", key)));
}

}  // namespace
}  // namespace onair::e2e
