// Admin routes for customers and their API keys (docs/api.md, "Admin API"):
// POST/GET /admin/customers, PATCH /admin/customers/{name}, POST/GET /admin/keys and
// POST /admin/keys/{key_id}/revoke. Handlers are thread-safe.
#pragma once

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"

namespace onair::api {

// REQUIRES (body routes): the body read.
HttpReply PostCustomer(const ApiContext& ctx, HttpRequest& request);
HttpReply GetCustomers(const ApiContext& ctx, HttpRequest& request);
HttpReply PatchCustomer(const ApiContext& ctx, HttpRequest& request);
HttpReply PostKey(const ApiContext& ctx, HttpRequest& request);
HttpReply GetKeys(const ApiContext& ctx, HttpRequest& request);
HttpReply PostKeyRevoke(const ApiContext& ctx, HttpRequest& request);

// Adds the routes above behind the admin token. `ctx` must outlive `router`.
void AddAdminCustomerRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
