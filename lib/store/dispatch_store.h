// DispatchStore: dispatches and the outbox, the due queue of pending ones ordered by next
// attempt time. Thread-safe: changes to one dispatch are serialised on a striped lock so a
// delivery attempt, a customer's ack and a cancel never overwrite each other.
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

  // Reserves the next id for a dispatch that a caller is about to write in its own batch.
  uint64_t NextSeq() { return next_seq_.fetch_add(1); }

  // Adds the record of `dispatch` (and its outbox entry when pending) to `batch`; the caller
  // writes the batch (the scheduler writes dispatches with counters and page state together).
  void AddToBatch(rocksdb::WriteBatch* batch, const Dispatch& dispatch) const;

  Result<Dispatch> Get(uint64_t seq) const;  // kNotFound "Dispatch D-000042 not found"
  Result<std::vector<Dispatch>> List(const DispatchQuery& query) const;  // oldest first

  // Pending dispatches whose next attempt is due at `now`, oldest due first, at most `limit`.
  Result<std::vector<Dispatch>> Due(TimePoint now, size_t limit) const;
  // When the earliest pending dispatch is due; nullopt when none is pending.
  std::optional<TimePoint> NextDue() const;

  // Reads dispatch `seq`, lets `change` edit it under the dispatch's lock and writes the result
  // with its outbox entry moved (one synced batch). When `change` returns an error nothing is
  // written and that error is returned. Returns the dispatch as written.
  Result<Dispatch> Update(uint64_t seq, const std::function<Status(Dispatch&)>& change);

 private:
  DispatchStore(Database* db, uint64_t next_seq) : db_(db), next_seq_(next_seq) {}

  Database* const db_;
  std::atomic<uint64_t> next_seq_;
  mutable std::array<std::mutex, 64> stripes_;
};

}  // namespace onair::store
