// The scheduler over real stores on a fake clock: days of simulated time, each dispatch asserted
// as "HH:MM MP<order> s<service>" in local time (docs/firing-rules.md).
#include <doctest/doctest.h>

#include "watch_fixture.h"

namespace onair::testing {
namespace {

const std::vector<std::string_view> kDec1And2 = {"2025-12-01", "2025-12-02"};

TEST_CASE("three sessions in one day with daily_limit 2 give two detections") {
  WatchFixture w("Asia/Manila");
  const uint64_t mp = w.Place(MakeOrder(2, {Service(1)}));

  CHECK("08:00 MP1 s1" == w.Live("2025-12-01 08:00", 10, "a"));
  CHECK("" == w.End("2025-12-01 09:00"));
  CHECK("13:00 MP1 s1" == w.Live("2025-12-01 13:00", 10, "b"));
  CHECK("" == w.End("2025-12-01 14:00"));
  CHECK("" == w.Live("2025-12-01 20:00", 10, "c"));
  CHECK("" == w.End("2025-12-01 21:00"));

  CHECK("2" == w.Detections(mp, {"2025-12-01"}));
  CHECK("s1:pending, s1:pending" == w.DispatchStates(mp));
}

TEST_CASE("the worked timeline plays out, the Dec 2 row firing at the midnight wake-up") {
  WatchFixture w("Asia/Manila");
  const uint64_t mp = w.Place(MakeOrder(2, {Service(1), Service(3, 100)}));

  CHECK("09:00 MP1 s1" == w.Live("2025-12-01 09:00", 20, "a"));
  CHECK("09:10 MP1 s3" == w.Live("2025-12-01 09:10", 150, "a"));
  CHECK("" == w.End("2025-12-01 09:30"));
  CHECK("12:00 MP1 s1" == w.Live("2025-12-01 12:00", 50, "b"));
  CHECK("" == w.End("2025-12-01 12:20"));
  CHECK("" == w.Live("2025-12-01 18:00", 500, "c"));
  CHECK("" == w.End("2025-12-01 18:30"));
  CHECK("" == w.Live("2025-12-01 23:50", 10, "d"));
  CHECK("2 / 0" == w.Detections(mp, kDec1And2));

  // Session d waits on the limit; the scheduler looks again when Dec 2 begins.
  CHECK(w.At("2025-12-02 00:00") == w.next_run());
  CHECK("00:00 MP1 s1" == w.Live("2025-12-02 00:05", 10, "d"));
  CHECK("2 / 1" == w.Detections(mp, kDec1And2));
  CHECK("00:40 MP1 s3" == w.Live("2025-12-02 00:40", 120, "d"));
  CHECK("2 / 1" == w.Detections(mp, kDec1And2));
}

TEST_CASE("a new day fires a held-back live session without a new report") {
  WatchFixture w("Asia/Manila");
  const uint64_t mp = w.Place(MakeOrder(1, {Service(1)}));
  CHECK("08:00 MP1 s1" == w.Live("2025-12-01 08:00", 10, "a"));
  CHECK("" == w.End("2025-12-01 09:00"));

  SUBCASE("the page was seen live shortly before midnight") {
    CHECK("" == w.Live("2025-12-01 23:45", 10, "b"));
    CHECK("00:00 MP1 s1" == w.RunUntil("2025-12-02 06:00"));
    CHECK("1 / 1" == w.Detections(mp, kDec1And2));
  }

  SUBCASE("the last live report is too old to trust: the next report fires") {
    CHECK("" == w.Live("2025-12-01 23:00", 10, "b"));
    CHECK("" == w.RunUntil("2025-12-02 00:20"));
    CHECK("00:20 MP1 s1" == w.Live("2025-12-02 00:20", 10, "b"));
    CHECK("1 / 1" == w.Detections(mp, kDec1And2));
  }

  SUBCASE("a page not live at midnight stays quiet") {
    CHECK("" == w.RunUntil("2025-12-02 06:00"));
    CHECK("1 / 0" == w.Detections(mp, kDec1And2));
  }
}

TEST_CASE("a session spanning midnight in New York counts on its first dispatch's local day") {
  WatchFixture w("America/New_York");

  SUBCASE("first dispatch before midnight: a service crossing after it counts no more") {
    const uint64_t mp = w.Place(MakeOrder(1, {Service(1), Service(2, 100)}));
    // 23:30 in New York is already Dec 2 in UTC: the zone decides the day.
    CHECK("23:30 MP1 s1" == w.Live("2025-12-01 23:30", 20, "a"));
    CHECK("00:30 MP1 s2" == w.Live("2025-12-02 00:30", 150, "a"));
    CHECK("1 / 0" == w.Detections(mp, kDec1And2));

    CHECK("" == w.End("2025-12-02 01:00"));
    CHECK("02:00 MP1 s1" == w.Live("2025-12-02 02:00", 20, "b"));
    CHECK("1 / 1" == w.Detections(mp, kDec1And2));
  }

  SUBCASE("first dispatch after midnight: the session counts on the new day") {
    const uint64_t mp = w.Place(MakeOrder(1, {Service(2, 100)}));
    CHECK("" == w.Live("2025-12-01 23:30", 20, "a"));
    CHECK("00:30 MP1 s2" == w.Live("2025-12-02 00:30", 150, "a"));
    CHECK("0 / 1" == w.Detections(mp, kDec1And2));
  }
}

TEST_CASE("a service fires when the session's viewers rise past its min_viewers") {
  WatchFixture w("Asia/Manila");
  const uint64_t mp = w.Place(MakeOrder(10, {Service(4, 100)}));

  CHECK("" == w.Live("2025-12-01 10:00", 20, "a"));
  CHECK("" == w.Live("2025-12-01 10:05", 99, "a"));
  CHECK("10:10 MP1 s4" == w.Live("2025-12-01 10:10", 100, "a"));
  CHECK("" == w.Live("2025-12-01 10:15", 300, "a"));
  CHECK("" == w.Live("2025-12-01 10:20", std::nullopt, "a"));

  CHECK("1" == w.Detections(mp, {"2025-12-01"}));
}

TEST_CASE("a second service crossing after the day's last detection began still fires") {
  WatchFixture w("Asia/Manila");
  const uint64_t mp = w.Place(MakeOrder(2, {Service(1, 10), Service(2, 500)}));

  CHECK("09:00 MP1 s1" == w.Live("2025-12-01 09:00", 50, "a"));
  CHECK("" == w.End("2025-12-01 09:30"));
  CHECK("12:00 MP1 s1" == w.Live("2025-12-01 12:00", 60, "b"));
  CHECK("" == w.Live("2025-12-01 12:10", 400, "b"));
  CHECK("12:20 MP1 s2" == w.Live("2025-12-01 12:20", 600, "b"));
  CHECK("" == w.End("2025-12-01 13:00"));
  CHECK("" == w.Live("2025-12-01 18:00", 1000, "c"));

  CHECK("2" == w.Detections(mp, {"2025-12-01"}));
  CHECK("s1:pending, s1:pending, s2:pending" == w.DispatchStates(mp));
}

TEST_CASE("an order placed while its page is live fires in that session") {
  WatchFixture w("Asia/Manila");

  SUBCASE("on a page already watched") {
    w.Place(MakeOrder(10, {Service(1)}));
    CHECK("09:00 MP1 s1" == w.Live("2025-12-01 09:00", 40, "a"));
    CHECK("" == w.RunUntil("2025-12-01 09:20"));
    w.Place(MakeOrder(10, {Service(2)}));
    CHECK("09:20 MP2 s2" == w.NewDispatches());
    CHECK("" == w.Live("2025-12-01 09:30", 45, "a"));
  }

  SUBCASE("on a page nobody watched when it was reported live") {
    CHECK("" == w.Live("2025-12-01 09:00", 40, "a"));
    CHECK("" == w.Watched());
    CHECK("" == w.RunUntil("2025-12-01 09:10"));
    w.Place(MakeOrder(10, {Service(1)}));
    CHECK("09:10 MP1 s1" == w.NewDispatches());
    CHECK("/onairpage [1] live session 1" == w.Watched());
    CHECK("live session 1 stream a viewers 40" == w.SavedPage());
  }

  SUBCASE("not when the page was last seen live too long ago: then on the next report") {
    CHECK("" == w.Live("2025-12-01 09:00", 40, "a"));
    CHECK("" == w.RunUntil("2025-12-01 10:00"));
    w.Place(MakeOrder(10, {Service(1)}));
    CHECK("" == w.NewDispatches());
    CHECK("10:05 MP1 s1" == w.Live("2025-12-01 10:05", 40, "a"));
  }

  SUBCASE("not after the page was reported no longer live") {
    CHECK("" == w.Live("2025-12-01 09:00", 40, "a"));
    CHECK("" == w.End("2025-12-01 09:05"));
    w.Place(MakeOrder(10, {Service(1)}));
    CHECK("" == w.NewDispatches());
    CHECK("/onairpage [1] not live session 0" == w.Watched());
  }
}

TEST_CASE("an order expires exactly at expires_at") {
  WatchFixture w("Asia/Manila");
  Order order = MakeOrder(10, {Service(1), Service(2, 100)});
  order.expires_at = w.At("2025-12-01 12:00");
  const uint64_t mp = w.Place(order);
  CHECK(w.At("2025-12-01 12:00") == w.next_run());

  CHECK("11:59:59 MP1 s1" == w.Live("2025-12-01 11:59:59", 10, "a"));
  CHECK("active" == w.StoredStatus(mp));

  CHECK("" == w.RunUntil("2025-12-01 12:00"));
  CHECK("expired" == w.StoredStatus(mp));
  CHECK("" == w.Watched());
  CHECK("none" == w.SavedPage());

  CHECK("" == w.Live("2025-12-01 12:00", 500, "a"));
  CHECK("s1:pending" == w.DispatchStates(mp));
}

TEST_CASE("a cancelled order no longer fires and its pending dispatches are cancelled") {
  WatchFixture w("Asia/Manila");
  const uint64_t mp = w.Place(MakeOrder(10, {Service(1), Service(2, 100)}));
  CHECK("09:00 MP1 s1" == w.Live("2025-12-01 09:00", 20, "a"));

  w.Cancel(mp);
  CHECK("s1:cancelled" == w.DispatchStates(mp));
  CHECK("" == w.Watched());
  CHECK("none" == w.SavedPage());

  CHECK("" == w.Live("2025-12-01 09:10", 200, "a"));
  CHECK("" == w.Live("2025-12-01 12:00", 200, "b"));
  CHECK("cancelled" == w.StoredStatus(mp));
}

TEST_CASE("two orders on one page share its watch, each with its own daily limit") {
  WatchFixture w("Asia/Manila");
  const uint64_t first = w.Place(MakeOrder(1, {Service(1)}));
  const uint64_t second = w.Place(MakeOrder(10, {Service(2)}));
  const uint64_t elsewhere = [&] {
    Order order = MakeOrder(10, {Service(3)});
    order.page = std::string(kOtherPage);
    return w.Place(order);
  }();
  CHECK("/onairpage [1 2] not live session 0; /otherpage [3] not live session 0" == w.Watched());

  CHECK("09:00 MP1 s1, 09:00 MP2 s2" == w.Live("2025-12-01 09:00", 10, "a"));
  CHECK("" == w.End("2025-12-01 09:30"));
  CHECK("12:00 MP2 s2" == w.Live("2025-12-01 12:00", 10, "b"));

  w.Cancel(first);
  CHECK("/onairpage [2] live session 2; /otherpage [3] not live session 0" == w.Watched());
  CHECK("" == w.End("2025-12-01 12:30"));
  CHECK("18:00 MP2 s2" == w.Live("2025-12-01 18:00", 10, "c"));
  CHECK("18:05 MP3 s3" == w.Live("2025-12-01 18:05", 10, "x", kOtherPage));

  CHECK("1" == w.Detections(first, {"2025-12-01"}));
  CHECK("3" == w.Detections(second, {"2025-12-01"}));
  CHECK("1" == w.Detections(elsewhere, {"2025-12-01"}));
}

TEST_CASE("a dispatch carries the order line and the session it fired in") {
  WatchFixture w("Asia/Manila");
  Order order = MakeOrder(10, {Service(3, 100)});
  order.services[0].service_name = "180 Minutes Live Viewers";
  order.services[0].quantity = 250;
  const uint64_t mp = w.Place(order);
  CHECK("" == w.Live("2025-12-01 09:00", 20));
  CHECK("09:05 MP1 s3" == w.Live("2025-12-01 09:05", 150));
  CHECK(1 == w.notified());

  Result<Dispatch> dispatch = w.dispatches().Get(1);
  REQUIRE(dispatch.ok());
  CHECK(mp == dispatch->order_seq);
  CHECK(7 == dispatch->customer_id);
  CHECK(3 == dispatch->service_id);
  CHECK("180 Minutes Live Viewers" == dispatch->service_name);
  CHECK(250 == dispatch->quantity);
  CHECK(std::optional<int64_t>(100) == dispatch->min_viewers);
  CHECK(kPage == dispatch->page);
  CHECK(1 == dispatch->session);
  CHECK(std::nullopt == dispatch->stream_id);
  CHECK(150 == dispatch->viewers);
  CHECK(w.At("2025-12-01 09:05") == dispatch->detected_at);
  CHECK(DispatchState::kPending == dispatch->state);
  CHECK(0 == dispatch->attempts);
  CHECK(w.At("2025-12-01 09:05") == dispatch->next_attempt_at);
  CHECK("live session 1 stream - viewers 150" == w.SavedPage());
}

TEST_CASE("after a restart the same session goes on without firing again") {
  WatchFixture w("Asia/Manila");
  const uint64_t mp = w.Place(MakeOrder(2, {Service(1), Service(3, 100)}));
  CHECK("09:00 MP1 s1" == w.Live("2025-12-01 09:00", 20, "a"));

  w.Restart();
  CHECK("/onairpage [1] live session 1" == w.Watched());
  CHECK("" == w.Live("2025-12-01 09:10", 50, "a"));
  CHECK("09:20 MP1 s3" == w.Live("2025-12-01 09:20", 150, "a"));
  CHECK("1" == w.Detections(mp, {"2025-12-01"}));

  w.Restart();
  CHECK("" == w.End("2025-12-01 10:00"));
  CHECK("12:00 MP1 s1" == w.Live("2025-12-01 12:00", 20, "b"));
  CHECK("2" == w.Detections(mp, {"2025-12-01"}));
  CHECK("s1:pending, s3:pending, s1:pending" == w.DispatchStates(mp));
}

TEST_CASE("a restart stores orders that expired while onaird was down and forgets their page") {
  WatchFixture w("Asia/Manila");
  Order order = MakeOrder(10, {Service(1)});
  order.expires_at = w.At("2025-12-01 12:00");
  const uint64_t mp = w.Place(order);
  CHECK("09:00 MP1 s1" == w.Live("2025-12-01 09:00", 20, "a"));
  CHECK("live session 1 stream a viewers 20" == w.SavedPage());

  w.clock().Set(w.At("2025-12-01 13:00"));
  w.Restart();
  CHECK("expired" == w.StoredStatus(mp));
  CHECK("" == w.Watched());
  CHECK("none" == w.SavedPage());
  CHECK("s1:pending" == w.DispatchStates(mp));
}

}  // namespace
}  // namespace onair::testing
