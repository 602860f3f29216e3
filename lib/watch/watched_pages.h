// WatchedPages: the scheduler's memory of what it watches. Active orders grouped by canonical
// page (plain structs, rebuilt from the store at start), each page's live state, each order's
// state in its page's session, and the orders by expiry time. It also remembers the last live
// state pushed for pages nobody watches yet, so an order placed while its page is live fires.
// Not thread-safe: the scheduler thread owns it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/firing.h"
#include "core/live.h"
#include "core/order.h"

namespace onair::watch {

struct WatchedPage {
  PageState state;                   // as the latest report left it
  std::optional<PageState> saved;    // as last written to the store; nullopt: never written
  std::map<uint64_t, Order> orders;  // the active orders naming the page, by seq
  // Each order's state in its latest session, by order seq; the scheduler erases the state of an
  // order it removes.
  std::map<uint64_t, OrderSessionState> sessions;
};

// True when `a` and `b` hold the same values (what the store would write for them).
bool SamePageState(const PageState& a, const PageState& b);

class WatchedPages {
 public:
  // REQUIRES: `max_unwatched` > 0; pushed states of unwatched pages beyond it are not kept.
  explicit WatchedPages(size_t max_unwatched = 10000) : max_unwatched_(max_unwatched) {}

  WatchedPage* Find(const std::string& page);
  const WatchedPage* Find(const std::string& page) const;
  const std::map<std::string, WatchedPage>& pages() const { return pages_; }

  // Starts watching `page` from `state` (saved by the store, pushed earlier, or fresh). Returns
  // the page; an already watched page is returned unchanged.
  WatchedPage& Watch(const std::string& page, PageState state, std::optional<PageState> saved);
  // Stops watching `page`. REQUIRES: it has no orders.
  void Unwatch(const std::string& page);

  // Adds `order` to its page. REQUIRES: order.page is watched.
  void AddOrder(Order order);
  // Removes order `seq` from its page and returns it; nullopt when it is not watched.
  std::optional<Order> RemoveOrder(uint64_t seq);
  const Order* FindOrder(uint64_t seq) const;

  // Sets the live state of watched `page`. REQUIRES: the page is watched.
  void SetState(const std::string& page, const PageState& state);
  // The watched pages that are live, by name.
  const std::set<std::string>& live_pages() const { return live_pages_; }

  // Seqs of the orders whose expires_at is at or before `now`, earliest first.
  std::vector<uint64_t> ExpiredBy(TimePoint now) const;
  std::optional<TimePoint> NextExpiry() const;

  // A pushed state of a page nobody watches: remembered while it is live, forgotten when it is
  // not. At the bound on remembered pages, those last seen live before `stale_before` make
  // room; returns false when none did and the state was dropped.
  bool RememberUnwatched(const PageState& state, TimePoint stale_before);
  // The remembered state of `page`, removed from the memory; nullopt when there is none.
  std::optional<PageState> TakeUnwatched(const std::string& page);
  const PageState* FindUnwatched(const std::string& page) const;

 private:
  const size_t max_unwatched_;
  std::map<std::string, WatchedPage> pages_;
  std::map<uint64_t, std::string> page_of_order_;
  std::set<std::pair<TimePoint, uint64_t>> expiries_;
  std::set<std::string> live_pages_;
  std::map<std::string, PageState> unwatched_;
};

}  // namespace onair::watch
