// Live state of a watched page and how detector reports change it. Pure functions on value
// types; docs/firing-rules.md defines sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"

namespace onair {

// What a detector (push, http or graph) says about a page at one moment.
struct LiveReport {
  std::string page;  // canonical
  bool live = false;
  std::optional<int64_t> viewers;
  std::optional<std::string> stream_id;
  TimePoint at;
};

struct PageState {
  std::string page;
  bool live = false;
  uint64_t session = 0;  // the current or last session's number; 0 = never seen live
  std::optional<std::string> stream_id;  // of that session
  int64_t viewers = 0;                   // latest count in that session
  TimePoint session_started_at;
  TimePoint last_live_at;  // the last report that saw the page live
};

// The page state after `report`. A new session starts (session + 1, viewers reset) on a live
// report whose stream_id differs from the session's, or, with no stream_id, on a change from
// not live to live. A live report repeating the last session's stream_id continues it, even
// after a not-live report in between. A live session without a stream_id adopts the first one
// a report gives it instead of starting a new session. A report without a count keeps the viewers.
// A not-live report only sets live = false: session, stream_id and viewers stay for the next report
// to compare against. An empty state.page takes the report's page.
PageState ApplyReport(const PageState& state, const LiveReport& report);

}  // namespace onair
