// LiveServices: the half of onaird that works after intake: the stores of dispatches, watch state
// and page connections, the detector of the configured kind, the scheduler, the delivery workers
// and (when configured) the Graph webhook's receiving end, built from the Config and started and
// stopped in the order that loses nothing. Used from onaird's main thread only; the parts it
// hands out are thread-safe.
#pragma once

#include <memory>

#include "config/config.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/zoned_time.h"
#include "deliver/delivery_service.h"
#include "store/customer_store.h"
#include "store/database.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"
#include "store/page_connection_store.h"
#include "store/watch_store.h"
#include "watch/detector.h"
#include "watch/graph_webhook.h"
#include "watch/scheduler.h"

namespace onair::daemon {

// The options of each part, from the config.
watch::SchedulerOptions SchedulerOptionsFrom(const Config& config);
deliver::DeliveryOptions DeliveryOptionsFrom(const Config& config);

class LiveServices {
 public:
  // Opens the stores on `db` and builds the parts; starts nothing but the detector's probe
  // threads. Everything passed in must outlive the object. kInvalidArgument when the detector
  // refuses its settings (say, an http_url template it cannot use).
  static Result<std::unique_ptr<LiveServices>> Create(const Config& config, const Clock& clock,
                                                      const TimeZone& zone, store::Database* db,
                                                      store::OrderStore* orders,
                                                      store::CustomerStore* customers);
  ~LiveServices();  // Stop()

  // Loads the scheduler's orders and page states. Call before the API takes orders.
  [[nodiscard]] Status Load();
  // Starts the delivery workers, then the scheduler.
  void Start();
  // Stops the scheduler, then the detector's probes, then the delivery workers (attempts under
  // way finish). Call after the listeners stopped, so nothing new arrives. Idempotent.
  void Stop();

  store::DispatchStore& dispatches() { return *dispatches_; }
  store::WatchStore& watch() { return *watch_; }
  store::PageConnectionStore& page_connections() { return *page_connections_; }
  watch::Scheduler& scheduler() { return *scheduler_; }
  deliver::DeliveryService& delivery() { return *delivery_; }
  // nullptr unless Config::GraphWebhookEnabled().
  watch::GraphWebhook* graph_webhook() { return graph_webhook_.get(); }

 private:
  LiveServices() = default;

  // Declared in construction order; destroyed in reverse (the scheduler before the detector it
  // uses, the stores last).
  std::unique_ptr<store::DispatchStore> dispatches_;
  std::unique_ptr<store::WatchStore> watch_;
  std::unique_ptr<store::PageConnectionStore> page_connections_;
  std::unique_ptr<watch::GraphWebhook> graph_webhook_;
  std::unique_ptr<deliver::DeliveryService> delivery_;
  std::unique_ptr<watch::Detector> detector_;  // nullptr for the push detector
  std::unique_ptr<watch::Scheduler> scheduler_;
  bool started_ = false;
};

}  // namespace onair::daemon
