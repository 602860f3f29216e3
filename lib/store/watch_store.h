// WatchStore: what the scheduler must not forget across restarts — each page's live state,
// each order's state in its page's current session, and detections per order per zone day.
// Thread-safe: writes are serialised on one mutex (in practice only the scheduler thread
// writes); reads take a snapshot and never block.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/dispatch.h"
#include "core/firing.h"
#include "core/live.h"
#include "core/result.h"
#include "store/database.h"
#include "store/dispatch_store.h"

namespace onair::store {

// Everything one firing decision changes, written in one synced batch.
struct FiringCommit {
  PageState page;
  std::map<uint64_t, OrderSessionState> sessions;        // by order seq; only the changed ones
  std::vector<std::pair<uint64_t, int64_t>> detections;  // (order seq, zone day): +1 each
  std::vector<Dispatch> dispatches;  // seq already reserved with DispatchStore::NextSeq
};

struct DetectionCounts {
  int64_t on_day = 0;
  int64_t total = 0;
};

class WatchStore {
 public:
  // `db` and `dispatches` must outlive the store.
  WatchStore(Database* db, DispatchStore* dispatches) : db_(db), dispatches_(dispatches) {}

  Result<std::vector<PageState>> LoadPages() const;  // by page
  // kNotFound "Page https://www.facebook.com/x has no saved state" when never committed (or
  // forgotten).
  Result<PageState> GetPage(const std::string& page) const;
  Result<std::map<uint64_t, OrderSessionState>> LoadSessions() const;  // by order seq
  // The order's detections on zone day `day` and in all; zeros for an order never detected.
  Result<DetectionCounts> Detections(uint64_t order_seq, int64_t day) const;

  // Page state, session states, counters and dispatches (with index and outbox entries) in one
  // synced batch: all of it is stored, or none. kInvalidArgument, writing nothing, for a page
  // state without a page or a dispatch without a reserved seq.
  Status Commit(const FiringCommit& commit);

  // Forgets a page nobody watches any more (and its orders' session states). Detection counters
  // and dispatches stay: they are the orders' history.
  Status ForgetPage(const std::string& page, const std::vector<uint64_t>& order_seqs);
  // Forgets the session states of orders that will not fire again (expired, cancelled) while
  // their page stays watched for others. Counters and dispatches stay.
  Status ForgetSessions(const std::vector<uint64_t>& order_seqs);

 private:
  Database* const db_;
  DispatchStore* const dispatches_;
  // NOTE: detection counters are read, incremented and written back under this mutex. Every
  // increment goes through Commit, so the counts stay exact even if more than one thread were
  // to commit (onaird commits from the scheduler thread only).
  std::mutex write_mutex_;
};

}  // namespace onair::store
