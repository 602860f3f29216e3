#include "watch/watched_pages.h"

#include <cassert>

namespace onair::watch {

bool SamePageState(const PageState& a, const PageState& b) {
  return a.page == b.page && a.live == b.live && a.session == b.session &&
         a.stream_id == b.stream_id && a.viewers == b.viewers &&
         a.session_started_at == b.session_started_at && a.last_live_at == b.last_live_at;
}

WatchedPage* WatchedPages::Find(const std::string& page) {
  auto it = pages_.find(page);
  return it == pages_.end() ? nullptr : &it->second;
}

const WatchedPage* WatchedPages::Find(const std::string& page) const {
  auto it = pages_.find(page);
  return it == pages_.end() ? nullptr : &it->second;
}

WatchedPage& WatchedPages::Watch(const std::string& page, PageState state,
                                 std::optional<PageState> saved) {
  auto [it, added] = pages_.try_emplace(page);
  if (!added) return it->second;
  unwatched_.erase(page);
  state.page = page;
  it->second.state = std::move(state);
  it->second.saved = std::move(saved);
  if (it->second.state.live) live_pages_.insert(page);
  return it->second;
}

void WatchedPages::Unwatch(const std::string& page) {
  auto it = pages_.find(page);
  if (it == pages_.end()) return;
  assert(it->second.orders.empty());
  live_pages_.erase(page);
  pages_.erase(it);
}

void WatchedPages::AddOrder(Order order) {
  WatchedPage& page = pages_.at(order.page);
  const uint64_t seq = order.seq;
  if (page.orders.count(seq) != 0) return;
  page_of_order_[seq] = order.page;
  expiries_.emplace(order.expires_at, seq);
  page.orders.emplace(seq, std::move(order));
}

std::optional<Order> WatchedPages::RemoveOrder(uint64_t seq) {
  auto where = page_of_order_.find(seq);
  if (where == page_of_order_.end()) return std::nullopt;
  WatchedPage& page = pages_.at(where->second);
  page_of_order_.erase(where);

  auto it = page.orders.find(seq);
  Order order = std::move(it->second);
  page.orders.erase(it);
  expiries_.erase({order.expires_at, seq});
  return order;
}

const Order* WatchedPages::FindOrder(uint64_t seq) const {
  auto where = page_of_order_.find(seq);
  if (where == page_of_order_.end()) return nullptr;
  return &pages_.at(where->second).orders.at(seq);
}

void WatchedPages::SetState(const std::string& page, const PageState& state) {
  pages_.at(page).state = state;
  if (state.live) {
    live_pages_.insert(page);
  } else {
    live_pages_.erase(page);
  }
}

std::vector<uint64_t> WatchedPages::ExpiredBy(TimePoint now) const {
  std::vector<uint64_t> seqs;
  for (const auto& [expires_at, seq] : expiries_) {
    if (expires_at > now) break;
    seqs.push_back(seq);
  }
  return seqs;
}

std::optional<TimePoint> WatchedPages::NextExpiry() const {
  if (expiries_.empty()) return std::nullopt;
  return expiries_.begin()->first;
}

bool WatchedPages::RememberUnwatched(const PageState& state, TimePoint stale_before) {
  if (!state.live) {
    unwatched_.erase(state.page);
    return true;
  }
  auto it = unwatched_.find(state.page);
  if (it != unwatched_.end()) {
    it->second = state;
    return true;
  }
  if (unwatched_.size() >= max_unwatched_) {
    std::erase_if(unwatched_,
                  [&](const auto& entry) { return entry.second.last_live_at < stale_before; });
    if (unwatched_.size() >= max_unwatched_) return false;
  }
  unwatched_.emplace(state.page, state);
  return true;
}

std::optional<PageState> WatchedPages::TakeUnwatched(const std::string& page) {
  auto it = unwatched_.find(page);
  if (it == unwatched_.end()) return std::nullopt;
  PageState state = std::move(it->second);
  unwatched_.erase(it);
  return state;
}

const PageState* WatchedPages::FindUnwatched(const std::string& page) const {
  auto it = unwatched_.find(page);
  return it == unwatched_.end() ? nullptr : &it->second;
}

}  // namespace onair::watch
