// Admin routes for dispatches (docs/api.md, "Admin API"): GET /admin/dispatches, every
// customer's, and POST /admin/dispatches/{id}/retry, which sends one again. Thread-safe.
#pragma once

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"

namespace onair::api {

HttpReply GetAdminDispatches(const ApiContext& ctx, HttpRequest& request);
HttpReply PostDispatchRetry(const ApiContext& ctx, HttpRequest& request);

// Adds the routes above behind the admin token. `ctx` must outlive `router`.
void AddAdminDispatchRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
