// DeliveryService: sends pending dispatches to their customers' webhooks, signed as Standard
// Webhooks says, and retries failures on the configured schedule until they are sent or
// undeliverable (docs/webhooks.md). Dispatches of customers without a webhook stay pending for
// them to pull. A few worker threads; public methods are thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "core/clock.h"
#include "core/result.h"
#include "core/zoned_time.h"
#include "store/customer_store.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"

namespace onair::deliver {

struct DeliveryOptions {
  int workers = 4;
  std::chrono::seconds timeout{10};          // connect + read + write of one attempt
  size_t max_response_bytes = 64 * 1024;
  std::chrono::seconds retry_initial{30};    // n-th retry waits initial * 2^(n-1), capped, ±jitter
  std::chrono::seconds retry_max{7200};
  double retry_jitter = 0.2;
  int max_attempts = 18;
  std::string order_id_prefix = "MP-";
};

struct DeliveryDeps {
  const Clock* clock = nullptr;
  const TimeZone* zone = nullptr;
  store::DispatchStore* dispatches = nullptr;
  store::OrderStore* orders = nullptr;
  store::CustomerStore* customers = nullptr;
};

class DeliveryService {
 public:
  DeliveryService(DeliveryDeps deps, DeliveryOptions options);
  ~DeliveryService();  // stops the workers if running

  void Start();
  void Stop();  // finishes attempts under way, then joins

  // New dispatches were written or one was set back to pending: look at the outbox now.
  void Notify();

  // Makes every attempt due at clock->Now() on the caller's thread, for tests on a fake clock
  // (REQUIRES: not started). Returns the number of attempts made.
  int RunDue();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onair::deliver
