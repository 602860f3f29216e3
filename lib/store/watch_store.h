// WatchStore: what the scheduler must not forget across restarts — each page's live state,
// each order's state in its page's current session, and detections per order per zone day.
// Thread-safe; in practice only the scheduler thread writes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
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
  std::map<uint64_t, OrderSessionState> sessions;  // by order seq; only the changed ones
  std::vector<std::pair<uint64_t, int64_t>> detections;  // (order seq, zone day): +1 each
  std::vector<Dispatch> dispatches;  // seq already reserved with DispatchStore::NextSeq
};

struct DetectionCounts {
  int64_t on_day = 0;
  int64_t total = 0;
};

class WatchStore {
 public:
  WatchStore(Database* db, DispatchStore* dispatches) : db_(db), dispatches_(dispatches) {}

  Result<std::vector<PageState>> LoadPages() const;
  Result<std::map<uint64_t, OrderSessionState>> LoadSessions() const;  // by order seq
  Result<DetectionCounts> Detections(uint64_t order_seq, int64_t day) const;

  // Page state, session states, counters and dispatches (with outbox entries) in one batch.
  Status Commit(const FiringCommit& commit);

  // Forgets a page nobody watches any more (and its orders' session states).
  Status ForgetPage(const std::string& page, const std::vector<uint64_t>& order_seqs);

 private:
  Database* const db_;
  DispatchStore* const dispatches_;
};

}  // namespace onair::store
