#include "api/admin_auth.h"

#include <spdlog/spdlog.h>
#include <strings.h>

#include "api/error_reply.h"
#include "api/json_body.h"
#include "core/secrets.h"

namespace onair::api {

bool IsAdminAuthorization(std::string_view authorization, std::string_view admin_token) {
  constexpr std::string_view kScheme = "Bearer ";
  if (admin_token.empty() || authorization.size() < kScheme.size() ||
      strncasecmp(authorization.data(), kScheme.data(), kScheme.size()) != 0) {
    return false;
  }
  return ConstantTimeEquals(authorization.substr(kScheme.size()), admin_token);
}

Handler WithAdmin(const ApiContext& ctx, Handler handler) {
  return [&ctx, handler = std::move(handler)](HttpRequest& request) {
    if (!IsAdminAuthorization(request.Header("Authorization"), ctx.admin_token)) {
      spdlog::info("admin: auth_failed request={} reason={} remote={} path={}", request.request_id,
                   request.HasHeader("Authorization") ? "wrong_token" : "missing_token",
                   request.remote, request.path);
      return StatusReply(Status::Unauthenticated("Invalid or missing admin token"),
                         request.request_id);
    }
    return handler(request);
  };
}

Handler AdminRoute(const ApiContext& ctx, AdminHandler handler) {
  return WithAdmin(ctx, [&ctx, handler](HttpRequest& request) { return handler(ctx, request); });
}

Handler AdminBodyRoute(const ApiContext& ctx, AdminHandler handler) {
  return WithAdmin(
      ctx, WithJsonBody([&ctx, handler](HttpRequest& request) { return handler(ctx, request); }));
}

}  // namespace onair::api
