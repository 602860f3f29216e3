#include "core/live.h"

#include <date/date.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace onair {
namespace {

using std::chrono::minutes;

constexpr const char* kPage = "https://www.facebook.com/onairpage";

TimePoint At(int minute) {
  return date::sys_days{date::year{2025} / 12 / 1} + std::chrono::hours(1) + minutes(minute);
}

LiveReport Live(int minute, std::optional<int64_t> viewers,
                std::optional<std::string> stream_id = std::nullopt) {
  return LiveReport{.page = kPage,
                    .live = true,
                    .viewers = viewers,
                    .stream_id = std::move(stream_id),
                    .at = At(minute)};
}

LiveReport NotLive(int minute) {
  return LiveReport{.page = kPage,
                    .live = false,
                    .viewers = std::nullopt,
                    .stream_id = std::nullopt,
                    .at = At(minute)};
}

// The state after feeding `reports` in order to a page never seen before.
PageState Feed(std::initializer_list<LiveReport> reports) {
  PageState state;
  for (const LiveReport& report : reports) state = ApplyReport(state, report);
  return state;
}

TEST_CASE("a page never seen live has no session") {
  const PageState state = Feed({NotLive(0)});

  CHECK(0 == state.session);
  CHECK_FALSE(state.live);
  CHECK(kPage == state.page);
}

TEST_CASE("the first live report starts session 1 with its stream, viewers and time") {
  const PageState state = Feed({Live(5, 20, "a")});

  CHECK(state.live);
  CHECK(1 == state.session);
  CHECK("a" == state.stream_id.value_or("none"));
  CHECK(20 == state.viewers);
  CHECK(At(5) == state.session_started_at);
  CHECK(At(5) == state.last_live_at);
  CHECK(kPage == state.page);
}

TEST_CASE("a live report with a new stream id starts a new session") {
  SUBCASE("while the page is live") {
    const PageState state = Feed({Live(0, 20, "a"), Live(10, 30, "b")});
    CHECK(2 == state.session);
    CHECK("b" == state.stream_id.value_or("none"));
    CHECK(At(10) == state.session_started_at);
  }
  SUBCASE("after the page was seen not live") {
    const PageState state = Feed({Live(0, 20, "a"), NotLive(5), Live(10, 30, "b")});
    CHECK(2 == state.session);
    CHECK("b" == state.stream_id.value_or("none"));
  }
  SUBCASE("after a session without a stream id ended") {
    const PageState state = Feed({Live(0, 20), NotLive(5), Live(10, 30, "b")});
    CHECK(2 == state.session);
    CHECK("b" == state.stream_id.value_or("none"));
  }
}

TEST_CASE("a live report with the session's stream id continues the session") {
  SUBCASE("while the page is live") {
    const PageState state = Feed({Live(0, 20, "a"), Live(10, 30, "a")});
    CHECK(1 == state.session);
    CHECK(At(0) == state.session_started_at);
  }
  SUBCASE("after a not-live blip") {
    const PageState state = Feed({Live(0, 20, "a"), NotLive(5), Live(10, 30, "a")});
    CHECK(1 == state.session);
    CHECK(state.live);
    CHECK(30 == state.viewers);
    CHECK(At(0) == state.session_started_at);
  }
}

TEST_CASE("a live report without a stream id starts a session only after not live") {
  SUBCASE("the page going from not live to live starts one") {
    const PageState state = Feed({Live(0, 20), NotLive(5), Live(10, 30)});
    CHECK(2 == state.session);
    CHECK(At(10) == state.session_started_at);
  }
  SUBCASE("a stream id is dropped for the new session") {
    const PageState state = Feed({Live(0, 20, "a"), NotLive(5), Live(10, 30)});
    CHECK(2 == state.session);
    CHECK_FALSE(state.stream_id.has_value());
  }
  SUBCASE("while the page is live it continues the session and keeps its stream id") {
    const PageState state = Feed({Live(0, 20, "a"), Live(10, 30)});
    CHECK(1 == state.session);
    CHECK("a" == state.stream_id.value_or("none"));
    CHECK(30 == state.viewers);
  }
}

TEST_CASE("a live session without a stream id adopts the first id a report gives it") {
  const PageState state = Feed({Live(0, 20), Live(5, 30, "g1")});

  CHECK(1 == state.session);
  CHECK("g1" == state.stream_id.value_or("none"));
  CHECK(30 == state.viewers);
}

TEST_CASE("after adopting a stream id, another id starts a new session") {
  const PageState state = Feed({Live(0, 20), Live(5, 30, "g1"), Live(10, 40, "g2")});

  CHECK(2 == state.session);
  CHECK("g2" == state.stream_id.value_or("none"));
}

TEST_CASE("viewers start at 0 in a new session whose report has no count") {
  const PageState state = Feed({Live(0, 500, "a"), Live(10, std::nullopt, "b")});

  CHECK(2 == state.session);
  CHECK(0 == state.viewers);
}

TEST_CASE("a live report without a count keeps the session's viewers") {
  const PageState state = Feed({Live(0, 120, "a"), Live(10, std::nullopt, "a")});

  CHECK(120 == state.viewers);
  CHECK(At(10) == state.last_live_at);
}

TEST_CASE("a not-live report ends the session but keeps its number, stream and viewers") {
  const PageState state = Feed({Live(0, 120, "a"), NotLive(10)});

  CHECK_FALSE(state.live);
  CHECK(1 == state.session);
  CHECK("a" == state.stream_id.value_or("none"));
  CHECK(120 == state.viewers);
  CHECK(At(0) == state.last_live_at);
  CHECK(At(0) == state.session_started_at);
}

TEST_CASE("last_live_at is the time of the last report that saw the page live") {
  const PageState state = Feed({Live(0, 1, "a"), Live(7, 2, "a"), NotLive(9), NotLive(12)});

  CHECK(At(7) == state.last_live_at);
}

}  // namespace
}  // namespace onair
