#include "watch/scheduler.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "watch/day_boundary.h"
#include "watch/event_queue.h"
#include "watch/page_firing.h"
#include "watch/poll_schedule.h"
#include "watch/watched_pages.h"

namespace onair::watch {

namespace {

// Orders are read from the store in pages of this many at Load.
constexpr size_t kLoadBatch = 500;
// A page whose commit failed is looked at again after this long, so a dispatch decided on a
// report that will not be repeated (a push) is not lost to a passing storage error.
constexpr std::chrono::seconds kCommitRetry{5};
// The thread wakes at least this often, so a wall clock set forwards is noticed in time.
constexpr std::chrono::seconds kMaxWait{60};
// RunDue applies probe answers that a detector gives synchronously in the same call, but never
// loops forever on a detector that answers every probe with another due probe.
constexpr int kMaxRoundsPerRunDue = 64;

PageState FreshState(const std::string& page) {
  PageState state;
  state.page = page;
  return state;
}

void KeepEarliest(std::optional<TimePoint>& earliest, std::optional<TimePoint> t) {
  if (t && (!earliest || *t < *earliest)) earliest = t;
}

}  // namespace

struct Scheduler::Impl {
  Impl(SchedulerDeps d, SchedulerOptions o)
      : deps(std::move(d)),
        options(o),
        queue(std::make_shared<EventQueue>()),
        polls(PollOptions{.interval = o.poll_interval,
                          .jitter = o.poll_jitter,
                          .backoff_max = o.failure_backoff_max,
                          .probe_timeout = o.probe_timeout}) {}

  Status Load();
  Status LoadOrders(TimePoint now, std::map<std::string, std::vector<Order>>* by_page);
  Status ForgetStale(const std::vector<PageState>& saved_pages,
                     const std::map<uint64_t, OrderSessionState>& stale_sessions);

  // One pass over everything queued and due at `now`. Returns when to run next; sets
  // `*dispatched` when dispatches were written. REQUIRES: mu held.
  std::optional<TimePoint> RunOnce(TimePoint now, bool* dispatched);
  void Handle(SchedulerEvent& event, TimePoint now, bool* dispatched);
  void AddOrder(Order order, TimePoint now, bool* dispatched);
  void RemoveOrder(uint64_t order_seq);
  void PushedReport(LiveReport report, TimePoint now, bool* dispatched);
  void ProbeDone(const std::string& page, uint64_t probe_id, Result<LiveReport> report,
                 TimePoint now, bool* dispatched);
  void ApplyLive(const std::string& page, LiveReport report, TimePoint now, bool* dispatched);
  void Evaluate(const std::string& page, TimePoint now, bool fresh_report, bool* dispatched);
  void Expire(TimePoint now);
  void CancelPending(uint64_t order_seq);
  void Drop(const std::string& page, uint64_t order_seq);
  void Forget(const std::string& page);
  void StartProbes(TimePoint now);

  const SchedulerDeps deps;
  const SchedulerOptions options;
  // Shared with the detector's callbacks, which may outlive the scheduler.
  const std::shared_ptr<EventQueue> queue;

  // Held while the state below is read or changed: by RunDue or the thread, and by Pages.
  mutable std::mutex mu;
  WatchedPages pages;
  PollSchedule polls;
  std::map<std::string, TimePoint> retries;  // pages to evaluate again after a failed commit
  int64_t evaluated_day = 0;                 // the local day live pages were last looked at

  // Used by Start and Stop only (callers serialise them).
  std::thread thread;
};

Status Scheduler::Impl::Load() {
  std::lock_guard lock(mu);
  const TimePoint now = deps.clock->Now();
  evaluated_day = deps.zone->LocalDay(now);

  Result<std::vector<PageState>> saved_pages = deps.watch->LoadPages();
  if (!saved_pages.ok()) return saved_pages.status().WithContext("load page states");
  Result<std::map<uint64_t, OrderSessionState>> sessions = deps.watch->LoadSessions();
  if (!sessions.ok()) return sessions.status().WithContext("load session states");
  std::map<std::string, std::vector<Order>> by_page;
  ONAIR_RETURN_IF_ERROR(LoadOrders(now, &by_page));

  std::map<std::string, PageState> saved_by_page;
  for (const PageState& state : *saved_pages) saved_by_page.emplace(state.page, state);
  for (auto& [page, orders] : by_page) {
    auto saved = saved_by_page.find(page);
    PageState state;
    std::optional<PageState> saved_state;
    if (saved != saved_by_page.end()) state = saved_state.emplace(saved->second);
    WatchedPage& watched = pages.Watch(page, state, saved_state);
    for (Order& order : orders) {
      auto session = sessions->find(order.seq);
      if (session != sessions->end()) {
        watched.sessions.emplace(order.seq, session->second);
        sessions->erase(session);
      }
      pages.AddOrder(std::move(order));
    }
    if (deps.detector != nullptr) polls.Watch(page, now);
  }
  ONAIR_RETURN_IF_ERROR(ForgetStale(*saved_pages, *sessions));

  size_t order_count = 0;
  for (const auto& [name, page] : pages.pages()) order_count += page.orders.size();
  spdlog::info("watch: loaded pages={} orders={} live={}", pages.pages().size(), order_count,
               pages.live_pages().size());
  return Status::Ok();
}

// Reads every order, oldest pages of the listing last. Active ones are grouped by page; stored
// active ones past expires_at (onaird was down at that moment) are stored as expired now.
Status Scheduler::Impl::LoadOrders(TimePoint now,
                                   std::map<std::string, std::vector<Order>>* by_page) {
  store::OrderQuery query;
  query.limit = kLoadBatch;
  query.now = now;
  while (true) {
    Result<store::OrderPage> batch = deps.orders->List(query);
    if (!batch.ok()) return batch.status().WithContext("load orders");
    for (Order& order : batch->orders) {
      if (order.status != OrderStatus::kActive) continue;
      if (EffectiveStatus(order, now) == OrderStatus::kActive) {
        (*by_page)[order.page].push_back(std::move(order));
        continue;
      }
      order.status = OrderStatus::kExpired;
      ONAIR_RETURN_IF_ERROR(deps.orders->Put(order).WithContext("store expired order"));
    }
    if (!batch->next_before) return Status::Ok();
    query.before_seq = batch->next_before;
  }
}

// Stored page and session states no active order needs any more: of pages that lost their last
// order, and of orders that expired or were cancelled, while onaird was down (or before a
// failed forget). Detection counters and dispatches stay: they are the orders' history.
Status Scheduler::Impl::ForgetStale(const std::vector<PageState>& saved_pages,
                                    const std::map<uint64_t, OrderSessionState>& stale_sessions) {
  for (const PageState& state : saved_pages) {
    if (pages.Find(state.page) != nullptr) continue;
    ONAIR_RETURN_IF_ERROR(deps.watch->ForgetPage(state.page, {}).WithContext("forget stale page"));
  }
  std::vector<uint64_t> seqs;
  for (const auto& [seq, session] : stale_sessions) seqs.push_back(seq);
  if (seqs.empty()) return Status::Ok();
  return deps.watch->ForgetSessions(seqs).WithContext("forget stale sessions");
}

std::optional<TimePoint> Scheduler::Impl::RunOnce(TimePoint now, bool* dispatched) {
  for (SchedulerEvent& event : queue->TakeAll()) Handle(event, now, dispatched);

  for (const StartedProbe& probe : polls.Overdue(now)) {
    ProbeDone(
        probe.page, probe.probe_id,
        Status::Unavailable(fmt::format("no answer within {}s", options.probe_timeout.count())),
        now, dispatched);
  }
  Expire(now);

  std::vector<std::string> retry_now;
  for (const auto& [page, at] : retries) {
    if (at <= now) retry_now.push_back(page);
  }
  for (const std::string& page : retry_now) Evaluate(page, now, false, dispatched);

  // A new day: sessions held back by yesterday's daily limit may fire now without a new report.
  const int64_t today = deps.zone->LocalDay(now);
  if (today != evaluated_day) {
    evaluated_day = today;
    const std::set<std::string> live = pages.live_pages();
    for (const std::string& page : live) Evaluate(page, now, false, dispatched);
  }

  if (deps.detector != nullptr) StartProbes(now);

  std::optional<TimePoint> next;
  if (queue->HasEvents()) return now;
  KeepEarliest(next, pages.NextExpiry());
  if (deps.detector != nullptr) KeepEarliest(next, polls.NextDue());
  for (const auto& [page, at] : retries) KeepEarliest(next, at);
  if (!pages.live_pages().empty()) KeepEarliest(next, NextDayStart(*deps.zone, now));
  return next;
}

void Scheduler::Impl::Handle(SchedulerEvent& event, TimePoint now, bool* dispatched) {
  if (auto* added = std::get_if<OrderAdded>(&event)) {
    AddOrder(std::move(added->order), now, dispatched);
  } else if (auto* removed = std::get_if<OrderRemoved>(&event)) {
    RemoveOrder(removed->order_seq);
  } else if (auto* pushed = std::get_if<ReportPushed>(&event)) {
    PushedReport(std::move(pushed->report), now, dispatched);
  } else if (auto* probe = std::get_if<ProbeFinished>(&event)) {
    ProbeDone(probe->page, probe->probe_id, std::move(probe->report), now, dispatched);
  }
}

void Scheduler::Impl::AddOrder(Order order, TimePoint now, bool* dispatched) {
  if (order.status != OrderStatus::kActive || EffectiveStatus(order, now) != OrderStatus::kActive)
    return;
  if (pages.FindOrder(order.seq) != nullptr) return;

  const std::string page = order.page;
  if (pages.Find(page) == nullptr) {
    // A page live before anyone watched it: the pushed state lets the order fire in this session.
    PageState state = pages.TakeUnwatched(page).value_or(FreshState(page));
    pages.Watch(page, std::move(state), std::nullopt);
    if (deps.detector != nullptr) polls.Watch(page, now);
  }
  pages.AddOrder(std::move(order));
  Evaluate(page, now, false, dispatched);
}

void Scheduler::Impl::RemoveOrder(uint64_t order_seq) {
  std::optional<Order> removed = pages.RemoveOrder(order_seq);
  if (!removed) return;
  CancelPending(order_seq);
  Drop(removed->page, order_seq);
}

void Scheduler::Impl::PushedReport(LiveReport report, TimePoint now, bool* dispatched) {
  if (report.at == TimePoint()) report.at = now;
  if (pages.Find(report.page) == nullptr) {
    const PageState* known = pages.FindUnwatched(report.page);
    const PageState state = ApplyReport(known ? *known : FreshState(report.page), report);
    if (!pages.RememberUnwatched(state, now - options.live_state_max_age)) {
      spdlog::warn("watch: report_dropped page={} reason=too_many_unwatched_live_pages",
                   report.page);
    }
    return;
  }
  const std::string page = report.page;
  ApplyLive(page, std::move(report), now, dispatched);
}

void Scheduler::Impl::ProbeDone(const std::string& page, uint64_t probe_id,
                                Result<LiveReport> report, TimePoint now, bool* dispatched) {
  switch (polls.Finish(page, probe_id, report.ok(), now)) {
    case ProbeVerdict::kStale:
      return;
    case ProbeVerdict::kFirstFailure:
      // One line per failure streak: a detector that is down must not flood the log.
      spdlog::warn(
          "watch: probe_failed page={} detector={} error=\"{}\" retry_in={}s", page,
          deps.detector->name(), report.status().ToString(),
          std::chrono::duration_cast<std::chrono::seconds>(polls.NextPoll(page).value_or(now) - now)
              .count());
      return;
    case ProbeVerdict::kRepeatedFailure:
      return;
    case ProbeVerdict::kRecovered:
      spdlog::info("watch: probe_recovered page={} detector={}", page, deps.detector->name());
      break;
    case ProbeVerdict::kSucceeded:
      break;
  }
  LiveReport live = std::move(report).value();
  live.page = page;
  live.at = now;
  ApplyLive(page, std::move(live), now, dispatched);
}

void Scheduler::Impl::ApplyLive(const std::string& page, LiveReport report, TimePoint now,
                                bool* dispatched) {
  pages.SetState(page, ApplyReport(pages.Find(page)->state, report));
  Evaluate(page, now, true, dispatched);
}

void Scheduler::Impl::Evaluate(const std::string& name, TimePoint now, bool fresh_report,
                               bool* dispatched) {
  WatchedPage* page = pages.Find(name);
  if (page == nullptr) return;
  PageState view = page->state;
  if (!fresh_report && view.live && now - view.last_live_at > options.live_state_max_age) {
    view.live = false;
  }

  Result<std::vector<Dispatch>> written =
      FirePage(*page, view, now, FiringDeps{deps.zone, deps.watch, deps.dispatches});
  if (!written.ok()) {
    spdlog::error("watch: commit_failed page={} error=\"{}\" retry_in={}s", name,
                  written.status().ToString(), kCommitRetry.count());
    retries[name] = now + kCommitRetry;
    return;
  }
  retries.erase(name);
  if (written->empty()) return;
  *dispatched = true;
  for (const Dispatch& dispatch : *written) {
    spdlog::info("watch: dispatched id={} order_seq={} service={} page={} session={} viewers={}",
                 FormatDispatchId(dispatch.seq), dispatch.order_seq, dispatch.service_id, name,
                 dispatch.session, dispatch.viewers);
  }
}

// Orders reaching expires_at: stored as expired (unless a cancel got there first) and unwatched.
void Scheduler::Impl::Expire(TimePoint now) {
  for (uint64_t seq : pages.ExpiredBy(now)) {
    std::optional<Order> order = pages.RemoveOrder(seq);
    // Under the order's lock, so a cancel stored meanwhile is never overwritten.
    bool cancelled = false;
    Result<Order> stored = deps.orders->Update(seq, [&](Order& o) {
      cancelled = o.status == OrderStatus::kCancelled;
      if (o.status != OrderStatus::kActive) return Status::FailedPrecondition("not active");
      o.status = OrderStatus::kExpired;
      return Status::Ok();
    });
    if (cancelled) {
      // The cancel won; its RemoveOrder will find the order gone, so cancel what fired since.
      CancelPending(seq);
    } else {
      if (!stored.ok() && stored.status().code() != Code::kFailedPrecondition) {
        // Readers see it expired anyway (EffectiveStatus); only the stored word lags.
        spdlog::error("watch: expire_failed order_seq={} error=\"{}\"", seq,
                      stored.status().ToString());
      }
      spdlog::info("watch: order_expired order_seq={} page={}", seq, order->page);
    }
    Drop(order->page, seq);
  }
}

// A dispatch written between the cancel being stored and this scheduler seeing it would
// otherwise stay pending for a cancelled order.
void Scheduler::Impl::CancelPending(uint64_t order_seq) {
  store::DispatchQuery query;
  query.order_seq = order_seq;
  query.state = DispatchState::kPending;
  while (true) {
    Result<std::vector<Dispatch>> pending = deps.dispatches->List(query);
    if (!pending.ok()) {
      spdlog::error("watch: cancel_dispatches_failed order_seq={} error=\"{}\"", order_seq,
                    pending.status().ToString());
      return;
    }
    for (const Dispatch& dispatch : *pending) {
      Result<Dispatch> updated = deps.dispatches->Update(dispatch.seq, [](Dispatch& d) {
        if (d.state == DispatchState::kPending) d.state = DispatchState::kCancelled;
        return Status::Ok();
      });
      if (!updated.ok()) {
        spdlog::error("watch: cancel_dispatch_failed id={} error=\"{}\"",
                      FormatDispatchId(dispatch.seq), updated.status().ToString());
      }
    }
    if (pending->size() < query.limit) return;
    query.after_seq = pending->back().seq;
  }
}

// After order `order_seq` left `page`: forgets the page when that was its last order, else the
// order's session state.
void Scheduler::Impl::Drop(const std::string& page, uint64_t order_seq) {
  WatchedPage* watched = pages.Find(page);
  if (watched->orders.empty()) {
    Forget(page);
    return;
  }
  if (watched->sessions.erase(order_seq) == 0) return;
  Status forgotten = deps.watch->ForgetSessions({order_seq});
  if (!forgotten.ok()) {
    // The next Load forgets it: a session of an order that is not active is stale there.
    spdlog::error("watch: forget_session_failed order_seq={} error=\"{}\"", order_seq,
                  forgotten.ToString());
  }
}

void Scheduler::Impl::Forget(const std::string& page) {
  std::vector<uint64_t> seqs;
  for (const auto& [seq, session] : pages.Find(page)->sessions) seqs.push_back(seq);
  Status forgotten = deps.watch->ForgetPage(page, seqs);
  if (!forgotten.ok()) {
    // The next Load forgets it: a page without active orders is stale there.
    spdlog::error("watch: forget_page_failed page={} error=\"{}\"", page, forgotten.ToString());
  }
  polls.Unwatch(page);
  retries.erase(page);
  pages.Unwatch(page);
}

void Scheduler::Impl::StartProbes(TimePoint now) {
  for (StartedProbe& probe : polls.StartDue(now)) {
    std::weak_ptr<EventQueue> weak_queue = queue;
    deps.detector->Probe(probe.page, [weak_queue, page = probe.page,
                                      id = probe.probe_id](Result<LiveReport> report) {
      if (std::shared_ptr<EventQueue> q = weak_queue.lock()) {
        q->Push(ProbeFinished{page, id, std::move(report)});
      }
    });
  }
}

Scheduler::Scheduler(SchedulerDeps deps, SchedulerOptions options)
    : impl_(std::make_unique<Impl>(std::move(deps), options)) {}

Scheduler::~Scheduler() {
  Stop();
}

Status Scheduler::Load() {
  return impl_->Load();
}

void Scheduler::Start() {
  if (impl_->thread.joinable()) return;
  impl_->queue->Restart();
  impl_->thread = std::thread([impl = impl_.get()] {
    while (!impl->queue->stopped()) {
      bool dispatched = false;
      std::optional<TimePoint> next;
      {
        std::lock_guard lock(impl->mu);
        next = impl->RunOnce(impl->deps.clock->Now(), &dispatched);
      }
      if (dispatched && impl->deps.on_dispatches) impl->deps.on_dispatches();

      std::chrono::nanoseconds wait = kMaxWait;
      if (next)
        wait = std::clamp<std::chrono::nanoseconds>(*next - impl->deps.clock->Now(),
                                                    std::chrono::nanoseconds(0), kMaxWait);
      impl->queue->WaitFor(wait);
    }
  });
  spdlog::info("watch: started detector={} poll_interval={}s",
               impl_->deps.detector ? impl_->deps.detector->name() : "push",
               impl_->options.poll_interval.count());
}

void Scheduler::Stop() {
  if (!impl_->thread.joinable()) return;
  impl_->queue->Stop();
  impl_->thread.join();
  spdlog::info("watch: stopped");
}

void Scheduler::AddOrder(const Order& order) {
  impl_->queue->Push(OrderAdded{order});
}

void Scheduler::RemoveOrder(uint64_t order_seq) {
  impl_->queue->Push(OrderRemoved{order_seq});
}

void Scheduler::Report(LiveReport report) {
  impl_->queue->Push(ReportPushed{std::move(report)});
}

std::optional<TimePoint> Scheduler::RunDue() {
  bool dispatched = false;
  std::optional<TimePoint> next;
  {
    std::lock_guard lock(impl_->mu);
    const TimePoint now = impl_->deps.clock->Now();
    for (int round = 0; round < kMaxRoundsPerRunDue; ++round) {
      next = impl_->RunOnce(now, &dispatched);
      if (!impl_->queue->HasEvents()) break;
    }
  }
  if (dispatched && impl_->deps.on_dispatches) impl_->deps.on_dispatches();
  return next;
}

std::vector<WatchedPageView> Scheduler::Pages() const {
  std::lock_guard lock(impl_->mu);
  std::vector<WatchedPageView> views;
  for (const auto& [name, page] : impl_->pages.pages()) {
    WatchedPageView view{.state = page.state, .order_seqs = {}, .next_poll = std::nullopt};
    for (const auto& [seq, order] : page.orders) view.order_seqs.push_back(seq);
    if (impl_->deps.detector != nullptr) view.next_poll = impl_->polls.NextPoll(name);
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace onair::watch
