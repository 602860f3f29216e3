#include "api/api_server.h"

#include <spdlog/spdlog.h>

#include "api/admin_customers.h"
#include "api/admin_dispatches.h"
#include "api/admin_orders.h"
#include "api/admin_pages.h"
#include "api/admin_services.h"
#include "api/customer_routes.h"
#include "api/dispatch_routes.h"
#include "api/graph_routes.h"
#include "api/live_reports.h"

namespace onair::api {
namespace {

// The admin API serves one operator's CLI: a few threads and short keep-alives are plenty.
constexpr int kAdminKeepAliveSeconds = 5;
constexpr int kAdminKeepAliveMaxRequests = 100;

}  // namespace

void AddAllRoutes(const ApiContext& ctx, Router& customer, Router& admin) {
  AddCustomerRoutes(ctx, customer);
  AddCustomerDispatchRoutes(ctx, customer);
  AddCustomerLiveReportRoutes(ctx, customer);
  AddGraphWebhookRoutes(ctx, customer);
  AddAdminCustomerRoutes(ctx, admin);
  AddAdminServiceRoutes(ctx, admin);
  AddAdminOrderRoutes(ctx, admin);
  AddAdminDispatchRoutes(ctx, admin);
  AddAdminLiveReportRoutes(ctx, admin);
  AddAdminPageRoutes(ctx, admin);
}

ApiServer::ApiServer(ApiContext ctx)
    : ctx_(std::move(ctx)), customer_router_("api"), admin_router_("admin") {
  AddAllRoutes(ctx_, customer_router_, admin_router_);

  const Config& config = ctx_.config;
  customer_listener_ = std::make_unique<HttpListener>(
      &customer_router_,
      ListenerOptions{config.http_threads, config.keep_alive_seconds,
                      config.keep_alive_max_requests, config.read_timeout_seconds,
                      config.write_timeout_seconds, /*loopback_only=*/false,
                      /*request_id_prefix=*/'c'});
  admin_listener_ = std::make_unique<HttpListener>(
      &admin_router_,
      ListenerOptions{config.admin_threads, kAdminKeepAliveSeconds, kAdminKeepAliveMaxRequests,
                      config.read_timeout_seconds, config.write_timeout_seconds,
                      /*loopback_only=*/true, /*request_id_prefix=*/'a'});
}

ApiServer::~ApiServer() {
  Stop();
}

Status ApiServer::Start() {
  // Both addresses are bound before either serves, so a bad admin address leaves nothing
  // half-started.
  Status status = customer_listener_->Bind(ctx_.config.listen);
  if (!status.ok()) return status.WithContext("customer API");
  status = admin_listener_->Bind(ctx_.config.admin_listen);
  if (!status.ok()) return status.WithContext("admin API");
  ctx_.listen_address = customer_listener_->bound_address();
  ctx_.admin_listen_address = admin_listener_->bound_address();

  status = customer_listener_->Start();
  if (!status.ok()) return status.WithContext("customer API");
  status = admin_listener_->Start();
  if (!status.ok()) return status.WithContext("admin API");
  spdlog::info("api: listening listen={} admin_listen={}", ctx_.listen_address,
               ctx_.admin_listen_address);
  return Status::Ok();
}

void ApiServer::Stop() {
  // The admin listener first: an operator command during shutdown gets a closed port rather
  // than a half-applied change.
  admin_listener_->Stop();
  customer_listener_->Stop();
}

}  // namespace onair::api
