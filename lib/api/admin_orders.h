// Admin routes for orders and the daemon's state (docs/api.md, "Admin API"): GET /admin/orders,
// GET /admin/orders/{order_id}, POST /admin/orders/{order_id}/cancel and GET /admin/status.
// Thread-safe.
#pragma once

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"

namespace onair::api {

HttpReply GetAdminOrders(const ApiContext& ctx, HttpRequest& request);
HttpReply GetAdminOrder(const ApiContext& ctx, HttpRequest& request);
HttpReply PostAdminOrderCancel(const ApiContext& ctx, HttpRequest& request);
HttpReply GetStatus(const ApiContext& ctx, HttpRequest& request);

// Adds the routes above behind the admin token. `ctx` must outlive `router`.
void AddAdminOrderRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
