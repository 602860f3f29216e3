// DispatchStore: dispatches, their per-order and per-customer indexes, and the outbox, the due
// queue of pending ones ordered by next attempt time (pending ones at kAwaitingPull wait for
// their customer to pull them and have no outbox entry). Thread-safe: changes to one dispatch are
// serialised on a striped lock so a delivery attempt, a customer's ack and a cancel never
// overwrite each other; reads take a snapshot and never block.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/dispatch.h"
#include "core/result.h"
#include "store/database.h"

namespace onair::store {

struct DispatchQuery {
  std::optional<uint64_t> customer_id;
  std::optional<uint64_t> order_seq;
  std::optional<DispatchState> state;
  std::optional<uint64_t> after_seq;  // cursor: only dispatches with a larger seq (oldest first)
  size_t limit = 100;
};

class DispatchStore {
 public:
  // Reads the largest stored seq so ids continue after a restart. `db` must outlive the store.
  static Result<std::unique_ptr<DispatchStore>> Open(Database* db);

  // Reserves the next id for a dispatch that a caller is about to write in its own batch. An id
  // reserved but never written leaves a gap (or is handed out again after a restart).
  uint64_t NextSeq() { return next_seq_.fetch_add(1); }

  // Adds the record of `dispatch`, its two index entries and (when pending and not at
  // kAwaitingPull) its outbox entry to
  // `batch`; the caller writes the batch (the scheduler writes dispatches with counters and page
  // state together). Times are stored with millisecond precision.
  // REQUIRES: dispatch.seq came from NextSeq and is not stored yet (existing dispatches change
  // only through Update, which also removes their old outbox entry).
  void AddToBatch(rocksdb::WriteBatch* batch, const Dispatch& dispatch) const;

  Result<Dispatch> Get(uint64_t seq) const;  // kNotFound "Dispatch D-000042 not found"
  // Oldest first, at most query.limit. With order_seq or customer_id it walks that index only.
  // The next page starts after the last seq returned; an empty or short page is the end.
  Result<std::vector<Dispatch>> List(const DispatchQuery& query) const;

  // Pending dispatches whose next attempt is due at `now` (next_attempt_at <= now), oldest due
  // first (by seq within one millisecond), at most `limit`.
  Result<std::vector<Dispatch>> Due(TimePoint now, size_t limit) const;
  // When the earliest pending dispatch is due; nullopt when none is pending. A read error is
  // reported as due at once (the epoch), so the caller's next Due call returns the error.
  std::optional<TimePoint> NextDue() const;

  // Reads dispatch `seq`, lets `change` edit it under the dispatch's lock and writes the result
  // with its index entries and outbox entry moved (one synced batch): a dispatch is in the
  // outbox exactly while it is pending with a next_attempt_at other than kAwaitingPull. When
  // `change` returns an error nothing is written and that error is returned; kNotFound as Get;
  // kFailedPrecondition when `change` alters seq, order_seq or customer_id. Returns the dispatch as
  // written.
  Result<Dispatch> Update(uint64_t seq, const std::function<Status(Dispatch&)>& change);

 private:
  DispatchStore(Database* db, uint64_t next_seq) : db_(db), next_seq_(next_seq) {}

  Database* const db_;
  std::atomic<uint64_t> next_seq_;
  // Striped by dispatch seq; held across Update's read, change and write.
  mutable std::array<std::mutex, 64> stripes_;
};

}  // namespace onair::store
