// DeliveryService: sends pending dispatches to their customers' webhooks, signed as Standard
// Webhooks says, and retries failures on the configured schedule until they are sent or
// undeliverable (docs/webhooks.md). Dispatches of customers without a webhook stay pending for
// them to pull: a worker sets them aside with next_attempt_at = kAwaitingPull, which takes them
// out of the outbox. A few worker threads; public methods are thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "core/zoned_time.h"
#include "store/customer_store.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"

namespace onair::deliver {

struct DeliveryOptions {
  int workers = 4;
  std::chrono::seconds timeout{10};  // connect, each read and write, and the whole answer
  size_t max_response_bytes = 64 * 1024;
  std::chrono::seconds retry_initial{30};  // n-th retry waits initial * 2^(n-1), capped, ±jitter
  std::chrono::seconds retry_max{7200};
  double retry_jitter = 0.2;
  int max_attempts = 18;
  std::string order_id_prefix = "MP-";
  std::string ca_file;  // PEM CAs trusted for https endpoints instead of the system's
};

struct DeliveryDeps {
  const Clock* clock = nullptr;
  const TimeZone* zone = nullptr;
  store::DispatchStore* dispatches = nullptr;
  store::OrderStore* orders = nullptr;
  store::CustomerStore* customers = nullptr;
  // Draws from [0, 1) for the retry jitter; unset: a generator seeded from std::random_device.
  // Tests fix it. Called from the worker threads, one call at a time.
  std::function<double()> uniform;
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
  // (REQUIRES: not started). Each dispatch due at the call gets one attempt at most. Returns the
  // number of attempts made (dispatches set aside for pulling are not attempts).
  int RunDue();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onair::deliver
