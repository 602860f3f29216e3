#include "core/live.h"

namespace onair {

namespace {

// Whether a live `report` begins a broadcast other than the one `state` last saw.
bool StartsNewSession(const PageState& state, const LiveReport& report) {
  if (state.session == 0) return true;
  // A running session that no detector has named yet takes the first id it is given: push
  // reports often carry none while the graph detector does, for the same broadcast.
  if (report.stream_id && state.live && !state.stream_id) return false;
  if (report.stream_id) return report.stream_id != state.stream_id;
  // Without an id only the edge from not live to live tells broadcasts apart.
  return !state.live;
}

}  // namespace

PageState ApplyReport(const PageState& state, const LiveReport& report) {
  PageState next = state;
  if (next.page.empty()) next.page = report.page;

  // Not live ends the session but keeps its number and stream id: a detector that missed one
  // poll and then sees the same stream again continues the session (docs/firing-rules.md).
  if (!report.live) {
    next.live = false;
    return next;
  }

  if (StartsNewSession(state, report)) {
    next.session = state.session + 1;
    next.stream_id = report.stream_id;
    next.viewers = report.viewers.value_or(0);
    next.session_started_at = report.at;
  } else {
    if (!next.stream_id) next.stream_id = report.stream_id;
    if (report.viewers) next.viewers = *report.viewers;
  }
  next.live = true;
  next.last_live_at = report.at;
  return next;
}

}  // namespace onair
