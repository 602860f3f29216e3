// ApiContext: everything the route handlers depend on, passed in by the daemon (no singletons).
// The referenced objects must outlive the listeners; the context itself is filled before the
// listeners start and only read afterwards, so handlers share it by const reference.
#pragma once

#include <string>

#include "config/config.h"
#include "core/clock.h"
#include "core/rate_limiter.h"
#include "core/zoned_time.h"
#include "store/customer_store.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"
#include "store/page_connection_store.h"
#include "store/watch_store.h"
#include "wire/json_out.h"

namespace onair::deliver {
class DeliveryService;
}  // namespace onair::deliver

namespace onair::watch {
class GraphWebhook;
class Scheduler;
}  // namespace onair::watch

namespace onair::api {

struct ApiContext {
  const Config& config;
  const Clock& clock;
  const TimeZone& zone;

  store::OrderStore& orders;
  store::CustomerStore& customers;
  store::KeyStore& keys;
  store::ServiceStore& services;
  store::DispatchStore& dispatches;
  store::WatchStore& watch;
  store::PageConnectionStore& page_connections;

  // Told about orders created and cancelled and about pushed live reports.
  watch::Scheduler& scheduler;
  // Woken when an admin makes a dispatch due again.
  deliver::DeliveryService& delivery;
  // The Graph webhook's receiving end; nullptr unless Config::GraphWebhookEnabled(), and then
  // /graph/webhook is not routed.
  watch::GraphWebhook* graph_webhook = nullptr;

  RateLimiter& order_limiter;  // POST /api/order
  RateLimiter& read_limiter;   // every other customer route

  std::string admin_token;  // NOTE: a secret; compared in constant time, never logged
  std::string version;
  TimePoint started_at;

  // The addresses the listeners bound ("127.0.0.1:41234"), for GET /admin/status; set by
  // ApiServer::Start before any request is served.
  std::string listen_address;
  std::string admin_listen_address;
};

// How orders are rendered for readers at `now` under this context's prefix and zone.
inline wire::RenderContext RenderingAt(const ApiContext& ctx, TimePoint now) {
  return wire::RenderContext{ctx.config.order_id_prefix, &ctx.zone, now};
}

}  // namespace onair::api
