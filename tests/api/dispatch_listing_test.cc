// The dispatch listing's query parameters, read without a store.
#include "api/dispatch_listing.h"

#include <doctest/doctest.h>

namespace onair::api {
namespace {

Result<store::DispatchQuery> Parse(std::multimap<std::string, std::string> query) {
  HttpRequest request;
  request.query = std::move(query);
  return ParseDispatchListing(request, "MP-");
}

TEST_CASE("no parameters list every state, 20 at a time, from the start") {
  Result<store::DispatchQuery> query = Parse({});

  REQUIRE(query.ok());
  CHECK_FALSE(query->state.has_value());
  CHECK_FALSE(query->order_seq.has_value());
  CHECK_FALSE(query->after_seq.has_value());
  CHECK(20 == query->limit);
}

TEST_CASE("status, order, limit and cursor are read into the query") {
  Result<store::DispatchQuery> query = Parse({{"status", "undeliverable"},
                                              {"order", "MP-000012"},
                                              {"limit", "100"},
                                              {"cursor", "D-000042"}});

  REQUIRE(query.ok());
  CHECK(DispatchState::kUndeliverable == query->state);
  CHECK(12 == query->order_seq);
  CHECK(100 == query->limit);
  CHECK(42 == query->after_seq);
}

TEST_CASE("the first bad parameter, in the documented order, is the error") {
  CHECK("invalid_argument: status must be one of pending, sent, acked, undeliverable, cancelled" ==
        Parse({{"status", "Pending"}, {"limit", "0"}}).status().ToString());
  CHECK("not_found: Order MP-1 not found" ==
        Parse({{"order", "MP-1"}, {"limit", "0"}}).status().ToString());
  CHECK("invalid_argument: limit must be between 1 and 100" ==
        Parse({{"limit", "101"}, {"cursor", "x"}}).status().ToString());
  CHECK("invalid_argument: cursor is not valid" == Parse({{"cursor", "D-0"}}).status().ToString());
}

}  // namespace
}  // namespace onair::api
