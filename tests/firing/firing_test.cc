// PlanFiring and ApplyPlan one call at a time; firing_scenario_test.cc plays whole days.
#include "core/firing.h"

#include <date/date.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "scenario.h"

namespace onair {
namespace {

using testing::MakeOrder;
using testing::Service;

// 2025-12-01 09:00 in Asia/Manila.
const TimePoint kNow = date::sys_days{date::year{2025} / 12 / 1} + std::chrono::hours(1);

TimeZone Manila() {
  Result<TimeZone> zone = TimeZone::Load("Asia/Manila");
  REQUIRE(zone.ok());
  return std::move(zone).value();
}

// The order's state at the start of the page's session 3.
OrderSessionState Fresh() {
  OrderSessionState state;
  state.session = 3;
  return state;
}

// The order's state in session 3 after dispatching `service_ids`, counted on `day`.
OrderSessionState Counted(std::vector<uint64_t> service_ids, int64_t day) {
  OrderSessionState state = Fresh();
  state.dispatched_service_ids = std::move(service_ids);
  state.counted_day = day;
  return state;
}

PageState LivePage(int64_t viewers) {
  PageState page;
  page.page = "https://www.facebook.com/onairpage";
  page.live = true;
  page.session = 3;
  page.stream_id = "a";
  page.viewers = viewers;
  return page;
}

// The plan's lines as service ids, "s1 s3", and its new detection day, "day 20423".
std::string Describe(const Order& order, const FiringPlan& plan) {
  std::string text;
  for (size_t i : plan.lines) {
    if (!text.empty()) text += " ";
    text += "s" + std::to_string(order.services.at(i).service_id);
  }
  if (plan.new_detection_day) {
    if (!text.empty()) text += " ";
    text += "day " + std::to_string(*plan.new_detection_day);
  }
  return text;
}

TEST_CASE("a plan for a fresh session fires what is due and counts on the local day") {
  const Order order = MakeOrder(1, 2, {Service(1), Service(2, 100), Service(3, 50)});

  // 2025-12-01 is day 20423 since 1970-01-01.
  CHECK("s1 s3 day 20423" ==
        Describe(order, PlanFiring(order, Fresh(), LivePage(60), 0, kNow, Manila())));
}

TEST_CASE("the local day of a detection follows the zone, not UTC") {
  const Order order = MakeOrder(1, 2, {Service(1)});
  // 2025-12-01 17:00 UTC is already Dec 2 in Manila.
  const TimePoint evening_utc = kNow + std::chrono::hours(16);

  CHECK("s1 day 20424" ==
        Describe(order, PlanFiring(order, Fresh(), LivePage(0), 0, evening_utc, Manila())));
}

TEST_CASE("a plan in a session that already counts adds no detection") {
  const Order order = MakeOrder(1, 2, {Service(1), Service(2, 100)});
  const OrderSessionState state = Counted({1}, 20423);

  CHECK("s2" == Describe(order, PlanFiring(order, state, LivePage(100), 2, kNow, Manila())));
}

TEST_CASE("the daily limit stops only a session that does not count yet") {
  const Order order = MakeOrder(1, 2, {Service(1), Service(2)});

  SUBCASE("below the limit") {
    CHECK("s1 s2 day 20423" ==
          Describe(order, PlanFiring(order, Fresh(), LivePage(0), 1, kNow, Manila())));
  }
  SUBCASE("at the limit") {
    CHECK("" == Describe(order, PlanFiring(order, Fresh(), LivePage(0), 2, kNow, Manila())));
  }
  SUBCASE("at the limit, in a session that counts") {
    const OrderSessionState state = Counted({1}, 1);
    CHECK("s2" == Describe(order, PlanFiring(order, state, LivePage(0), 2, kNow, Manila())));
  }
}

TEST_CASE("nothing fires while the page is not live") {
  const Order order = MakeOrder(1, 2, {Service(1)});
  PageState page = LivePage(500);
  page.live = false;

  CHECK("" == Describe(order, PlanFiring(order, Fresh(), page, 0, kNow, Manila())));
}

TEST_CASE("nothing fires for an order that is not active at now") {
  Order order = MakeOrder(1, 2, {Service(1)});

  SUBCASE("cancelled") {
    order.status = OrderStatus::kCancelled;
  }
  SUBCASE("stored as expired") {
    order.status = OrderStatus::kExpired;
  }
  SUBCASE("active but past expires_at") {
    order.expires_at = kNow;
  }
  SUBCASE("not yet created") {
    order.created_at = kNow + std::chrono::seconds(1);
  }

  CHECK("" == Describe(order, PlanFiring(order, Fresh(), LivePage(0), 0, kNow, Manila())));
}

TEST_CASE("applying a plan records its services and the session's detection day") {
  const Order order = MakeOrder(1, 2, {Service(1), Service(2, 100), Service(3)});
  FiringPlan plan;
  plan.lines = {0, 2};
  plan.new_detection_day = 20423;

  const OrderSessionState state = ApplyPlan(order, Fresh(), plan);

  CHECK(3 == state.session);
  CHECK(std::vector<uint64_t>{1, 3} == state.dispatched_service_ids);
  CHECK(20423 == state.counted_day.value_or(-1));
}

TEST_CASE("applying a plan keeps the day a session first counted on") {
  const Order order = MakeOrder(1, 2, {Service(1), Service(2, 100)});
  const OrderSessionState before = Counted({1}, 7);

  const OrderSessionState state =
      ApplyPlan(order, before, FiringPlan{.lines = {1}, .new_detection_day = std::nullopt});

  CHECK(std::vector<uint64_t>{1, 2} == state.dispatched_service_ids);
  CHECK(7 == state.counted_day.value_or(-1));
}

TEST_CASE("applying an empty plan changes nothing") {
  const Order order = MakeOrder(1, 2, {Service(1)});

  const OrderSessionState state = ApplyPlan(order, Fresh(), FiringPlan{});

  CHECK(state.dispatched_service_ids.empty());
  CHECK_FALSE(state.counted_day.has_value());
}

}  // namespace
}  // namespace onair
