#include "core/order_id.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace onair {
namespace {

// What ParseOrderId finds, printable: the number, or "none".
std::string Parsed(std::string_view prefix, std::string_view id) {
  std::optional<uint64_t> seq = ParseOrderId(prefix, id);
  return seq ? std::to_string(*seq) : "none";
}

TEST_CASE("an order id has the prefix and six digits") {
  CHECK("MP-000001" == FormatOrderId("MP-", 1));
  CHECK("MP-000042" == FormatOrderId("MP-", 42));
  CHECK("MP-999999" == FormatOrderId("MP-", 999999));
}

TEST_CASE("an order id grows past six digits after a million") {
  CHECK("MP-1000000" == FormatOrderId("MP-", 1000000));
  CHECK("MP-1234567" == FormatOrderId("MP-", 1234567));
  CHECK("MP-18446744073709551615" == FormatOrderId("MP-", std::numeric_limits<uint64_t>::max()));
}

TEST_CASE("an order id uses the configured prefix") {
  CHECK("ORD000007" == FormatOrderId("ORD", 7));
  CHECK("000007" == FormatOrderId("", 7));
}

TEST_CASE("parsing an order id returns its sequence number") {
  CHECK("1" == Parsed("MP-", "MP-000001"));
  CHECK("999999" == Parsed("MP-", "MP-999999"));
  CHECK("1000000" == Parsed("MP-", "MP-1000000"));
  CHECK("18446744073709551615" == Parsed("MP-", "MP-18446744073709551615"));
  CHECK("7" == Parsed("ORD", "ORD000007"));
}

TEST_CASE("parsing gives back what formatting wrote") {
  for (uint64_t seq : {uint64_t{1}, uint64_t{99999}, uint64_t{100000}, uint64_t{999999},
                       uint64_t{1000000}, uint64_t{123456789}}) {
    CAPTURE(seq);
    CHECK(std::to_string(seq) == Parsed("MP-", FormatOrderId("MP-", seq)));
  }
}

TEST_CASE("parsing refuses what is not an order id") {
  const char* refused[] = {
      "",
      "MP-",
      "MP-00001",                 // five digits
      "MP-000000",                // zero is never an order
      "MP-0000001",               // a leading zero past six digits: not how ids are written
      "mp-000001",                // the prefix is exact
      "XY-000001",                // another prefix
      "MP-+00001",                // a sign
      "MP--00001",                // a sign
      "MP-00001a",                // not a digit
      "MP- 000001",               // a space
      "MP-000001 ",               // a trailing space
      "MP-18446744073709551616",  // past 64 bits
      "MP-99999999999999999999999",
      "000001",  // no prefix
  };
  for (const char* id : refused) {
    CAPTURE(id);
    CHECK("none" == Parsed("MP-", id));
  }
}

}  // namespace
}  // namespace onair
