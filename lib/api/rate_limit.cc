#include "api/rate_limit.h"

#include <algorithm>
#include <string>

#include "wire/json_out.h"

namespace onair::api {

int64_t BudgetLimit(const Config& config, const Customer& customer, Budget budget) {
  if (budget == Budget::kOrders) return customer.rate_limit.value_or(config.orders_per_hour);
  return customer.read_rate_limit.value_or(config.reads_per_hour);
}

RateDecision ChargeBudget(const ApiContext& ctx, const Customer& customer, Budget budget) {
  RateLimiter& limiter = budget == Budget::kOrders ? ctx.order_limiter : ctx.read_limiter;
  return limiter.Acquire(customer.id, BudgetLimit(ctx.config, customer, budget));
}

void AddRateLimitHeaders(const RateDecision& decision, HttpReply& reply) {
  reply.SetHeader("RateLimit-Limit", std::to_string(decision.limit));
  reply.SetHeader("RateLimit-Remaining", std::to_string(std::max<int64_t>(0, decision.remaining)));
  reply.SetHeader("RateLimit-Reset", std::to_string(std::max<int64_t>(0, decision.reset_seconds)));
}

HttpReply RateLimitedReply(const RateDecision& decision) {
  wire::JsonWriter w;
  w.BeginObject()
      .Key("error")
      .String("Rate limit exceeded: " + std::to_string(decision.limit) + " per hour")
      .EndObject();
  HttpReply reply = JsonReply(429, w.Take());
  AddRateLimitHeaders(decision, reply);
  reply.SetHeader("Retry-After", std::to_string(std::max<int64_t>(1, decision.reset_seconds)));
  return reply;
}

}  // namespace onair::api
