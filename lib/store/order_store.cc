#include "store/order_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <functional>
#include <limits>

#include "store/keys.h"
#include "store/record_codec.h"
#include "store/rocksdb_helpers.h"

namespace onair::store {
namespace {

bool Matches(const Order& order, const OrderQuery& query) {
  return !query.status || EffectiveStatus(order, query.now) == *query.status;
}

// Collects up to `limit` matches and looks one further, so next_before is set exactly when
// another page has something in it.
class PageBuilder {
 public:
  explicit PageBuilder(size_t limit) : limit_(limit) {}

  // Returns false once the page is full and one more match was seen: stop scanning.
  bool Add(Order order) {
    if (page_.orders.size() == limit_) {
      page_.next_before = page_.orders.back().seq;
      return false;
    }
    page_.orders.push_back(std::move(order));
    return true;
  }

  OrderPage Take() { return std::move(page_); }

 private:
  const size_t limit_;
  OrderPage page_;
};

}  // namespace

Result<std::unique_ptr<OrderStore>> OrderStore::Open(Database* db) {
  Result<uint64_t> next_seq = NextSeqAfterLastKey(*db, Cf::kOrders, "order store");
  if (!next_seq.ok()) return next_seq.status();
  return std::unique_ptr<OrderStore>(new OrderStore(db, *next_seq));
}

Result<CreateOrderOutcome> OrderStore::Create(Order order) {
  order.created_at = TruncateToMillis(order.created_at);
  order.expires_at = TruncateToMillis(order.expires_at);

  // Only orders carrying a customer order id can collide, and only with the same id of the same
  // customer, so they alone take a (striped) lock. Everything else goes straight to the write,
  // where RocksDB's group commit lets concurrent creates share one fsync.
  std::unique_lock<std::mutex> lock;
  std::string index_key;
  if (order.customer_order_id) {
    index_key = CustomerOrderKey(order.customer_id, *order.customer_order_id);
    size_t stripe = std::hash<std::string>()(index_key) % stripes_.size();
    lock = std::unique_lock<std::mutex>(stripes_[stripe]);

    std::string existing_seq;
    Status s = db_->Get(Cf::kCustomerOrders, index_key, &existing_seq);
    if (s.ok()) {
      std::optional<uint64_t> seq = DecodeU64(existing_seq);
      if (!seq) return Status::Internal("corrupt customer_orders entry");
      Result<Order> existing = Get(*seq);
      if (!existing.ok()) return existing.status().WithContext("read indexed order");
      return CreateOrderOutcome{false, std::move(existing).value()};
    }
    if (s.code() != Code::kNotFound) return s;
  }

  order.seq = next_seq_.fetch_add(1);
  std::string seq_key = EncodeU64(order.seq);
  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kOrders), ToSlice(seq_key), EncodeOrder(order));
  if (order.customer_order_id) {
    batch.Put(db_->handle(Cf::kCustomerOrders), ToSlice(index_key), ToSlice(seq_key));
  }
  batch.Put(db_->handle(Cf::kOrdersByCustomer), OrderByCustomerKey(order.customer_id, order.seq),
            rocksdb::Slice());
  ONAIR_RETURN_IF_ERROR(db_->Write(&batch));
  return CreateOrderOutcome{true, std::move(order)};
}

Result<Order> OrderStore::Get(uint64_t seq) const {
  std::string value;
  Status s = db_->Get(Cf::kOrders, EncodeU64(seq), &value);
  if (s.code() == Code::kNotFound) return Status::NotFound(fmt::format("Order {} not found", seq));
  ONAIR_RETURN_IF_ERROR(s);
  return DecodeOrder(value);
}

Result<OrderPage> OrderStore::List(const OrderQuery& query) const {
  PageBuilder page(query.limit);
  if (query.limit == 0) return page.Take();
  const uint64_t before = query.before_seq.value_or(std::numeric_limits<uint64_t>::max());
  if (before == 0) return page.Take();

  // A customer order id names at most one order: read it through the index.
  if (query.customer_order_id) {
    std::string seq_bytes;
    Status s = db_->Get(Cf::kCustomerOrders,
                        CustomerOrderKey(query.customer_id.value_or(0), *query.customer_order_id),
                        &seq_bytes);
    if (s.code() == Code::kNotFound) return page.Take();
    ONAIR_RETURN_IF_ERROR(s);
    std::optional<uint64_t> seq = DecodeU64(seq_bytes);
    if (!seq) return Status::Internal("corrupt customer_orders entry");
    if (*seq >= before) return page.Take();
    Result<Order> order = Get(*seq);
    if (!order.ok()) return order.status().WithContext("read indexed order");
    if (Matches(*order, query)) page.Add(std::move(order).value());
    return page.Take();
  }

  // One customer's orders: walk that customer's index entries backwards from `before`.
  if (query.customer_id) {
    const std::string prefix = EncodeU64(*query.customer_id);
    std::unique_ptr<rocksdb::Iterator> it(
        db_->db()->NewIterator(rocksdb::ReadOptions(), db_->handle(Cf::kOrdersByCustomer)));
    for (it->SeekForPrev(OrderByCustomerKey(*query.customer_id, before - 1));
         it->Valid() && it->key().starts_with(prefix); it->Prev()) {
      std::optional<uint64_t> seq = DecodeU64(ToView(it->key()).substr(prefix.size()));
      if (!seq) return Status::Internal("corrupt orders_by_customer key");
      Result<Order> order = Get(*seq);
      if (!order.ok()) return order.status().WithContext("read indexed order");
      if (Matches(*order, query) && !page.Add(std::move(order).value())) break;
    }
    ONAIR_RETURN_IF_ERROR(IteratorStatus(*it, Cf::kOrdersByCustomer));
    return page.Take();
  }

  // Every customer's orders.
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->handle(Cf::kOrders)));
  for (it->SeekForPrev(EncodeU64(before - 1)); it->Valid(); it->Prev()) {
    Result<Order> order = DecodeOrder(ToView(it->value()));
    if (!order.ok()) return order.status();
    if (Matches(*order, query) && !page.Add(std::move(order).value())) break;
  }
  ONAIR_RETURN_IF_ERROR(IteratorStatus(*it, Cf::kOrders));
  return page.Take();
}

Status OrderStore::Put(const Order& order) {
  return Update(order.seq,
                [&](Order& stored) {
                  stored = order;
                  return Status::Ok();
                })
      .status();
}

Result<Order> OrderStore::Update(uint64_t seq, const std::function<Status(Order&)>& change) {
  std::lock_guard<std::mutex> lock(update_stripes_[seq % update_stripes_.size()]);
  Result<Order> stored = Get(seq);
  if (!stored.ok()) return stored.status();
  Order updated = *stored;
  ONAIR_RETURN_IF_ERROR(change(updated));
  // The record and the indexes are keyed on these; changing them would leave the indexes
  // pointing wrong.
  if (updated.seq != stored->seq || updated.customer_id != stored->customer_id ||
      updated.customer_order_id != stored->customer_order_id) {
    return Status::FailedPrecondition(
        fmt::format("Order {}: customer and customer order id cannot change", seq));
  }
  updated.created_at = TruncateToMillis(updated.created_at);
  updated.expires_at = TruncateToMillis(updated.expires_at);

  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kOrders), EncodeU64(seq), EncodeOrder(updated));
  ONAIR_RETURN_IF_ERROR(db_->Write(&batch));
  return updated;
}

}  // namespace onair::store
