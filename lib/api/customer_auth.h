// Customer authentication on the customer API: the X-API-Key header, looked up by its SHA-256,
// then the key's customer, then the budget the route uses (docs/api.md, "Errors" and "Rate
// limits"). Thread-safe.
#pragma once

#include <functional>

#include "api/api_context.h"
#include "api/rate_limit.h"
#include "api/router.h"
#include "core/customer.h"
#include "core/result.h"

namespace onair::api {

// The customer behind the request's X-API-Key. kUnauthenticated when the key is missing,
// unknown or revoked (logged with the key's hint at most, never the key); kInternal when the
// stores fail.
Result<Customer> AuthenticateCustomer(const ApiContext& ctx, const HttpRequest& request);

// 403 {"detail": "Invalid or missing API key"}, the body the integration guide fixes.
HttpReply InvalidKeyReply();

using CustomerHandler = std::function<HttpReply(const Customer& customer, HttpRequest& request)>;

// Wraps `handler` so it runs only for an authenticated customer with room in `budget`; every
// answer to an authenticated request carries the budget's RateLimit-* headers.
Handler WithCustomer(const ApiContext& ctx, Budget budget, CustomerHandler handler);

}  // namespace onair::api
