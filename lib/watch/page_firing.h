// FirePage: one firing decision for one watched page. Runs the firing rules (core/firing.h) for
// every order of the page, turns what fires into dispatch records, and writes them with the page
// state, the changed session states and the new detections in one WatchStore::Commit. Touches
// the in-memory page only after that commit succeeded. Not thread-safe: the scheduler thread
// calls it.
#pragma once

#include <vector>

#include "core/clock.h"
#include "core/dispatch.h"
#include "core/live.h"
#include "core/result.h"
#include "core/zoned_time.h"
#include "store/dispatch_store.h"
#include "store/watch_store.h"
#include "watch/watched_pages.h"

namespace onair::watch {

struct FiringDeps {
  const TimeZone* zone = nullptr;
  store::WatchStore* watch = nullptr;
  store::DispatchStore* dispatches = nullptr;
};

// Decides at `now` with `view` as the page's live state (page.state, or a copy marked not live
// when that state is too old to fire on) and commits page.state with what fired. Writes nothing
// when nothing fired and page.state equals what was last saved. Returns the dispatches written.
Result<std::vector<Dispatch>> FirePage(WatchedPage& page, const PageState& view, TimePoint now,
                                       const FiringDeps& deps);

}  // namespace onair::watch
