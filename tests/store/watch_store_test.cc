#include "store/watch_store.h"

#include <doctest/doctest.h>

#include "store_fixture.h"

namespace onair::store {
namespace {

using onair::testing::kNow;
using onair::testing::StoreFixture;
using onair::testing::SyncVariant;
using std::chrono::minutes;

const std::string kPage = "https://www.facebook.com/username";
const std::string kOtherPage = "https://www.facebook.com/other";
constexpr int64_t kDay = 20'400;  // a zone day, as TimeZone::LocalDay numbers them

PageState LivePage(const std::string& page, uint64_t session, int64_t viewers) {
  PageState state;
  state.page = page;
  state.live = true;
  state.session = session;
  state.stream_id = "stream-" + std::to_string(session);
  state.viewers = viewers;
  state.session_started_at = kNow;
  state.last_live_at = kNow + minutes(5);
  return state;
}

Dispatch Fired(StoreFixture& f, uint64_t order_seq, uint64_t service_id) {
  Dispatch d;
  d.seq = f.dispatches().NextSeq();
  d.order_seq = order_seq;
  d.customer_id = 1;
  d.service_id = service_id;
  d.service_name = "Service " + std::to_string(service_id);
  d.quantity = 100;
  d.page = kPage;
  d.session = 1;
  d.viewers = 20;
  d.detected_at = kNow;
  d.next_attempt_at = kNow;
  return d;
}

// "2/5": detections on the day / in all.
std::string Counts(StoreFixture& f, uint64_t order_seq, int64_t day) {
  Result<DetectionCounts> counts = f.watch().Detections(order_seq, day);
  REQUIRE(counts.ok());
  return std::to_string(counts->on_day) + "/" + std::to_string(counts->total);
}

// "https://www.facebook.com/other#1 https://www.facebook.com/username#2": pages with sessions.
std::string Pages(StoreFixture& f) {
  Result<std::vector<PageState>> pages = f.watch().LoadPages();
  REQUIRE(pages.ok());
  std::string out;
  for (const PageState& p : *pages) {
    out += (out.empty() ? "" : " ") + p.page + "#" + std::to_string(p.session);
  }
  return out;
}

// "1:s2[3,1]@20400 2:s2[]": order seq, session, dispatched services, counted day.
std::string Sessions(StoreFixture& f) {
  Result<std::map<uint64_t, OrderSessionState>> sessions = f.watch().LoadSessions();
  REQUIRE(sessions.ok());
  std::string out;
  for (const auto& [order_seq, state] : *sessions) {
    out += (out.empty() ? "" : " ") + std::to_string(order_seq) + ":s" +
           std::to_string(state.session) + "[";
    for (size_t i = 0; i < state.dispatched_service_ids.size(); ++i) {
      out += (i == 0 ? "" : ",") + std::to_string(state.dispatched_service_ids[i]);
    }
    out += "]";
    if (state.counted_day) out += "@" + std::to_string(*state.counted_day);
  }
  return out;
}

std::string Seqs(const Result<std::vector<Dispatch>>& dispatches) {
  REQUIRE(dispatches.ok());
  std::string out;
  for (const Dispatch& d : *dispatches) out += (out.empty() ? "" : " ") + std::to_string(d.seq);
  return out;
}

// A commit of one order's first dispatch in session 1: page live, order counted on kDay.
FiringCommit FirstDetection(StoreFixture& f, uint64_t order_seq) {
  FiringCommit commit;
  commit.page = LivePage(kPage, 1, 20);
  commit.sessions[order_seq] = OrderSessionState{1, {3}, kDay};
  commit.detections.emplace_back(order_seq, kDay);
  commit.dispatches.push_back(Fired(f, order_seq, 3));
  return commit;
}

TEST_CASE("a fresh store has no pages, no sessions and no detections") {
  StoreFixture f;

  CHECK("" == Pages(f));
  CHECK("" == Sessions(f));
  CHECK("0/0" == Counts(f, 1, kDay));
  CHECK("not_found: Page https://www.facebook.com/username has no saved state" ==
        f.watch().GetPage(kPage).status().ToString());
}

TEST_CASE("everything a commit writes is there after a reopen") {
  StoreFixture f(SyncVariant());
  FiringCommit commit;
  commit.page = LivePage(kPage, 1, 150);
  commit.sessions[1] = OrderSessionState{1, {3, 1}, kDay};
  commit.sessions[2] = OrderSessionState{1, {3}, kDay};
  commit.detections = {{1, kDay}, {2, kDay}};
  commit.dispatches = {Fired(f, 1, 3), Fired(f, 1, 1), Fired(f, 2, 3)};

  REQUIRE(f.watch().Commit(commit).ok());
  f.Reopen();

  CHECK(kPage + "#1" == Pages(f));
  Result<PageState> page = f.watch().GetPage(kPage);
  REQUIRE(page.ok());
  CHECK(page->live);
  CHECK(std::optional<std::string>("stream-1") == page->stream_id);
  CHECK(150 == page->viewers);
  CHECK(kNow == page->session_started_at);
  CHECK(kNow + minutes(5) == page->last_live_at);
  CHECK("1:s1[3,1]@20400 2:s1[3]@20400" == Sessions(f));
  CHECK("1/1" == Counts(f, 1, kDay));
  CHECK("1/1" == Counts(f, 2, kDay));
  CHECK("1 2 3" == Seqs(f.dispatches().Due(kNow, 10)));
  DispatchQuery order_one;
  order_one.order_seq = 1;
  CHECK("1 2" == Seqs(f.dispatches().List(order_one)));
  CHECK(4 == f.dispatches().NextSeq());
}

TEST_CASE("detections count per order per day and in all") {
  StoreFixture f(SyncVariant());
  auto detect = [&](uint64_t order_seq, int64_t day) {
    FiringCommit commit;
    commit.page = LivePage(kPage, 1, 20);
    commit.detections.emplace_back(order_seq, day);
    REQUIRE(f.watch().Commit(commit).ok());
  };
  detect(1, kDay);
  detect(1, kDay);
  detect(1, kDay + 1);
  detect(2, kDay);

  CHECK("2/3" == Counts(f, 1, kDay));
  CHECK("1/3" == Counts(f, 1, kDay + 1));
  CHECK("0/3" == Counts(f, 1, kDay - 1));
  CHECK("1/1" == Counts(f, 2, kDay));
  CHECK("0/0" == Counts(f, 3, kDay));
}

TEST_CASE("detections on days before 1970 count like any other") {
  StoreFixture f;
  FiringCommit commit;
  commit.page = LivePage(kPage, 1, 20);
  commit.detections = {{1, -1}, {1, 0}};

  REQUIRE(f.watch().Commit(commit).ok());

  CHECK("1/2" == Counts(f, 1, -1));
  CHECK("1/2" == Counts(f, 1, 0));
}

TEST_CASE("two detections of one order on one day in one commit both count") {
  StoreFixture f;
  FiringCommit commit;
  commit.page = LivePage(kPage, 1, 20);
  commit.detections = {{1, kDay}, {1, kDay}};

  REQUIRE(f.watch().Commit(commit).ok());

  CHECK("2/2" == Counts(f, 1, kDay));
}

TEST_CASE("a later commit replaces the page state and only the sessions it names") {
  StoreFixture f;
  REQUIRE(f.watch().Commit(FirstDetection(f, 1)).ok());
  REQUIRE(f.watch().Commit(FirstDetection(f, 2)).ok());

  FiringCommit later;
  later.page = LivePage(kPage, 1, 150);
  later.sessions[2] = OrderSessionState{1, {3, 1}, kDay};
  later.dispatches.push_back(Fired(f, 2, 1));
  REQUIRE(f.watch().Commit(later).ok());

  CHECK(150 == f.watch().GetPage(kPage)->viewers);
  CHECK("1:s1[3]@20400 2:s1[3,1]@20400" == Sessions(f));
  CHECK("1/1" == Counts(f, 2, kDay));  // the later dispatch in the session counts no more
  CHECK("1 2 3" == Seqs(f.dispatches().Due(kNow, 10)));
}

TEST_CASE("pages load in page order, each with its own state") {
  StoreFixture f;
  FiringCommit first;
  first.page = LivePage(kPage, 2, 20);
  FiringCommit second;
  second.page = LivePage(kOtherPage, 1, 20);
  second.page.live = false;

  REQUIRE(f.watch().Commit(first).ok());
  REQUIRE(f.watch().Commit(second).ok());

  CHECK(kOtherPage + "#1 " + kPage + "#2" == Pages(f));
  CHECK_FALSE(f.watch().GetPage(kOtherPage)->live);
}

TEST_CASE("a commit that fails its checks writes nothing") {
  StoreFixture f;
  FiringCommit commit = FirstDetection(f, 1);

  SUBCASE("a dispatch without a reserved seq") {
    commit.dispatches.push_back(Fired(f, 1, 1));
    commit.dispatches.back().seq = 0;
    CHECK("invalid_argument: dispatch without a reserved seq" ==
          f.watch().Commit(commit).ToString());
  }
  SUBCASE("a page state without a page") {
    commit.page.page.clear();
    CHECK("invalid_argument: page state without a page" == f.watch().Commit(commit).ToString());
  }

  CHECK("" == Pages(f));
  CHECK("" == Sessions(f));
  CHECK("0/0" == Counts(f, 1, kDay));
  CHECK("" == Seqs(f.dispatches().Due(kNow, 10)));
}

TEST_CASE("forgetting a page drops it and its orders' sessions, keeping history") {
  StoreFixture f(SyncVariant());
  REQUIRE(f.watch().Commit(FirstDetection(f, 1)).ok());
  REQUIRE(f.watch().Commit(FirstDetection(f, 2)).ok());
  FiringCommit other;
  other.page = LivePage(kOtherPage, 4, 20);
  other.sessions[3] = OrderSessionState{4, {}, std::nullopt};
  REQUIRE(f.watch().Commit(other).ok());

  REQUIRE(f.watch().ForgetPage(kPage, {1, 2}).ok());
  f.Reopen();

  CHECK(kOtherPage + "#4" == Pages(f));
  CHECK("3:s4[]" == Sessions(f));
  CHECK("1/1" == Counts(f, 1, kDay));
  CHECK("1/1" == Counts(f, 2, kDay));
  CHECK("1 2" == Seqs(f.dispatches().Due(kNow, 10)));
}

TEST_CASE("forgetting sessions keeps the page and the other orders' sessions") {
  StoreFixture f;
  REQUIRE(f.watch().Commit(FirstDetection(f, 1)).ok());
  REQUIRE(f.watch().Commit(FirstDetection(f, 2)).ok());

  REQUIRE(f.watch().ForgetSessions({1}).ok());

  CHECK(kPage + "#1" == Pages(f));
  CHECK("2:s1[3]@20400" == Sessions(f));
  CHECK("1/1" == Counts(f, 1, kDay));
}

TEST_CASE("forgetting a page that was never saved is fine") {
  StoreFixture f;

  CHECK(f.watch().ForgetPage(kPage, {7}).ok());
  CHECK("" == Pages(f));
}

}  // namespace
}  // namespace onair::store
