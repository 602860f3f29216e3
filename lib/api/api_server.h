// ApiServer: onaird's two HTTP listeners, the customer API on config.listen and the admin API on
// config.admin_listen (loopback only), with their routes (docs/api.md). Start and Stop are
// called from one thread; requests are served on the listeners' pools.
#pragma once

#include <memory>
#include <string>

#include "api/api_context.h"
#include "api/http_listener.h"
#include "api/router.h"
#include "core/status.h"

namespace onair::api {

// Adds every route of docs/api.md: the customer API's to `customer`, the admin API's to `admin`.
// The server does this for its listeners; tests drive the same tables without sockets.
void AddAllRoutes(const ApiContext& ctx, Router& customer, Router& admin);

class ApiServer {
 public:
  // Everything `ctx` refers to must outlive the server.
  explicit ApiServer(ApiContext ctx);
  ~ApiServer();  // Stop()
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds both listeners, then serves. On error nothing is left listening. The error names
  // the address: kInvalidArgument (malformed, admin not loopback), kUnavailable (cannot bind).
  Status Start();

  // Stops both listeners after the requests in flight are answered. Idempotent.
  void Stop();

  // Bound addresses with their real ports ("127.0.0.1:41234"); valid after Start.
  const std::string& listen_address() const { return ctx_.listen_address; }
  const std::string& admin_listen_address() const { return ctx_.admin_listen_address; }

 private:
  ApiContext ctx_;
  Router customer_router_;
  Router admin_router_;
  std::unique_ptr<HttpListener> customer_listener_;
  std::unique_ptr<HttpListener> admin_listener_;
};

}  // namespace onair::api
