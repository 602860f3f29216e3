// Each customer's two hourly budgets (orders and reads): the 429 answer, Retry-After and the
// RateLimit-* headers on every authenticated answer.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"

namespace onair::e2e {
namespace {

// A daemon whose customers may place 3 orders and make 4 reads an hour, with the guide's
// services and the customer "acme".
struct Limited {
  Daemon daemon{
      DaemonConfig().Set("limits", "orders_per_hour", "3").Set("limits", "reads_per_hour", "4")};
  std::string key;

  Limited() {
    daemon.AddGuideServices();
    key = daemon.AddCustomer("acme");
  }
};

// "Limit Remaining" of an answer's RateLimit headers, e.g. "3 2".
std::string Budget(const HttpAnswer& answer) {
  return answer.Header("RateLimit-Limit") + " " + answer.Header("RateLimit-Remaining");
}

long Seconds(const std::string& header) {
  char* end = nullptr;
  long value = std::strtol(header.c_str(), &end, 10);
  return (header.empty() || *end != '\0') ? -1 : value;
}

TEST_CASE("the order over the customer's hourly budget gets 429 with its number") {
  Limited limited;
  for (int i = 0; i < 3; ++i) {
    REQUIRE(200 == limited.daemon.PostOrder(limited.key, OrderBody()).status);
  }

  HttpAnswer answer = limited.daemon.PostOrder(limited.key, OrderBody());

  CHECK(R"(429 {"error":"Rate limit exceeded: 3 per hour"})" == Shown(answer));
  long retry_after = Seconds(answer.Header("Retry-After"));
  CHECK(1 <= retry_after);
  CHECK(retry_after <= 3600);
}

TEST_CASE("RateLimit headers count the orders budget down") {
  Limited limited;

  HttpAnswer first = limited.daemon.PostOrder(limited.key, OrderBody());
  HttpAnswer second = limited.daemon.PostOrder(limited.key, OrderBody());
  HttpAnswer third = limited.daemon.PostOrder(limited.key, OrderBody());
  HttpAnswer refused = limited.daemon.PostOrder(limited.key, OrderBody());

  CHECK("3 2" == Budget(first));
  CHECK("3 1" == Budget(second));
  CHECK("3 0" == Budget(third));
  CHECK("3 0" == Budget(refused));
  long reset = Seconds(first.Header("RateLimit-Reset"));
  CHECK(1 <= reset);
  CHECK(reset <= 3600);
}

TEST_CASE("an invalid order counts against the orders budget") {
  Limited limited;
  for (int i = 0; i < 3; ++i) {
    REQUIRE(400 == limited.daemon.PostOrder(limited.key, "{}").status);
  }

  CHECK(R"(429 {"error":"Rate limit exceeded: 3 per hour"})" ==
        Shown(limited.daemon.PostOrder(limited.key, OrderBody())));
}

TEST_CASE("reads have their own budget, untouched by orders") {
  Limited limited;
  for (int i = 0; i < 4; ++i) limited.daemon.PostOrder(limited.key, OrderBody());

  HttpAnswer read = limited.daemon.Get("/api/services", limited.key);

  CHECK(200 == read.status);
  CHECK("4 3" == Budget(read));
}

TEST_CASE("the read over the reads budget gets 429 with its number") {
  Limited limited;
  std::string path;
  SUBCASE("GET /api/services") {
    path = "/api/services";
  }
  SUBCASE("GET /api/orders") {
    path = "/api/orders";
  }
  SUBCASE("GET /api/order/{id}") {
    path = "/api/order/MP-000001";
  }
  CAPTURE(path);
  for (int i = 0; i < 4; ++i) REQUIRE(429 != limited.daemon.Get(path, limited.key).status);

  HttpAnswer answer = limited.daemon.Get(path, limited.key);

  CHECK(R"(429 {"error":"Rate limit exceeded: 4 per hour"})" == Shown(answer));
  CHECK(1 <= Seconds(answer.Header("Retry-After")));
  CHECK(200 == limited.daemon.PostOrder(limited.key, OrderBody()).status);
}

TEST_CASE("every authenticated answer carries the RateLimit headers of its budget") {
  Limited limited;
  REQUIRE(200 == limited.daemon.PostOrder(limited.key, OrderBody()).status);

  SUBCASE("a 400 order") {
    CHECK("3 1" == Budget(limited.daemon.PostOrder(limited.key, "[]")));
  }
  SUBCASE("a 404 order read") {
    CHECK("4 3" == Budget(limited.daemon.Get("/api/order/MP-000009", limited.key)));
  }
  SUBCASE("a list") {
    CHECK("4 3" == Budget(limited.daemon.Get("/api/orders", limited.key)));
  }
}

TEST_CASE("a customer's own rate limit replaces the default") {
  Limited limited;
  std::string small_key = limited.daemon.AddCustomer("small", "\"rate_limit\": 1");
  REQUIRE(200 == limited.daemon.PostOrder(small_key, OrderBody()).status);

  CHECK(R"(429 {"error":"Rate limit exceeded: 1 per hour"})" ==
        Shown(limited.daemon.PostOrder(small_key, OrderBody())));
  CHECK("3 2" == Budget(limited.daemon.PostOrder(limited.key, OrderBody())));
}

TEST_CASE("a customer's own read rate limit replaces the default") {
  Limited limited;
  std::string small_key = limited.daemon.AddCustomer("small", "\"read_rate_limit\": 1");
  REQUIRE(200 == limited.daemon.Get("/api/services", small_key).status);

  CHECK(R"(429 {"error":"Rate limit exceeded: 1 per hour"})" ==
        Shown(limited.daemon.Get("/api/services", small_key)));
  CHECK("4 3" == Budget(limited.daemon.Get("/api/services", limited.key)));
}

TEST_CASE("a customer's budget is shared by its keys and separate from other customers'") {
  Limited limited;
  auto [second_key_id, second_key] = limited.daemon.AddKey("acme");
  std::string other_key = limited.daemon.AddCustomer("other");
  REQUIRE(200 == limited.daemon.PostOrder(limited.key, OrderBody()).status);
  REQUIRE(200 == limited.daemon.PostOrder(second_key, OrderBody()).status);
  REQUIRE(200 == limited.daemon.PostOrder(limited.key, OrderBody()).status);

  CHECK(429 == limited.daemon.PostOrder(second_key, OrderBody()).status);
  CHECK("3 2" == Budget(limited.daemon.PostOrder(other_key, OrderBody())));
}

TEST_CASE("requests without a valid key are not counted") {
  Limited limited;
  auto [second_key_id, second_key] = limited.daemon.AddKey("acme");
  REQUIRE(200 == limited.daemon.Admin("POST", "/admin/keys/" + second_key_id + "/revoke").status);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(403 == limited.daemon.PostOrder(second_key, OrderBody()).status);
    REQUIRE(403 == limited.daemon.PostOrder("", OrderBody()).status);
  }

  CHECK("3 2" == Budget(limited.daemon.PostOrder(limited.key, OrderBody())));
}

}  // namespace
}  // namespace onair::e2e
