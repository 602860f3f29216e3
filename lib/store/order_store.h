// OrderStore: orders and their two indexes (customer order id, per-customer listing).
// Thread-safe. Creates without a customer order id take no lock (concurrent ones share fsyncs
// through group commit); creates with one are serialised on a striped lock, so of those with the
// same customer and customer order id exactly one wins.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/order.h"
#include "core/result.h"
#include "store/database.h"

namespace onair::store {

struct CreateOrderOutcome {
  bool created = false;
  // created: the stored order with its new seq. Not created: the order that already holds the
  // same customer order id for this customer.
  Order order;
};

struct OrderQuery {
  std::optional<uint64_t> customer_id;
  std::optional<OrderStatus> status;             // compared with EffectiveStatus at `now`
  std::optional<std::string> customer_order_id;  // REQUIRES: customer_id set
  std::optional<uint64_t> before_seq;            // cursor: only orders with a smaller seq
  size_t limit = 20;
  TimePoint now;
};

struct OrderPage {
  std::vector<Order> orders;            // newest first
  std::optional<uint64_t> next_before;  // pass as before_seq for the next page; unset at the end
};

class OrderStore {
 public:
  // Reads the largest stored seq so new ids continue after it. `db` must outlive the store.
  static Result<std::unique_ptr<OrderStore>> Open(Database* db);

  // Assigns the next seq to `order` and stores it with its index entries in one synced batch.
  // When the customer already has an order with the same customer_order_id nothing is written
  // and the existing order is returned (created = false).
  Result<CreateOrderOutcome> Create(Order order);

  // kNotFound when there is no order `seq`.
  Result<Order> Get(uint64_t seq) const;

  // Newest first. A customer_order_id query reads the index (at most one order); next_before is
  // set only when at least one more matching order exists.
  Result<OrderPage> List(const OrderQuery& query) const;

  // Overwrites a stored order (status changes). kNotFound when it does not exist.
  Status Put(const Order& order);

  // Reads order `seq`, lets `change` edit it and writes the result, all under the order's lock,
  // so two read-modify-writes of one order (a cancel and the expiry) never overwrite each other:
  // each sees what the other stored. When `change` returns an error nothing is written and that
  // error is returned; kNotFound as Get; kFailedPrecondition when `change` alters seq, customer
  // or customer order id. Returns the order as written.
  Result<Order> Update(uint64_t seq, const std::function<Status(Order&)>& change);

  uint64_t last_seq() const { return next_seq_.load() - 1; }

 private:
  explicit OrderStore(Database* db, uint64_t next_seq) : db_(db), next_seq_(next_seq) {}

  Database* const db_;
  std::atomic<uint64_t> next_seq_;
  // Striped by hash of (customer id, customer order id); held across the check and the write.
  mutable std::array<std::mutex, 64> stripes_;
  // Striped by seq; held across the read, change and write of Put and Update.
  std::array<std::mutex, 64> update_stripes_;
};

}  // namespace onair::store
