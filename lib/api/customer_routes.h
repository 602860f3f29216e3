// The customer API's order routes of docs/api.md: POST /api/order, GET /api/order/{id},
// POST /api/order/{id}/cancel, GET /api/orders and GET /api/services. Handlers are thread-safe;
// they share the context by const reference.
#pragma once

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"
#include "core/customer.h"

namespace onair::api {

// REQUIRES (every handler): the body read (PostOrder) and the customer authenticated.
HttpReply PostOrder(const ApiContext& ctx, const Customer& customer, HttpRequest& request);
HttpReply GetOrder(const ApiContext& ctx, const Customer& customer, HttpRequest& request);
HttpReply PostOrderCancel(const ApiContext& ctx, const Customer& customer, HttpRequest& request);
HttpReply GetOrders(const ApiContext& ctx, const Customer& customer, HttpRequest& request);
HttpReply GetServices(const ApiContext& ctx, const Customer& customer, HttpRequest& request);

// Adds the customer routes, each behind customer auth, its budget and (POST) the body gate.
// `ctx` must outlive `router`.
void AddCustomerRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
