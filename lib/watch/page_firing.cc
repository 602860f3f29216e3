#include "watch/page_firing.h"

#include <string>

#include "core/firing.h"

namespace onair::watch {

namespace {

// The order's state in the page's current session: a new session starts every order afresh.
OrderSessionState SessionOf(const WatchedPage& page, uint64_t order_seq, uint64_t session) {
  auto it = page.sessions.find(order_seq);
  if (it != page.sessions.end() && it->second.session == session) return it->second;
  OrderSessionState fresh;
  fresh.session = session;
  return fresh;
}

Dispatch MakeDispatch(uint64_t seq, const Order& order, const OrderLine& line,
                      const PageState& view, TimePoint now) {
  Dispatch dispatch;
  dispatch.seq = seq;
  dispatch.order_seq = order.seq;
  dispatch.customer_id = order.customer_id;
  dispatch.service_id = line.service_id;
  dispatch.service_name = line.service_name;
  dispatch.quantity = line.quantity;
  dispatch.min_viewers = line.min_viewers;
  dispatch.page = view.page;
  dispatch.session = view.session;
  dispatch.stream_id = view.stream_id;
  dispatch.viewers = view.viewers;
  dispatch.detected_at = now;
  dispatch.state = DispatchState::kPending;
  dispatch.next_attempt_at = now;
  return dispatch;
}

}  // namespace

Result<std::vector<Dispatch>> FirePage(WatchedPage& page, const PageState& view, TimePoint now,
                                       const FiringDeps& deps) {
  store::FiringCommit commit;
  commit.page = page.state;
  const int64_t today = deps.zone->LocalDay(now);

  for (const auto& [seq, order] : page.orders) {
    const OrderSessionState state = SessionOf(page, seq, view.session);

    // The day's count matters only for a first dispatch in a live session; skip the read
    // otherwise (most reports change nothing).
    int64_t detections_today = 0;
    if (view.live && !state.counted_day) {
      Result<store::DetectionCounts> counts = deps.watch->Detections(seq, today);
      if (!counts.ok()) return counts.status().WithContext("read detections");
      detections_today = counts->on_day;
    }

    const FiringPlan plan = PlanFiring(order, state, view, detections_today, now, *deps.zone);
    if (plan.lines.empty()) continue;
    for (size_t i : plan.lines) {
      commit.dispatches.push_back(
          MakeDispatch(deps.dispatches->NextSeq(), order, order.services.at(i), view, now));
    }
    if (plan.new_detection_day) commit.detections.emplace_back(seq, *plan.new_detection_day);
    commit.sessions[seq] = ApplyPlan(order, state, plan);
  }

  const bool page_changed = !page.saved || !SamePageState(*page.saved, page.state);
  if (commit.dispatches.empty() && !page_changed) return std::vector<Dispatch>();

  // NOTE: seqs reserved above and not written (a failed commit) are skipped for good; ids only
  // have to be unique, not dense.
  ONAIR_RETURN_IF_ERROR(deps.watch->Commit(commit).WithContext("commit page " + page.state.page));
  page.saved = page.state;
  for (auto& [seq, session] : commit.sessions) page.sessions[seq] = std::move(session);
  return std::move(commit.dispatches);
}

}  // namespace onair::watch
