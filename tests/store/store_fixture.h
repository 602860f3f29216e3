// StoreFixture: a database in its own temp directory with every store opened on it, and helpers
// that render store state as short strings so assertions read as expectations.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "store/customer_store.h"
#include "store/database.h"
#include "store/dispatch_store.h"
#include "store/order_store.h"
#include "store/watch_store.h"
#include "temp_dir.h"

namespace onair::testing {

// 2025-11-08T02:00:00Z: a fixed "now" with whole milliseconds, as stored times are.
inline const TimePoint kNow = TimePoint(std::chrono::milliseconds(1762567200000));

// Runs the calling test twice: with synced WAL writes (what onaird does) and without.
inline store::DatabaseOptions SyncVariant() {
  store::DatabaseOptions options;
  SUBCASE("with synced writes") {
    options.sync_writes = true;
  }
  SUBCASE("without synced writes") {
    options.sync_writes = false;
  }
  return options;
}

inline Order MakeOrder(uint64_t customer_id, std::optional<std::string> customer_order_id = {}) {
  Order order;
  order.customer_id = customer_id;
  order.customer_order_id = std::move(customer_order_id);
  order.url = "https://facebook.com/username";
  order.page = "https://www.facebook.com/username";
  order.created_at = kNow;
  order.expires_at = kNow + std::chrono::hours(24 * 30);
  order.services.push_back(OrderLine{3, "180 Minutes Live Viewers", 200, std::nullopt});
  return order;
}

// "7 6 5": the seqs of a page, newest first; " | next 5" when a next page is announced.
inline std::string Describe(const store::OrderPage& page) {
  std::string out;
  for (const Order& order : page.orders) {
    if (!out.empty()) out += ' ';
    out += std::to_string(order.seq);
  }
  if (page.next_before) out += " | next " + std::to_string(*page.next_before);
  return out;
}

class StoreFixture {
 public:
  explicit StoreFixture(store::DatabaseOptions options = {}) : options_(options) { Open(); }

  // Closes everything and opens the same directory again, as a restart of onaird would.
  void Reopen() {
    Close();
    Open();
  }

  store::Database& db() { return *db_; }
  store::OrderStore& orders() { return *orders_; }
  store::CustomerStore& customers() { return *customers_; }
  store::KeyStore& keys() { return *keys_; }
  store::ServiceStore& services() { return *services_; }
  store::DispatchStore& dispatches() { return *dispatches_; }
  store::WatchStore& watch() { return *watch_; }
  const TempDir& dir() const { return dir_; }

  // Creates an order and returns its seq; fails the test on error.
  uint64_t AddOrder(Order order) {
    Result<store::CreateOrderOutcome> outcome = orders_->Create(std::move(order));
    REQUIRE(outcome.ok());
    REQUIRE(outcome->created);
    return outcome->order.seq;
  }

  std::string List(const store::OrderQuery& query) {
    Result<store::OrderPage> page = orders_->List(query);
    REQUIRE(page.ok());
    return Describe(*page);
  }

 private:
  void Open() {
    Result<std::unique_ptr<store::Database>> db = store::Database::Open(dir_.Sub("db"), options_);
    REQUIRE(db.ok());
    db_ = std::move(db).value();
    Result<std::unique_ptr<store::OrderStore>> orders = store::OrderStore::Open(db_.get());
    REQUIRE(orders.ok());
    orders_ = std::move(orders).value();
    customers_ = std::make_unique<store::CustomerStore>(db_.get());
    keys_ = std::make_unique<store::KeyStore>(db_.get());
    services_ = std::make_unique<store::ServiceStore>(db_.get());
    Result<std::unique_ptr<store::DispatchStore>> dispatches =
        store::DispatchStore::Open(db_.get());
    REQUIRE(dispatches.ok());
    dispatches_ = std::move(dispatches).value();
    watch_ = std::make_unique<store::WatchStore>(db_.get(), dispatches_.get());
  }

  void Close() {
    watch_.reset();
    dispatches_.reset();
    services_.reset();
    keys_.reset();
    customers_.reset();
    orders_.reset();
    db_.reset();
  }

  TempDir dir_;
  store::DatabaseOptions options_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::OrderStore> orders_;
  std::unique_ptr<store::CustomerStore> customers_;
  std::unique_ptr<store::KeyStore> keys_;
  std::unique_ptr<store::ServiceStore> services_;
  std::unique_ptr<store::DispatchStore> dispatches_;
  std::unique_ptr<store::WatchStore> watch_;
};

}  // namespace onair::testing
