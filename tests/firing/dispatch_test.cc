#include "core/dispatch.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace onair {
namespace {

// What ParseDispatchId finds, printable: the number, or "none".
std::string Parsed(std::string_view id) {
  std::optional<uint64_t> seq = ParseDispatchId(id);
  return seq ? std::to_string(*seq) : "none";
}

TEST_CASE("each dispatch state has its documented name and parses back") {
  auto check = [](DispatchState state, std::string_view name) {
    CHECK(name == DispatchStateName(state));
    CHECK(ParseDispatchState(name) == state);
  };
  SUBCASE("pending") {
    check(DispatchState::kPending, "pending");
  }
  SUBCASE("sent") {
    check(DispatchState::kSent, "sent");
  }
  SUBCASE("acked") {
    check(DispatchState::kAcked, "acked");
  }
  SUBCASE("undeliverable") {
    check(DispatchState::kUndeliverable, "undeliverable");
  }
  SUBCASE("cancelled") {
    check(DispatchState::kCancelled, "cancelled");
  }
}

TEST_CASE("an unknown dispatch state name parses to nothing") {
  CHECK_FALSE(ParseDispatchState("").has_value());
  CHECK_FALSE(ParseDispatchState("Pending").has_value());
  CHECK_FALSE(ParseDispatchState("delivered").has_value());
}

TEST_CASE("each dispatch result has its documented name and parses back") {
  auto check = [](DispatchResult result, std::string_view name) {
    CHECK(name == DispatchResultName(result));
    CHECK(ParseDispatchResult(name) == result);
  };
  SUBCASE("none is empty") {
    check(DispatchResult::kNone, "");
  }
  SUBCASE("delivered") {
    check(DispatchResult::kDelivered, "delivered");
  }
  SUBCASE("failed") {
    check(DispatchResult::kFailed, "failed");
  }
}

TEST_CASE("an unknown dispatch result name parses to nothing") {
  CHECK_FALSE(ParseDispatchResult("sent").has_value());
  CHECK_FALSE(ParseDispatchResult("Failed").has_value());
}

TEST_CASE("a dispatch id is D- and at least six digits") {
  CHECK("D-000001" == FormatDispatchId(1));
  CHECK("D-000042" == FormatDispatchId(42));
  CHECK("D-999999" == FormatDispatchId(999999));
  CHECK("D-1000000" == FormatDispatchId(1000000));
  CHECK("D-18446744073709551615" == FormatDispatchId(std::numeric_limits<uint64_t>::max()));
}

TEST_CASE("parsing a dispatch id returns its sequence number") {
  CHECK("42" == Parsed("D-000042"));
  CHECK("1000000" == Parsed("D-1000000"));
  CHECK("18446744073709551615" == Parsed("D-18446744073709551615"));
}

TEST_CASE("only the spelling FormatDispatchId produces parses") {
  SUBCASE("too few digits") {
    CHECK("none" == Parsed("D-42"));
  }
  SUBCASE("an extra leading zero") {
    CHECK("none" == Parsed("D-0000042"));
  }
  SUBCASE("zero") {
    CHECK("none" == Parsed("D-000000"));
  }
  SUBCASE("another prefix") {
    CHECK("none" == Parsed("MP-000042"));
  }
  SUBCASE("lower case") {
    CHECK("none" == Parsed("d-000042"));
  }
  SUBCASE("not a digit") {
    CHECK("none" == Parsed("D-00004a"));
  }
  SUBCASE("a sign") {
    CHECK("none" == Parsed("D-+00042"));
  }
  SUBCASE("past 64 bits") {
    CHECK("none" == Parsed("D-18446744073709551616"));
  }
  SUBCASE("empty") {
    CHECK("none" == Parsed(""));
  }
}

}  // namespace
}  // namespace onair
