// The records and keys of live detection and delivery: dispatches, page states, order session
// states, outbox and detection counter keys.
#include <doctest/doctest.h>

#include <climits>
#include <random>

#include "store/keys.h"
#include "store/record_codec.h"
#include "store_fixture.h"

namespace onair::store {
namespace {

using onair::testing::kNow;
using std::chrono::milliseconds;
using std::chrono::minutes;

Dispatch FullDispatch() {
  Dispatch d;
  d.seq = 42;
  d.order_seq = 7;
  d.customer_id = 3;
  d.service_id = 3;
  d.service_name = "180 Minutes Live Viewers";
  d.quantity = 200;
  d.min_viewers = 100;
  d.page = "https://www.facebook.com/username";
  d.session = 4;
  d.stream_id = "1234567890";
  d.viewers = 153;
  d.detected_at = kNow + milliseconds(5);
  d.state = DispatchState::kUndeliverable;
  d.attempts = 18;
  d.next_attempt_at = kNow + minutes(30);
  d.last_error = "HTTP 500";
  d.sent_at = kNow + minutes(1);
  d.result = DispatchResult::kDelivered;
  d.delivered_quantity = 180;
  d.failure_reason = "page removed";
  d.result_at = kNow + minutes(90);
  return d;
}

// A dispatch with every string empty and every optional unset, so field offsets are fixed.
Dispatch MinimalDispatch() {
  Dispatch d;
  d.seq = 1;
  d.detected_at = kNow;
  d.next_attempt_at = kNow;
  return d;
}

// Offsets in the encoding of MinimalDispatch(): version, seq, order seq, customer id, service
// id, service name, quantity, min_viewers flag, page, session, stream_id flag, viewers,
// detected_at, then the state.
constexpr size_t kStateAt = 1 + 8 + 8 + 8 + 8 + 4 + 8 + 1 + 4 + 8 + 1 + 8 + 8;
constexpr size_t kAttemptsAt = kStateAt + 1;
// attempts, next_attempt_at, last_error, sent_at flag, then the result.
constexpr size_t kResultAt = kAttemptsAt + 4 + 8 + 4 + 1;

void CheckSameDispatch(const Dispatch& expected, const Dispatch& actual) {
  CHECK(expected.seq == actual.seq);
  CHECK(expected.order_seq == actual.order_seq);
  CHECK(expected.customer_id == actual.customer_id);
  CHECK(expected.service_id == actual.service_id);
  CHECK(expected.service_name == actual.service_name);
  CHECK(expected.quantity == actual.quantity);
  CHECK(expected.min_viewers == actual.min_viewers);
  CHECK(expected.page == actual.page);
  CHECK(expected.session == actual.session);
  CHECK(expected.stream_id == actual.stream_id);
  CHECK(expected.viewers == actual.viewers);
  CHECK(expected.detected_at == actual.detected_at);
  CHECK(expected.state == actual.state);
  CHECK(expected.attempts == actual.attempts);
  CHECK(expected.next_attempt_at == actual.next_attempt_at);
  CHECK(expected.last_error == actual.last_error);
  CHECK(expected.sent_at == actual.sent_at);
  CHECK(expected.result == actual.result);
  CHECK(expected.delivered_quantity == actual.delivered_quantity);
  CHECK(expected.failure_reason == actual.failure_reason);
  CHECK(expected.result_at == actual.result_at);
}

PageState FullPage() {
  PageState page;
  page.page = "https://www.facebook.com/username";
  page.live = true;
  page.session = 12;
  page.stream_id = "abc";
  page.viewers = 950;
  page.session_started_at = kNow;
  page.last_live_at = kNow + minutes(20);
  return page;
}

std::string DispatchError(std::string_view bytes) {
  Result<Dispatch> dispatch = DecodeDispatch(bytes);
  return dispatch.ok() ? "decoded" : dispatch.status().ToString();
}

TEST_CASE("a dispatch with every optional field set round-trips through the codec") {
  Result<Dispatch> decoded = DecodeDispatch(EncodeDispatch(FullDispatch()));

  REQUIRE(decoded.ok());
  CheckSameDispatch(FullDispatch(), *decoded);
}

TEST_CASE("a dispatch without optional fields round-trips through the codec") {
  Dispatch dispatch = MinimalDispatch();

  SUBCASE("pending") {}
  SUBCASE("acked") {
    dispatch.state = DispatchState::kAcked;
  }
  SUBCASE("cancelled, reported failed") {
    dispatch.state = DispatchState::kCancelled;
    dispatch.result = DispatchResult::kFailed;
  }

  Result<Dispatch> decoded = DecodeDispatch(EncodeDispatch(dispatch));

  REQUIRE(decoded.ok());
  CheckSameDispatch(dispatch, *decoded);
}

TEST_CASE("dispatch times keep millisecond precision") {
  Dispatch dispatch = MinimalDispatch();
  dispatch.next_attempt_at = kNow + std::chrono::microseconds(2'999);
  dispatch.sent_at = kNow + std::chrono::nanoseconds(1);

  Result<Dispatch> decoded = DecodeDispatch(EncodeDispatch(dispatch));

  REQUIRE(decoded.ok());
  CHECK(kNow + milliseconds(2) == decoded->next_attempt_at);
  CHECK(std::optional<TimePoint>(kNow) == decoded->sent_at);
}

TEST_CASE("every cut of a dispatch is internal") {
  const std::string bytes = EncodeDispatch(FullDispatch());

  for (size_t size = 0; size < bytes.size(); ++size) {
    CAPTURE(size);
    CHECK("internal: corrupt dispatch record: truncated" == DispatchError(bytes.substr(0, size)));
  }
}

TEST_CASE("bytes after a dispatch are internal") {
  CHECK("internal: corrupt dispatch record: 1 trailing bytes" ==
        DispatchError(EncodeDispatch(FullDispatch()) + "z"));
}

TEST_CASE("a dispatch state byte out of range is internal") {
  std::string bytes = EncodeDispatch(MinimalDispatch());
  REQUIRE(0 == bytes[kStateAt]);
  bytes[kStateAt] = 5;

  CHECK("internal: corrupt dispatch record: bad state 5" == DispatchError(bytes));
}

TEST_CASE("a dispatch result byte out of range is internal") {
  std::string bytes = EncodeDispatch(MinimalDispatch());
  REQUIRE(0 == bytes[kResultAt]);
  bytes[kResultAt] = 3;

  CHECK("internal: corrupt dispatch record: bad result 3" == DispatchError(bytes));
}

TEST_CASE("a dispatch attempt count beyond int is internal") {
  std::string bytes = EncodeDispatch(MinimalDispatch());
  bytes.replace(kAttemptsAt, 4, "\x80\x00\x00\x00", 4);

  CHECK("internal: corrupt dispatch record: bad attempts 2147483648" == DispatchError(bytes));
}

TEST_CASE("a dispatch of an unknown format version is internal") {
  std::string bytes = EncodeDispatch(FullDispatch());
  bytes[0] = 2;

  CHECK("internal: corrupt dispatch record: unsupported format version 2" == DispatchError(bytes));
}

TEST_CASE("a page state round-trips through the codec") {
  PageState page = FullPage();

  SUBCASE("live, with a stream id") {}
  SUBCASE("not live, never had a stream id") {
    page.live = false;
    page.stream_id.reset();
    page.viewers = 0;
  }

  Result<PageState> decoded = DecodePageState(EncodePageState(page));

  REQUIRE(decoded.ok());
  CHECK(page.page == decoded->page);
  CHECK(page.live == decoded->live);
  CHECK(page.session == decoded->session);
  CHECK(page.stream_id == decoded->stream_id);
  CHECK(page.viewers == decoded->viewers);
  CHECK(page.session_started_at == decoded->session_started_at);
  CHECK(page.last_live_at == decoded->last_live_at);
}

TEST_CASE("every cut of a page state is internal") {
  const std::string bytes = EncodePageState(FullPage());

  for (size_t size = 0; size < bytes.size(); ++size) {
    CAPTURE(size);
    CHECK("internal: corrupt page state record: truncated" ==
          DecodePageState(bytes.substr(0, size)).status().ToString());
  }
}

TEST_CASE("a page state live flag other than 0 and 1 is internal") {
  std::string bytes = EncodePageState(FullPage());
  size_t live_at = 1 + 4 + FullPage().page.size();
  REQUIRE(1 == bytes[live_at]);
  bytes[live_at] = 7;

  CHECK("internal: corrupt page state record: bad boolean 7" ==
        DecodePageState(bytes).status().ToString());
}

TEST_CASE("an order session state round-trips through the codec") {
  OrderSessionState state;
  state.session = 4;

  SUBCASE("counted, two services dispatched") {
    state.dispatched_service_ids = {3, 1};
    state.counted_day = 20'393;
  }
  SUBCASE("counted on a day before 1970") {
    state.dispatched_service_ids = {1};
    state.counted_day = -2;
  }
  SUBCASE("nothing dispatched yet") {}

  Result<OrderSessionState> decoded = DecodeOrderSessionState(EncodeOrderSessionState(state));

  REQUIRE(decoded.ok());
  CHECK(state.session == decoded->session);
  CHECK(state.dispatched_service_ids == decoded->dispatched_service_ids);
  CHECK(state.counted_day == decoded->counted_day);
}

TEST_CASE("every cut of an order session state is internal") {
  const std::string bytes = EncodeOrderSessionState(OrderSessionState{4, {3, 1}, 20'393});

  for (size_t size = 0; size < bytes.size(); ++size) {
    CAPTURE(size);
    CHECK("internal: corrupt order session state record: truncated" ==
          DecodeOrderSessionState(bytes.substr(0, size)).status().ToString());
  }
}

TEST_CASE("a huge dispatched service count is internal without allocating for it") {
  std::string bytes = EncodeOrderSessionState(OrderSessionState{4, {}, std::nullopt});
  // version, session, then the count
  bytes.replace(1 + 8, 4, "\xff\xff\xff\xff");

  CHECK("internal: corrupt order session state record: truncated" ==
        DecodeOrderSessionState(bytes).status().ToString());
}

TEST_CASE("random bytes decode to a watch record or an internal error, never a crash") {
  std::mt19937 random(20251201);
  const std::string valid[] = {EncodeDispatch(FullDispatch()), EncodePageState(FullPage()),
                               EncodeOrderSessionState(OrderSessionState{4, {3, 1}, 20'393})};

  for (int round = 0; round < 3000; ++round) {
    for (const std::string& original : valid) {
      std::string bytes = original;
      int flips = 1 + static_cast<int>(random() % 4);
      for (int i = 0; i < flips; ++i) bytes[random() % bytes.size()] = static_cast<char>(random());
      Result<Dispatch> dispatch = DecodeDispatch(bytes);
      if (!dispatch.ok()) CHECK(Code::kInternal == dispatch.status().code());
      Result<PageState> page = DecodePageState(bytes);
      if (!page.ok()) CHECK(Code::kInternal == page.status().code());
      Result<OrderSessionState> state = DecodeOrderSessionState(bytes);
      if (!state.ok()) CHECK(Code::kInternal == state.status().code());
    }
  }
}

TEST_CASE("outbox keys are the attempt time in milliseconds, then the dispatch seq") {
  CHECK(EncodeU64(1762567200000) + EncodeU64(42) == OutboxKey(kNow, 42));
  CHECK(EncodeU64(1762567200000) + EncodeU64(42) ==
        OutboxKey(kNow + std::chrono::microseconds(999), 42));
  CHECK(EncodeU64(0) + EncodeU64(9) == OutboxKey(TimePoint(milliseconds(-5)), 9));
}

TEST_CASE("outbox keys sort by time, then by seq") {
  CHECK(OutboxKey(kNow, 900) < OutboxKey(kNow + milliseconds(1), 1));
  CHECK(OutboxKey(kNow, 1) < OutboxKey(kNow, 2));
  CHECK(OutboxKey(kNow + milliseconds(255), 1) < OutboxKey(kNow + milliseconds(256), 1));
}

TEST_CASE("an outbox key decodes to its time and seq") {
  std::optional<std::pair<TimePoint, uint64_t>> entry = DecodeOutboxKey(OutboxKey(kNow, 42));

  REQUIRE(entry.has_value());
  CHECK(kNow == entry->first);
  CHECK(42 == entry->second);
  CHECK(std::nullopt == DecodeOutboxKey(EncodeU64(1)));
  CHECK(std::nullopt == DecodeOutboxKey(std::string(16, '\xff')));
}

TEST_CASE("dispatch index keys put the order or the customer first") {
  CHECK(EncodeU64(7) + EncodeU64(42) == DispatchByOrderKey(7, 42));
  CHECK(EncodeU64(3) + EncodeU64(42) == DispatchByCustomerKey(3, 42));
}

TEST_CASE("detection counter keys start with 0x01, then the order, then the day") {
  CHECK(std::string("\x01") + EncodeU64(7) == DetectionTotalKey(7));
  CHECK(std::string("\x01") + EncodeU64(7) + std::string("\x80\x00\x00\x00\x00\x00\x4f\xa9", 8) ==
        DetectionDayKey(7, 20'393));
  CHECK(std::string("\x01") + EncodeU64(7) + std::string("\x7f\xff\xff\xff\xff\xff\xff\xff", 8) ==
        DetectionDayKey(7, -1));
}

TEST_CASE("detection day keys sort by day, before 1970 too, after the order's total") {
  CHECK(DetectionDayKey(7, -1) < DetectionDayKey(7, 0));
  CHECK(DetectionDayKey(7, 0) < DetectionDayKey(7, 1));
  CHECK(DetectionDayKey(7, 255) < DetectionDayKey(7, 256));
  CHECK(DetectionTotalKey(7) < DetectionDayKey(7, LLONG_MIN));
  CHECK(DetectionDayKey(7, LLONG_MAX) < DetectionTotalKey(8));
}

TEST_CASE("detection counter keys cannot clash with named counters") {
  for (std::string_view name : {"customer_seq", "key_seq"}) {
    CHECK(DetectionTotalKey(0) < name);
    CHECK(DetectionDayKey(UINT64_MAX, LLONG_MAX) < name);
  }
}

}  // namespace
}  // namespace onair::store
