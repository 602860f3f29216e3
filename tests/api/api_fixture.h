// ApiFixture: the customer and admin route tables of onaird over real stores in a temp directory,
// a scheduler and delivery workers that run only when a test says so, and a clock the test
// moves. Requests go through the real routers without sockets; answers are read with JSON
// pointers, so assertions state exact values. One fixture per test; not thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../support/temp_dir.h"
#include "api/api_context.h"
#include "api/router.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/rate_limiter.h"
#include "core/zoned_time.h"
#include "deliver/delivery_service.h"
#include "store/customer_store.h"
#include "store/database.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"
#include "store/page_connection_store.h"
#include "store/watch_store.h"
#include "watch/graph_webhook.h"
#include "watch/scheduler.h"

namespace onair::testing {

using api::HttpReply;
using api::HttpRequest;
using api::Router;

// 2025-12-01T09:00:00+08:00 (Asia/Manila), the start of docs/firing-rules.md's timeline.
inline const TimePoint kStart = TimePoint(std::chrono::seconds(1764550800));

struct Answer {
  int status = 0;
  std::string body;
  std::string content_type;

  // The JSON at `pointer` ("/data/state"), minified: "\"acked\"", "3", "null"; "<absent>" when
  // the body has nothing there, "<not json>" when it does not parse.
  std::string At(std::string_view pointer) const;
  // The string at `pointer` without its quotes; "<absent>" or "<not a string>" otherwise.
  std::string Text(std::string_view pointer) const;
  // How many elements the array at `pointer` has; -1 when it is not an array.
  int Count(std::string_view pointer) const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

struct FixtureOptions {
  bool graph_webhook = false;  // app secret "appsecret", verify token "vtok"
};

class ApiFixture {
 public:
  explicit ApiFixture(FixtureOptions options = {});
  ~ApiFixture();

  // A request to the customer API with `key` ("" for none) and, when not empty, a JSON body.
  Answer Customer(const std::string& key, const std::string& method, const std::string& path,
                  const std::string& body = "");
  // A request to the admin API with the admin token.
  Answer Admin(const std::string& method, const std::string& path, const std::string& body = "");
  // A request to the customer API with the given headers and body, nothing added.
  Answer Raw(const std::string& method, const std::string& path, const Headers& headers,
             const std::string& body);

  // Creates customer `name` (with `roles`) through the admin API and returns its key.
  std::string AddCustomer(const std::string& name, const std::vector<std::string>& roles = {});
  // Services 1 ("60 Minutes Live Viewers") and 3 ("180 Minutes Live Viewers"), 10..5000 each.
  void AddServices();
  // Places an order through the customer API; returns its id ("MP-000001"). `body_fields` are
  // put before "services", e.g. R"("daily_limit": 2,)".
  std::string PlaceOrder(const std::string& key, const std::string& url,
                         const std::string& services_json, const std::string& body_fields = "");

  // Applies what the scheduler has queued and what is due now.
  void RunScheduler() { scheduler_->RunDue(); }
  // Pushes a live report through the admin API and applies it.
  void Report(const std::string& url, bool live, std::optional<int64_t> viewers = std::nullopt,
              const std::string& stream_id = "");

  FakeClock& clock() { return clock_; }
  store::DispatchStore& dispatches() { return *dispatches_; }
  store::OrderStore& orders() { return *orders_; }
  watch::Scheduler& scheduler() { return *scheduler_; }
  deliver::DeliveryService& delivery() { return *delivery_; }

 private:
  Answer Send(Router& router, HttpRequest request);

  TempDir dir_;
  FakeClock clock_{kStart};
  TimeZone zone_;
  Config config_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::OrderStore> orders_;
  std::unique_ptr<store::CustomerStore> customers_;
  std::unique_ptr<store::KeyStore> keys_;
  std::unique_ptr<store::ServiceStore> services_;
  std::unique_ptr<store::DispatchStore> dispatches_;
  std::unique_ptr<store::WatchStore> watch_;
  std::unique_ptr<store::PageConnectionStore> page_connections_;
  std::unique_ptr<deliver::DeliveryService> delivery_;
  std::unique_ptr<watch::Scheduler> scheduler_;
  std::unique_ptr<watch::GraphWebhook> graph_webhook_;
  std::unique_ptr<RateLimiter> order_limiter_;
  std::unique_ptr<RateLimiter> read_limiter_;
  std::unique_ptr<api::ApiContext> ctx_;
  Router customer_router_{"api"};
  Router admin_router_{"admin"};
  int next_request_ = 1;
};

}  // namespace onair::testing
