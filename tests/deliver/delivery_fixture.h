// DeliveryFixture: a database in its own temp directory with the stores DeliveryService needs,
// a fake clock, one customer and one order, and helpers to write and read dispatches. Reopen()
// closes and opens it all again, as a restart of onaird would. Not thread-safe.
#pragma once

#include <doctest/doctest.h>
#include <rocksdb/write_batch.h>

#include <chrono>
#include <memory>
#include <string>

#include "../support/temp_dir.h"
#include "core/clock.h"
#include "core/zoned_time.h"
#include "deliver/delivery_service.h"
#include "store/customer_store.h"
#include "store/database.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"

namespace onair::testing {

// 2025-11-08T02:00:00Z, 10:00 in Manila: the fixed start of every fake clock here.
inline const TimePoint kStart = TimePoint(std::chrono::seconds(1762567200));

// The secret of every webhook customer here, and the 32 bytes behind it (0x00 to 0x1f).
inline constexpr std::string_view kSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

class DeliveryFixture {
 public:
  DeliveryFixture() : clock_(kStart), zone_(TimeZone::Load("Asia/Manila").value()) { Open(); }

  void Reopen() {
    Close();
    Open();
  }

  FakeClock& clock() { return clock_; }
  store::DispatchStore& dispatches() { return *dispatches_; }
  store::CustomerStore& customers() { return *customers_; }

  // A customer with `webhook_url` (empty: it pulls) and kSecret; returns its id.
  uint64_t AddCustomer(const std::string& name, const std::string& webhook_url) {
    Customer customer;
    customer.name = name;
    customer.webhook_url = webhook_url;
    customer.webhook_secret = webhook_url.empty() ? "" : std::string(kSecret);
    customer.created_at = kStart;
    Result<Customer> created = customers_->Create(customer);
    REQUIRE(created.ok());
    return created->id;
  }

  // An order of `customer_id` for facebook.com/username; returns its seq.
  uint64_t AddOrder(uint64_t customer_id) {
    Order order;
    order.customer_id = customer_id;
    order.customer_order_id = "321421321";
    order.url = "https://facebook.com/username";
    order.page = "https://www.facebook.com/username";
    order.created_at = kStart;
    order.expires_at = kStart + std::chrono::hours(24 * 30);
    order.services.push_back(OrderLine{3, "180 Minutes Live Viewers", 200, 100});
    Result<store::CreateOrderOutcome> created = orders_->Create(order);
    REQUIRE(created.ok());
    return created->order.seq;
  }

  // Writes a pending dispatch of service 3 of `order_seq`, due now, as the scheduler would;
  // returns its seq.
  uint64_t AddDispatch(uint64_t order_seq, uint64_t customer_id) {
    Dispatch d;
    d.seq = dispatches_->NextSeq();
    d.order_seq = order_seq;
    d.customer_id = customer_id;
    d.service_id = 3;
    d.service_name = "180 Minutes Live Viewers";
    d.quantity = 200;
    d.min_viewers = 100;
    d.page = "https://www.facebook.com/username";
    d.session = 1;
    d.stream_id = "1234567890";
    d.viewers = 153;
    d.detected_at = clock_.Now();
    d.next_attempt_at = clock_.Now();
    rocksdb::WriteBatch batch;
    dispatches_->AddToBatch(&batch, d);
    REQUIRE(db_->Write(&batch).ok());
    return d.seq;
  }

  Dispatch Get(uint64_t seq) {
    Result<Dispatch> dispatch = dispatches_->Get(seq);
    REQUIRE(dispatch.ok());
    return *dispatch;
  }

  // The dependencies of a DeliveryService on this fixture; jitter fixed at none.
  deliver::DeliveryDeps Deps(const Clock* clock = nullptr) {
    deliver::DeliveryDeps deps;
    deps.clock = clock ? clock : &clock_;
    deps.zone = &zone_;
    deps.dispatches = dispatches_.get();
    deps.orders = orders_.get();
    deps.customers = customers_.get();
    deps.uniform = [] { return 0.5; };
    return deps;
  }

 private:
  void Open() {
    Result<std::unique_ptr<store::Database>> db = store::Database::Open(dir_.Sub("db"));
    REQUIRE(db.ok());
    db_ = std::move(db).value();
    Result<std::unique_ptr<store::OrderStore>> orders = store::OrderStore::Open(db_.get());
    REQUIRE(orders.ok());
    orders_ = std::move(orders).value();
    customers_ = std::make_unique<store::CustomerStore>(db_.get());
    Result<std::unique_ptr<store::DispatchStore>> dispatches =
        store::DispatchStore::Open(db_.get());
    REQUIRE(dispatches.ok());
    dispatches_ = std::move(dispatches).value();
  }

  void Close() {
    dispatches_.reset();
    customers_.reset();
    orders_.reset();
    db_.reset();
  }

  TempDir dir_;
  FakeClock clock_;
  TimeZone zone_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::OrderStore> orders_;
  std::unique_ptr<store::CustomerStore> customers_;
  std::unique_ptr<store::DispatchStore> dispatches_;
};

}  // namespace onair::testing
