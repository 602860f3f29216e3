#include "store/dispatch_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/snapshot.h>
#include <rocksdb/write_batch.h>

#include <limits>
#include <string>
#include <string_view>

#include "store/keys.h"
#include "store/record_codec.h"
#include "store/rocksdb_helpers.h"

namespace onair::store {
namespace {

std::string StateByte(DispatchState state) {
  return std::string(1, static_cast<char>(state));
}

// The state an index entry's value names; nullopt when it is not one state byte.
std::optional<DispatchState> DecodeStateByte(std::string_view value) {
  if (value.size() != 1) return std::nullopt;
  uint8_t b = static_cast<uint8_t>(value[0]);
  if (b > static_cast<uint8_t>(DispatchState::kCancelled)) return std::nullopt;
  return static_cast<DispatchState>(b);
}

// Whether `dispatch` has an outbox entry: pending, unless it waits for its customer to pull it.
bool InOutbox(const Dispatch& dispatch) {
  return dispatch.state == DispatchState::kPending &&
         TruncateToMillis(dispatch.next_attempt_at) != kAwaitingPull;
}

// The dispatch as a read would return it: times at the millisecond precision they are kept in.
Dispatch AsStored(Dispatch dispatch) {
  dispatch.detected_at = TruncateToMillis(dispatch.detected_at);
  dispatch.next_attempt_at = TruncateToMillis(dispatch.next_attempt_at);
  if (dispatch.sent_at) dispatch.sent_at = TruncateToMillis(*dispatch.sent_at);
  if (dispatch.result_at) dispatch.result_at = TruncateToMillis(*dispatch.result_at);
  return dispatch;
}

Result<Dispatch> ReadDispatch(const Database& db, const rocksdb::ReadOptions& options,
                              uint64_t seq) {
  std::string value;
  rocksdb::Status s =
      db.db()->Get(options, db.handle(Cf::kDispatches), ToSlice(EncodeU64(seq)), &value);
  if (s.IsNotFound()) {
    return Status::NotFound(fmt::format("Dispatch {} not found", FormatDispatchId(seq)));
  }
  if (!s.ok()) return Status::Internal(fmt::format("read dispatches: {}", s.ToString()));
  return DecodeDispatch(value);
}

// A dispatch an index or the outbox names: its absence is corruption, not a caller's mistake.
Result<Dispatch> ReadReferenced(const Database& db, const rocksdb::ReadOptions& options,
                                uint64_t seq, Cf from) {
  Result<Dispatch> dispatch = ReadDispatch(db, options, seq);
  if (dispatch.ok() || dispatch.status().code() != Code::kNotFound) return dispatch;
  return Status::Internal(
      fmt::format("{} names missing dispatch {}", CfName(from), FormatDispatchId(seq)));
}

bool Matches(const Dispatch& dispatch, const DispatchQuery& query) {
  return (!query.state || dispatch.state == *query.state) &&
         (!query.order_seq || dispatch.order_seq == *query.order_seq) &&
         (!query.customer_id || dispatch.customer_id == *query.customer_id);
}

}  // namespace

Result<std::unique_ptr<DispatchStore>> DispatchStore::Open(Database* db) {
  Result<uint64_t> next_seq = NextSeqAfterLastKey(*db, Cf::kDispatches, "dispatch store");
  if (!next_seq.ok()) return next_seq.status();
  return std::unique_ptr<DispatchStore>(new DispatchStore(db, *next_seq));
}

void DispatchStore::AddToBatch(rocksdb::WriteBatch* batch, const Dispatch& dispatch) const {
  const std::string state = StateByte(dispatch.state);
  batch->Put(db_->handle(Cf::kDispatches), EncodeU64(dispatch.seq), EncodeDispatch(dispatch));
  batch->Put(db_->handle(Cf::kDispatchesByOrder),
             DispatchByOrderKey(dispatch.order_seq, dispatch.seq), state);
  batch->Put(db_->handle(Cf::kDispatchesByCustomer),
             DispatchByCustomerKey(dispatch.customer_id, dispatch.seq), state);
  if (InOutbox(dispatch)) {
    batch->Put(db_->handle(Cf::kOutbox), OutboxKey(dispatch.next_attempt_at, dispatch.seq),
               rocksdb::Slice());
  }
}

Result<Dispatch> DispatchStore::Get(uint64_t seq) const {
  return ReadDispatch(*db_, rocksdb::ReadOptions(), seq);
}

Result<std::vector<Dispatch>> DispatchStore::List(const DispatchQuery& query) const {
  std::vector<Dispatch> found;
  const uint64_t after = query.after_seq.value_or(0);
  if (query.limit == 0 || after == std::numeric_limits<uint64_t>::max()) return found;

  // One snapshot for the index and the records, so a concurrent Update cannot make an index
  // entry and its record disagree.
  rocksdb::ManagedSnapshot snapshot(db_->db());
  rocksdb::ReadOptions options;
  options.snapshot = snapshot.snapshot();

  // Every customer's dispatches: the records themselves, in seq order.
  if (!query.order_seq && !query.customer_id) {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->db()->NewIterator(options, db_->handle(Cf::kDispatches)));
    for (it->Seek(EncodeU64(after + 1)); it->Valid() && found.size() < query.limit; it->Next()) {
      Result<Dispatch> dispatch = DecodeDispatch(ToView(it->value()));
      if (!dispatch.ok()) return dispatch.status();
      if (Matches(*dispatch, query)) found.push_back(std::move(dispatch).value());
    }
    ONAIR_RETURN_IF_ERROR(IteratorStatus(*it, Cf::kDispatches));
    return found;
  }

  // One order's or one customer's: walk that index, skipping other states by the entry's value.
  const Cf cf = query.order_seq ? Cf::kDispatchesByOrder : Cf::kDispatchesByCustomer;
  const std::string prefix = EncodeU64(query.order_seq ? *query.order_seq : *query.customer_id);
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(options, db_->handle(cf)));
  for (it->Seek(prefix + EncodeU64(after + 1));
       it->Valid() && it->key().starts_with(prefix) && found.size() < query.limit; it->Next()) {
    std::optional<uint64_t> seq = DecodeU64(ToView(it->key()).substr(prefix.size()));
    std::optional<DispatchState> state = DecodeStateByte(ToView(it->value()));
    if (!seq || !state) return Status::Internal(fmt::format("corrupt {} entry", CfName(cf)));
    if (query.state && *state != *query.state) continue;
    Result<Dispatch> dispatch = ReadReferenced(*db_, options, *seq, cf);
    if (!dispatch.ok()) return dispatch.status();
    if (Matches(*dispatch, query)) found.push_back(std::move(dispatch).value());
  }
  ONAIR_RETURN_IF_ERROR(IteratorStatus(*it, cf));
  return found;
}

Result<std::vector<Dispatch>> DispatchStore::Due(TimePoint now, size_t limit) const {
  std::vector<Dispatch> due;
  if (limit == 0) return due;

  rocksdb::ManagedSnapshot snapshot(db_->db());
  rocksdb::ReadOptions options;
  options.snapshot = snapshot.snapshot();
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(options, db_->handle(Cf::kOutbox)));
  for (it->SeekToFirst(); it->Valid() && due.size() < limit; it->Next()) {
    std::optional<std::pair<TimePoint, uint64_t>> entry = DecodeOutboxKey(ToView(it->key()));
    if (!entry) return Status::Internal("corrupt outbox entry");
    if (entry->first > now) break;  // the outbox is in due order: nothing later is due either
    Result<Dispatch> dispatch = ReadReferenced(*db_, options, entry->second, Cf::kOutbox);
    if (!dispatch.ok()) return dispatch.status();
    due.push_back(std::move(dispatch).value());
  }
  ONAIR_RETURN_IF_ERROR(IteratorStatus(*it, Cf::kOutbox));
  return due;
}

std::optional<TimePoint> DispatchStore::NextDue() const {
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->handle(Cf::kOutbox)));
  it->SeekToFirst();
  if (!it->status().ok()) return TimePoint();
  if (!it->Valid()) return std::nullopt;
  std::optional<std::pair<TimePoint, uint64_t>> entry = DecodeOutboxKey(ToView(it->key()));
  if (!entry) return TimePoint();
  return entry->first;
}

Result<Dispatch> DispatchStore::Update(uint64_t seq,
                                       const std::function<Status(Dispatch&)>& change) {
  std::lock_guard<std::mutex> lock(stripes_[seq % stripes_.size()]);
  Result<Dispatch> stored = Get(seq);
  if (!stored.ok()) return stored.status();
  Dispatch updated = *stored;
  ONAIR_RETURN_IF_ERROR(change(updated));
  // The keys of the record and of both indexes are made of these.
  if (updated.seq != stored->seq || updated.order_seq != stored->order_seq ||
      updated.customer_id != stored->customer_id) {
    return Status::FailedPrecondition(
        fmt::format("Dispatch {}: seq, order and customer cannot change", FormatDispatchId(seq)));
  }

  // Delete before AddToBatch puts: when the entry stays where it was, the put comes later in the
  // batch and wins.
  rocksdb::WriteBatch batch;
  if (InOutbox(*stored)) {
    batch.Delete(db_->handle(Cf::kOutbox), OutboxKey(stored->next_attempt_at, seq));
  }
  AddToBatch(&batch, updated);
  ONAIR_RETURN_IF_ERROR(db_->Write(&batch));
  return AsStored(std::move(updated));
}

}  // namespace onair::store
