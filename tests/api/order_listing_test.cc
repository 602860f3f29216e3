// Query parameters of the order listings and their next_cursor.
#include "api/order_listing.h"

#include <doctest/doctest.h>

namespace onair::api {
namespace {

HttpRequest WithQuery(std::initializer_list<std::pair<std::string, std::string>> params) {
  HttpRequest request;
  for (const auto& [name, value] : params) request.query.emplace(name, value);
  return request;
}

std::string ErrorOf(const HttpRequest& request) {
  Result<store::OrderQuery> query = ParseOrderListing(request, "MP-", true);
  return query.ok() ? "ok" : query.status().message();
}

TEST_CASE("no parameters list 20 orders of any status from the newest") {
  Result<store::OrderQuery> query = ParseOrderListing(WithQuery({}), "MP-", true);

  REQUIRE(query.ok());
  CHECK(20 == query->limit);
  CHECK_FALSE(query->status.has_value());
  CHECK_FALSE(query->customer_order_id.has_value());
  CHECK_FALSE(query->before_seq.has_value());
}

TEST_CASE("every parameter is read into the query") {
  Result<store::OrderQuery> query = ParseOrderListing(WithQuery({{"status", "expired"},
                                                                 {"customer_order_id", "321421321"},
                                                                 {"limit", "100"},
                                                                 {"cursor", "MP-000021"}}),
                                                      "MP-", true);

  REQUIRE(query.ok());
  CHECK(OrderStatus::kExpired == query->status);
  CHECK("321421321" == query->customer_order_id);
  CHECK(100 == query->limit);
  CHECK(21 == query->before_seq);
}

TEST_CASE("a bad parameter is a 400 message naming it") {
  CHECK("status must be one of active, expired, cancelled" ==
        ErrorOf(WithQuery({{"status", "done"}})));
  CHECK("customer_order_id must be 1 to 64 characters" ==
        ErrorOf(WithQuery({{"customer_order_id", ""}})));
  CHECK("customer_order_id must be 1 to 64 characters" ==
        ErrorOf(WithQuery({{"customer_order_id", std::string(65, 'x')}})));
  CHECK("limit must be an integer" == ErrorOf(WithQuery({{"limit", "ten"}})));
  CHECK("limit must be an integer" == ErrorOf(WithQuery({{"limit", "-5"}})));
  CHECK("limit must be an integer" == ErrorOf(WithQuery({{"limit", ""}})));
  CHECK("limit must be between 1 and 100" == ErrorOf(WithQuery({{"limit", "0"}})));
  CHECK("limit must be between 1 and 100" == ErrorOf(WithQuery({{"limit", "101"}})));
  CHECK("limit must be between 1 and 100" ==
        ErrorOf(WithQuery({{"limit", "99999999999999999999999"}})));
  CHECK("cursor is not valid" == ErrorOf(WithQuery({{"cursor", "21"}})));
}

TEST_CASE("a customer order id counts characters, not bytes") {
  std::string sixty_four_characters;
  for (int i = 0; i < 64; ++i) sixty_four_characters += "\xC3\xA9";  // é, two bytes each

  CHECK("ok" == ErrorOf(WithQuery({{"customer_order_id", sixty_four_characters}})));
}

TEST_CASE("leading zeros in limit do not change its value") {
  Result<store::OrderQuery> query = ParseOrderListing(WithQuery({{"limit", "0007"}}), "MP-", true);

  REQUIRE(query.ok());
  CHECK(7 == query->limit);
}

TEST_CASE("the admin listing ignores customer_order_id") {
  Result<store::OrderQuery> query =
      ParseOrderListing(WithQuery({{"customer_order_id", ""}}), "MP-", false);

  REQUIRE(query.ok());
  CHECK_FALSE(query->customer_order_id.has_value());
}

TEST_CASE("next_cursor is the order id the next page starts before, null on the last page") {
  store::OrderPage more;
  more.next_before = 21;
  store::OrderPage last;

  CHECK("MP-000021" == NextCursor(more, "MP-"));
  CHECK_FALSE(NextCursor(last, "MP-").has_value());
}

}  // namespace
}  // namespace onair::api
