// The two hourly budgets of a customer (docs/api.md, "Rate limits"): which limit applies, and the
// headers and 429 answer that report it. Pure functions over RateLimiter; thread-safe.
#pragma once

#include <cstdint>

#include "api/api_context.h"
#include "api/http_message.h"
#include "core/customer.h"
#include "core/rate_limiter.h"

namespace onair::api {

enum class Budget {
  kOrders,  // POST /api/order
  kReads,   // every other authenticated customer request
};

// The customer's own limit for `budget`, or the config's default when it has none.
int64_t BudgetLimit(const Config& config, const Customer& customer, Budget budget);

// Counts one request of `customer` against `budget` (unless the budget is spent).
RateDecision ChargeBudget(const ApiContext& ctx, const Customer& customer, Budget budget);

// Sets RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset from `decision`.
void AddRateLimitHeaders(const RateDecision& decision, HttpReply& reply);

// 429 {"error": "Rate limit exceeded: N per hour"} with Retry-After (at least 1) and the
// RateLimit-* headers.
HttpReply RateLimitedReply(const RateDecision& decision);

}  // namespace onair::api
