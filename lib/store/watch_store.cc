#include "store/watch_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/snapshot.h>
#include <rocksdb/write_batch.h>

#include <string_view>

#include "store/keys.h"
#include "store/record_codec.h"
#include "store/rocksdb_helpers.h"

namespace onair::store {
namespace {

// A detection counter's value; 0 when it was never written.
Result<uint64_t> ReadCounter(const Database& db, const rocksdb::ReadOptions& options,
                             const std::string& key) {
  std::string value;
  rocksdb::Status s = db.db()->Get(options, db.handle(Cf::kCounters), ToSlice(key), &value);
  if (s.IsNotFound()) return uint64_t{0};
  if (!s.ok()) return Status::Internal(fmt::format("read counters: {}", s.ToString()));
  std::optional<uint64_t> count = DecodeU64(value);
  if (!count) return Status::Internal("corrupt detection counter");
  return *count;
}

}  // namespace

Result<std::vector<PageState>> WatchStore::LoadPages() const {
  std::vector<PageState> pages;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->handle(Cf::kPages)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Result<PageState> page = DecodePageState(ToView(it->value()));
    if (!page.ok()) return page.status();
    pages.push_back(std::move(page).value());
  }
  ONAIR_RETURN_IF_ERROR(IteratorStatus(*it, Cf::kPages));
  return pages;
}

Result<PageState> WatchStore::GetPage(const std::string& page) const {
  std::string value;
  Status s = db_->Get(Cf::kPages, page, &value);
  if (s.code() == Code::kNotFound) {
    return Status::NotFound(fmt::format("Page {} has no saved state", page));
  }
  ONAIR_RETURN_IF_ERROR(s);
  return DecodePageState(value);
}

Result<std::map<uint64_t, OrderSessionState>> WatchStore::LoadSessions() const {
  std::map<uint64_t, OrderSessionState> sessions;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->handle(Cf::kOrderSessions)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::optional<uint64_t> order_seq = DecodeU64(ToView(it->key()));
    if (!order_seq) return Status::Internal("corrupt order_sessions key");
    Result<OrderSessionState> state = DecodeOrderSessionState(ToView(it->value()));
    if (!state.ok()) return state.status();
    sessions.emplace(*order_seq, std::move(state).value());
  }
  ONAIR_RETURN_IF_ERROR(IteratorStatus(*it, Cf::kOrderSessions));
  return sessions;
}

Result<DetectionCounts> WatchStore::Detections(uint64_t order_seq, int64_t day) const {
  // Both counters change in one batch; one snapshot reads them from the same moment.
  rocksdb::ManagedSnapshot snapshot(db_->db());
  rocksdb::ReadOptions options;
  options.snapshot = snapshot.snapshot();
  Result<uint64_t> on_day = ReadCounter(*db_, options, DetectionDayKey(order_seq, day));
  if (!on_day.ok()) return on_day.status();
  Result<uint64_t> total = ReadCounter(*db_, options, DetectionTotalKey(order_seq));
  if (!total.ok()) return total.status();
  return DetectionCounts{static_cast<int64_t>(*on_day), static_cast<int64_t>(*total)};
}

Status WatchStore::Commit(const FiringCommit& commit) {
  if (commit.page.page.empty()) return Status::InvalidArgument("page state without a page");
  for (const Dispatch& dispatch : commit.dispatches) {
    if (dispatch.seq == 0) return Status::InvalidArgument("dispatch without a reserved seq");
  }

  std::lock_guard<std::mutex> lock(write_mutex_);
  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kPages), commit.page.page, EncodePageState(commit.page));
  for (const auto& [order_seq, state] : commit.sessions) {
    batch.Put(db_->handle(Cf::kOrderSessions), EncodeU64(order_seq),
              EncodeOrderSessionState(state));
  }

  // Sum the increments per counter first, so two detections of one order in one commit add up
  // instead of the second overwriting the first.
  std::map<std::string, uint64_t> increments;
  for (const auto& [order_seq, day] : commit.detections) {
    ++increments[DetectionDayKey(order_seq, day)];
    ++increments[DetectionTotalKey(order_seq)];
  }
  for (const auto& [key, increment] : increments) {
    Result<uint64_t> count = ReadCounter(*db_, rocksdb::ReadOptions(), key);
    if (!count.ok()) return count.status().WithContext("commit firing");
    batch.Put(db_->handle(Cf::kCounters), key, EncodeU64(*count + increment));
  }

  for (const Dispatch& dispatch : commit.dispatches) dispatches_->AddToBatch(&batch, dispatch);
  return db_->Write(&batch);
}

Status WatchStore::ForgetPage(const std::string& page, const std::vector<uint64_t>& order_seqs) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  rocksdb::WriteBatch batch;
  batch.Delete(db_->handle(Cf::kPages), page);
  for (uint64_t order_seq : order_seqs) {
    batch.Delete(db_->handle(Cf::kOrderSessions), EncodeU64(order_seq));
  }
  return db_->Write(&batch);
}

Status WatchStore::ForgetSessions(const std::vector<uint64_t>& order_seqs) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  rocksdb::WriteBatch batch;
  for (uint64_t order_seq : order_seqs) {
    batch.Delete(db_->handle(Cf::kOrderSessions), EncodeU64(order_seq));
  }
  return db_->Write(&batch);
}

}  // namespace onair::store
