// Admin routes for the pages onair watches and the pages connected for the Graph detector
// (docs/api.md, "Admin API"): GET /admin/pages, POST and GET /admin/page-connections and
// POST /admin/page-connections/remove. Thread-safe.
#pragma once

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"

namespace onair::api {

// REQUIRES (body routes): the body read.
HttpReply GetPages(const ApiContext& ctx, HttpRequest& request);
HttpReply PostPageConnection(const ApiContext& ctx, HttpRequest& request);
HttpReply GetPageConnections(const ApiContext& ctx, HttpRequest& request);
HttpReply PostPageConnectionRemove(const ApiContext& ctx, HttpRequest& request);

// Adds the routes above behind the admin token. `ctx` must outlive `router`.
void AddAdminPageRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
