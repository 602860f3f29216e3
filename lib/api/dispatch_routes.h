// The customer's dispatch routes (docs/api.md): GET /api/dispatches, POST
// /api/dispatches/{id}/ack, /delivered and /failed. A customer sees and changes only its own
// dispatches; every change goes through DispatchStore::Update, so an ack, a report and a
// delivery attempt never overwrite each other. Handlers are thread-safe.
#pragma once

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"
#include "core/customer.h"

namespace onair::api {

// REQUIRES (every handler): the customer authenticated; (delivered, failed) the body read.
HttpReply GetDispatches(const ApiContext& ctx, const Customer& customer, HttpRequest& request);
HttpReply PostDispatchAck(const ApiContext& ctx, const Customer& customer, HttpRequest& request);
HttpReply PostDispatchDelivered(const ApiContext& ctx, const Customer& customer,
                                HttpRequest& request);
HttpReply PostDispatchFailed(const ApiContext& ctx, const Customer& customer, HttpRequest& request);

// Adds the routes above behind customer auth and the reads budget. `ctx` must outlive `router`.
void AddCustomerDispatchRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
