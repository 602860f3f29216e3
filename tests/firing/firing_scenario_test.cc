// The firing rules of docs/firing-rules.md as days of simulated time: each step's dispatches
// are asserted as text, "09:00 MP1 s1" for service 1 of order MP-000001 at 09:00 local time.
#include <doctest/doctest.h>

#include "scenario.h"

namespace onair::testing {
namespace {

TEST_CASE("the worked timeline of the firing rules plays out row by row") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 2, {Service(1), Service(3, 100)}));
  const std::vector<std::string_view> days = {"2025-12-01", "2025-12-02"};

  CHECK("09:00 MP1 s1" == s.Live("2025-12-01 09:00", 20, "a"));
  CHECK("1 / 0" == s.Detections(1, days));

  CHECK("09:10 MP1 s3" == s.Live("2025-12-01 09:10", 150, "a"));
  CHECK("1 / 0" == s.Detections(1, days));

  CHECK("" == s.End("2025-12-01 09:30"));
  CHECK("1 / 0" == s.Detections(1, days));

  CHECK("12:00 MP1 s1" == s.Live("2025-12-01 12:00", 50, "b"));
  CHECK("2 / 0" == s.Detections(1, days));

  CHECK("" == s.End("2025-12-01 12:20"));
  CHECK("2 / 0" == s.Detections(1, days));

  CHECK("" == s.Live("2025-12-01 18:00", 500, "c"));
  CHECK("2 / 0" == s.Detections(1, days));

  CHECK("" == s.End("2025-12-01 18:30"));
  CHECK("2 / 0" == s.Detections(1, days));

  CHECK("" == s.Live("2025-12-01 23:50", 10, "d"));
  CHECK("2 / 0" == s.Detections(1, days));

  CHECK("00:05 MP1 s1" == s.Live("2025-12-02 00:05", 10, "d"));
  CHECK("2 / 1" == s.Detections(1, days));

  CHECK("00:40 MP1 s3" == s.Live("2025-12-02 00:40", 120, "d"));
  CHECK("2 / 1" == s.Detections(1, days));

  CHECK(4 == s.page().session);
}

TEST_CASE("three sessions in one day with daily_limit 2 give two detections") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 2, {Service(1)}));

  CHECK("08:00 MP1 s1" == s.Live("2025-12-01 08:00", 10, "a"));
  CHECK("" == s.End("2025-12-01 09:00"));
  CHECK("13:00 MP1 s1" == s.Live("2025-12-01 13:00", 10, "b"));
  CHECK("" == s.End("2025-12-01 14:00"));
  CHECK("" == s.Live("2025-12-01 20:00", 10, "c"));
  CHECK("" == s.End("2025-12-01 21:00"));

  CHECK("2" == s.Detections(1, {"2025-12-01"}));
  CHECK("08:00 MP1 s1, 13:00 MP1 s1" == s.log());
}

TEST_CASE("the next day starts a fresh daily count") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 1, {Service(1)}));

  CHECK("08:00 MP1 s1" == s.Live("2025-12-01 08:00", 10, "a"));
  CHECK("" == s.Live("2025-12-01 20:00", 10, "b"));
  CHECK("08:00 MP1 s1" == s.Live("2025-12-02 08:00", 10, "c"));

  CHECK("1 / 1" == s.Detections(1, {"2025-12-01", "2025-12-02"}));
}

TEST_CASE("a session spanning midnight in New York counts once, on its first dispatch's day") {
  Scenario s("America/New_York");
  const std::vector<std::string_view> days = {"2025-12-01", "2025-12-02"};

  SUBCASE("first dispatch before midnight: a service crossing after midnight counts no more") {
    s.Place(MakeOrder(1, 1, {Service(1), Service(2, 100)}));

    CHECK("23:30 MP1 s1" == s.Live("2025-12-01 23:30", 10, "a"));
    CHECK("00:30 MP1 s2" == s.Live("2025-12-02 00:30", 150, "a"));
    CHECK("1 / 0" == s.Detections(1, days));

    // Dec 2 has no detection yet, so the next broadcast fires.
    CHECK("" == s.End("2025-12-02 01:00"));
    CHECK("09:00 MP1 s1" == s.Live("2025-12-02 09:00", 10, "b"));
    CHECK("1 / 1" == s.Detections(1, days));
  }

  SUBCASE("first dispatch after midnight: the session counts on the new day") {
    s.Place(MakeOrder(1, 1, {Service(1, 50)}));

    CHECK("" == s.Live("2025-12-01 23:30", 10, "a"));
    CHECK("00:30 MP1 s1" == s.Live("2025-12-02 00:30", 60, "a"));
    CHECK("0 / 1" == s.Detections(1, days));
  }

  SUBCASE("the day turns at local midnight, not at UTC midnight") {
    s.Place(MakeOrder(1, 1, {Service(1)}));

    // 20:00 in New York is 01:00 UTC on Dec 2, but still Dec 1 here: the limit holds.
    CHECK("18:30 MP1 s1" == s.Live("2025-12-01 18:30", 10, "a"));
    CHECK("" == s.End("2025-12-01 19:00"));
    CHECK("" == s.Live("2025-12-01 20:00", 10, "b"));
    CHECK("1 / 0" == s.Detections(1, days));
  }
}

TEST_CASE("a service fires once the session's viewers reach its min_viewers") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 10, {Service(1, 100)}));

  CHECK("" == s.Live("2025-12-01 09:00", 20, "a"));
  CHECK("" == s.Live("2025-12-01 09:05", 99, "a"));
  CHECK("0" == s.Detections(1, {"2025-12-01"}));

  SUBCASE("exactly at the threshold") {
    CHECK("09:10 MP1 s1" == s.Live("2025-12-01 09:10", 100, "a"));
  }
  SUBCASE("past the threshold") {
    CHECK("09:10 MP1 s1" == s.Live("2025-12-01 09:10", 250, "a"));
  }
  SUBCASE("and not again when viewers fall and rise") {
    CHECK("09:10 MP1 s1" == s.Live("2025-12-01 09:10", 100, "a"));
    CHECK("" == s.Live("2025-12-01 09:20", 40, "a"));
    CHECK("" == s.Live("2025-12-01 09:30", 300, "a"));
  }
  CHECK("1" == s.Detections(1, {"2025-12-01"}));
}

TEST_CASE("a report without a viewer count keeps the last count for thresholds") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 10, {Service(1, 100)}));

  CHECK("" == s.Live("2025-12-01 09:00", std::nullopt, "a"));
  CHECK("09:05 MP1 s1" == s.Live("2025-12-01 09:05", 120, "a"));

  // A new session starts from 0 viewers when its report has no count.
  CHECK("" == s.End("2025-12-01 10:00"));
  CHECK("" == s.Live("2025-12-01 11:00", std::nullopt, "b"));
  CHECK(0 == s.page().viewers);
}

TEST_CASE("a second service crossing after the day's last detection began still fires") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 2, {Service(1, 10), Service(2, 200)}));

  CHECK("08:00 MP1 s1" == s.Live("2025-12-01 08:00", 50, "a"));
  CHECK("" == s.End("2025-12-01 09:00"));

  // Session 2 is the day's last detection; service 2 crosses once the limit is reached.
  CHECK("15:00 MP1 s1" == s.Live("2025-12-01 15:00", 50, "b"));
  CHECK("2" == s.Detections(1, {"2025-12-01"}));
  CHECK("15:40 MP1 s2" == s.Live("2025-12-01 15:40", 250, "b"));
  CHECK("2" == s.Detections(1, {"2025-12-01"}));

  // A third session that day fires neither service, even above both thresholds.
  CHECK("" == s.End("2025-12-01 16:00"));
  CHECK("" == s.Live("2025-12-01 20:00", 500, "c"));
  CHECK("2" == s.Detections(1, {"2025-12-01"}));
}

TEST_CASE("services crossing together fire together and count one detection") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 1, {Service(1, 100), Service(2, 50), Service(3, 500)}));

  CHECK("" == s.Live("2025-12-01 09:00", 10, "a"));
  CHECK("09:10 MP1 s1, 09:10 MP1 s2" == s.Live("2025-12-01 09:10", 120, "a"));
  CHECK("1" == s.Detections(1, {"2025-12-01"}));
}

TEST_CASE("an order placed while its page is live fires in that session") {
  Scenario s("Asia/Manila");
  CHECK("" == s.Live("2025-12-01 09:00", 80, "a"));

  Order order = MakeOrder(1, 1, {Service(1)});
  order.created_at = s.At("2025-12-01 09:20");
  s.Place(order);

  SUBCASE("as soon as the scheduler looks again") {
    CHECK("09:20 MP1 s1" == s.Tick("2025-12-01 09:20"));
  }
  SUBCASE("on the session's next report") {
    CHECK("09:25 MP1 s1" == s.Live("2025-12-01 09:25", 80, "a"));
  }
  SUBCASE("not for a report from before it was placed") {
    CHECK("" == s.Live("2025-12-01 09:19:59", 80, "a"));
    CHECK("09:20 MP1 s1" == s.Tick("2025-12-01 09:20"));
  }
  CHECK("1" == s.Detections(1, {"2025-12-01"}));
}

TEST_CASE("an order expires exactly at expires_at") {
  Scenario s("Asia/Manila");
  Order order = MakeOrder(1, 10, {Service(1), Service(2, 100)});
  order.expires_at = s.At("2025-12-01 10:00");
  s.Place(order);

  SUBCASE("a report one second before fires") {
    CHECK("09:59:59 MP1 s1" == s.Live("2025-12-01 09:59:59", 10, "a"));
  }
  SUBCASE("a report at expires_at fires nothing") {
    CHECK("" == s.Live("2025-12-01 10:00", 10, "a"));
  }
  SUBCASE("a service crossing at expires_at in a running session fires nothing") {
    CHECK("09:30 MP1 s1" == s.Live("2025-12-01 09:30", 10, "a"));
    CHECK("" == s.Live("2025-12-01 10:00", 150, "a"));
  }
}

TEST_CASE("a cancelled order never fires") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 10, {Service(1), Service(2, 100)}));

  SUBCASE("cancelled before the page goes live") {
    s.order(1).status = OrderStatus::kCancelled;
    CHECK("" == s.Live("2025-12-01 09:00", 500, "a"));
    CHECK("0" == s.Detections(1, {"2025-12-01"}));
  }
  SUBCASE("cancelled mid-session, before its second service crosses") {
    CHECK("09:00 MP1 s1" == s.Live("2025-12-01 09:00", 10, "a"));
    s.order(1).status = OrderStatus::kCancelled;
    CHECK("" == s.Live("2025-12-01 09:10", 500, "a"));
    CHECK("" == s.End("2025-12-01 09:30"));
    CHECK("" == s.Live("2025-12-01 12:00", 500, "b"));
    CHECK("1" == s.Detections(1, {"2025-12-01"}));
  }
}

TEST_CASE("two orders sharing a page keep their own limits and detections") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 2, {Service(1), Service(3, 100)}));
  s.Place(MakeOrder(2, 10, {Service(1), Service(3, 100)}));

  CHECK("09:00 MP1 s1, 09:00 MP2 s1" == s.Live("2025-12-01 09:00", 20, "a"));
  CHECK("09:10 MP1 s3, 09:10 MP2 s3" == s.Live("2025-12-01 09:10", 150, "a"));
  CHECK("" == s.End("2025-12-01 09:30"));
  CHECK("12:00 MP1 s1, 12:00 MP2 s1" == s.Live("2025-12-01 12:00", 50, "b"));
  CHECK("" == s.End("2025-12-01 12:20"));
  CHECK("18:00 MP2 s1, 18:00 MP2 s3" == s.Live("2025-12-01 18:00", 500, "c"));
  CHECK("" == s.End("2025-12-01 18:30"));
  CHECK("23:50 MP2 s1" == s.Live("2025-12-01 23:50", 10, "d"));
  CHECK("00:05 MP1 s1" == s.Live("2025-12-02 00:05", 10, "d"));
  CHECK("00:40 MP1 s3, 00:40 MP2 s3" == s.Live("2025-12-02 00:40", 120, "d"));

  CHECK("2 / 1" == s.Detections(1, {"2025-12-01", "2025-12-02"}));
  CHECK("4 / 0" == s.Detections(2, {"2025-12-01", "2025-12-02"}));
}

TEST_CASE("a repeated report does not fire twice") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 10, {Service(1)}));

  SUBCASE("with a stream id") {
    CHECK("09:00 MP1 s1" == s.Live("2025-12-01 09:00", 20, "a"));
    CHECK("" == s.Live("2025-12-01 09:00", 20, "a"));
    CHECK("" == s.Live("2025-12-01 09:01", 20, "a"));
  }
  SUBCASE("without a stream id") {
    CHECK("09:00 MP1 s1" == s.Live("2025-12-01 09:00", 20));
    CHECK("" == s.Live("2025-12-01 09:00", 20));
    CHECK("" == s.Live("2025-12-01 09:01", 20));
  }
  CHECK(1 == s.page().session);
  CHECK("1" == s.Detections(1, {"2025-12-01"}));
}

TEST_CASE("a not-live blip with the same stream id does not start a new session") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 10, {Service(1), Service(2, 100)}));

  CHECK("09:00 MP1 s1" == s.Live("2025-12-01 09:00", 20, "a"));
  CHECK("" == s.End("2025-12-01 09:01"));
  CHECK("" == s.Live("2025-12-01 09:02", 20, "a"));
  CHECK(1 == s.page().session);

  // The continued session still fires its remaining service, and counts no second detection.
  CHECK("09:05 MP1 s2" == s.Live("2025-12-01 09:05", 100, "a"));
  CHECK("1" == s.Detections(1, {"2025-12-01"}));
}

TEST_CASE("a not-live blip without a stream id starts a new session") {
  Scenario s("Asia/Manila");
  s.Place(MakeOrder(1, 10, {Service(1)}));

  CHECK("09:00 MP1 s1" == s.Live("2025-12-01 09:00", 20));
  CHECK("" == s.End("2025-12-01 09:01"));
  CHECK("09:02 MP1 s1" == s.Live("2025-12-01 09:02", 20));
  CHECK(2 == s.page().session);
  CHECK("2" == s.Detections(1, {"2025-12-01"}));
}

}  // namespace
}  // namespace onair::testing
