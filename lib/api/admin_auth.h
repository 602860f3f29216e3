// Admin authentication: "Authorization: Bearer <token>" with the token from admin.token,
// compared in constant time (docs/api.md, "Admin API"). Thread-safe.
#pragma once

#include <string_view>

#include "api/api_context.h"
#include "api/router.h"

namespace onair::api {

// True when `authorization` is "Bearer " (scheme in any letter case) followed by exactly
// `admin_token`. An empty `admin_token` matches nothing.
bool IsAdminAuthorization(std::string_view authorization, std::string_view admin_token);

// Wraps `handler` so it runs only with the admin token; otherwise
// 401 {"success": false, "error": "Invalid or missing admin token"}.
Handler WithAdmin(const ApiContext& ctx, Handler handler);

using AdminHandler = HttpReply (*)(const ApiContext& ctx, HttpRequest& request);

// `handler` behind the admin token.
Handler AdminRoute(const ApiContext& ctx, AdminHandler handler);
// `handler` behind the admin token and then the JSON body gate (json_body.h).
Handler AdminBodyRoute(const ApiContext& ctx, AdminHandler handler);

}  // namespace onair::api
