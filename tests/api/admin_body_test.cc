// Admin body helpers: path ids, explicit nulls and optional integers.
#include "api/admin_body.h"

#include <doctest/doctest.h>

namespace onair::api {
namespace {

std::string Change(std::string_view body) {
  Result<wire::JsonBody> json = wire::JsonBody::Parse(body);
  REQUIRE(json.ok());
  Result<OptionalChange> change = ReadOptionalInteger(*json, "rate_limit", 1, 10'000'000);
  if (!change.ok()) return change.status().message();
  if (!change->given) return "unchanged";
  return change->value ? std::to_string(*change->value) : "default";
}

TEST_CASE("a path id is decimal digits that fit 64 bits") {
  CHECK(7 == ParseDecimalId("7"));
  CHECK(18446744073709551615u == ParseDecimalId("18446744073709551615"));
  CHECK_FALSE(ParseDecimalId("").has_value());
  CHECK_FALSE(ParseDecimalId("7a").has_value());
  CHECK_FALSE(ParseDecimalId("-7").has_value());
  CHECK_FALSE(ParseDecimalId("18446744073709551616").has_value());
}

TEST_CASE("an optional limit is unchanged when absent, the default when null, else the value") {
  CHECK("unchanged" == Change(R"({})"));
  CHECK("default" == Change(R"({"rate_limit": null})"));
  CHECK("default" == Change("\xEF\xBB\xBF{\"rate_limit\": null}"));
  CHECK("25" == Change(R"({"rate_limit": "25"})"));
}

TEST_CASE("an optional limit out of bounds or not an integer is refused") {
  CHECK("rate_limit must be between 1 and 10000000" == Change(R"({"rate_limit": 0})"));
  CHECK("rate_limit must be an integer" == Change(R"({"rate_limit": 2.5})"));
}

TEST_CASE("a null nested deeper leaves the limit unchanged") {
  CHECK("unchanged" == Change(R"({"other": {"rate_limit": null}})"));
}

}  // namespace
}  // namespace onair::api
