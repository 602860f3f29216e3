// Admin routes for the services catalogue (docs/api.md, "Admin API"): POST/GET /admin/services
// and PATCH /admin/services/{id} (which also enables and disables a service through `active`).
// Handlers are thread-safe.
#pragma once

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"

namespace onair::api {

// REQUIRES (body routes): the body read.
HttpReply PostService(const ApiContext& ctx, HttpRequest& request);
HttpReply PatchService(const ApiContext& ctx, HttpRequest& request);
HttpReply GetAdminServices(const ApiContext& ctx, HttpRequest& request);

// Adds the routes above behind the admin token. `ctx` must outlive `router`.
void AddAdminServiceRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
