// Which budget applies and how it shows in headers and the 429 answer.
#include "api/rate_limit.h"

#include <doctest/doctest.h>

namespace onair::api {
namespace {

TEST_CASE("a customer's own limits win over the configured defaults") {
  Config config;
  Customer own;
  own.rate_limit = 5;
  own.read_rate_limit = 50;
  Customer defaults;

  CHECK(5 == BudgetLimit(config, own, Budget::kOrders));
  CHECK(50 == BudgetLimit(config, own, Budget::kReads));
  CHECK(1000 == BudgetLimit(config, defaults, Budget::kOrders));
  CHECK(10000 == BudgetLimit(config, defaults, Budget::kReads));
}

TEST_CASE("an allowed request carries the budget's three headers") {
  HttpReply reply = JsonReply(200, "{}");

  AddRateLimitHeaders(RateDecision{true, 1000, 998, 3599}, reply);

  CHECK("1000" == reply.Header("RateLimit-Limit"));
  CHECK("998" == reply.Header("RateLimit-Remaining"));
  CHECK("3599" == reply.Header("RateLimit-Reset"));
}

TEST_CASE("a refused request is a 429 with the guide's body and Retry-After") {
  HttpReply reply = RateLimitedReply(RateDecision{false, 1000, 0, 42});

  CHECK(429 == reply.status);
  CHECK(R"({"error":"Rate limit exceeded: 1000 per hour"})" == reply.body);
  CHECK("42" == reply.Header("Retry-After"));
  CHECK("1000" == reply.Header("RateLimit-Limit"));
  CHECK("0" == reply.Header("RateLimit-Remaining"));
  CHECK("42" == reply.Header("RateLimit-Reset"));
}

TEST_CASE("Retry-After is at least one second") {
  CHECK("1" == RateLimitedReply(RateDecision{false, 3, 0, 0}).Header("Retry-After"));
}

}  // namespace
}  // namespace onair::api
