#include "core/order_request.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace onair {
namespace {

// The catalogue the tests order from: 1 and 3 active, 4 inactive.
std::optional<Service> LookupService(uint64_t id) {
  static const std::map<uint64_t, Service> kCatalogue = {
      {1, Service{1, "60 Minutes Live Viewers", 10, 5000, true, {}}},
      {3, Service{3, "180 Minutes Live Viewers", 10, 5000, true, {}}},
      {4, Service{4, "240 Minutes Live Viewers", 10, 5000, false, {}}},
      {5, Service{5, "Small Live Viewers", 1, 20, true, {}}},
  };
  auto it = kCatalogue.find(id);
  if (it == kCatalogue.end()) return std::nullopt;
  return it->second;
}

OrderLineRequest Line(int64_t service_id, int64_t quantity) {
  OrderLineRequest line;
  line.service_id = Field<int64_t>::Of(service_id);
  line.quantity = Field<int64_t>::Of(quantity);
  return line;
}

// The guide's first example: one service, everything else left to the defaults.
OrderRequest GuideExample() {
  OrderRequest request;
  request.url = Field<std::string>::Of("https://facebook.com/username");
  request.services = Field<std::vector<OrderLineRequest>>::Of({Line(3, 200)});
  return request;
}

// The first problem ValidateOrderRequest reports, or "ok".
std::string Problem(const OrderRequest& request) {
  Result<ValidOrder> order = ValidateOrderRequest(request, LookupService, OrderDefaults{});
  return order.ok() ? "ok" : order.status().message();
}

TEST_CASE("the guide's example is valid and gets the defaults") {
  Result<ValidOrder> order = ValidateOrderRequest(GuideExample(), LookupService, OrderDefaults{});

  REQUIRE(order.ok());
  CHECK(std::nullopt == order->customer_order_id);
  CHECK("https://facebook.com/username" == order->url);
  CHECK("https://www.facebook.com/username" == order->page);
  CHECK(10 == order->daily_limit);
  CHECK(30 == order->days);
  REQUIRE(1 == order->services.size());
  CHECK(3 == order->services[0].service_id);
  CHECK("180 Minutes Live Viewers" == order->services[0].service_name);
  CHECK(200 == order->services[0].quantity);
  CHECK(std::nullopt == order->services[0].min_viewers);
}

TEST_CASE("the configured defaults fill daily_limit and days") {
  Result<ValidOrder> order = ValidateOrderRequest(GuideExample(), LookupService, {5, 7});

  REQUIRE(order.ok());
  CHECK(5 == order->daily_limit);
  CHECK(7 == order->days);
}

TEST_CASE("every field given is kept") {
  OrderRequest request = GuideExample();
  request.order_id = Field<std::string>::Of("321421321");
  request.daily_limit = Field<int64_t>::Of(5);
  request.days = Field<int64_t>::Of(15);
  OrderLineRequest second = Line(1, 10);
  second.min_viewers = Field<int64_t>::Of(100);
  request.services.value.push_back(second);

  Result<ValidOrder> order = ValidateOrderRequest(request, LookupService, OrderDefaults{});

  REQUIRE(order.ok());
  CHECK(std::optional<std::string>("321421321") == order->customer_order_id);
  CHECK(5 == order->daily_limit);
  CHECK(15 == order->days);
  REQUIRE(2 == order->services.size());
  CHECK(1 == order->services[1].service_id);
  CHECK("60 Minutes Live Viewers" == order->services[1].service_name);
  CHECK(10 == order->services[1].quantity);
  CHECK(std::optional<int64_t>(100) == order->services[1].min_viewers);
}

TEST_CASE("order_id of the wrong type is refused with the parser's message") {
  OrderRequest request = GuideExample();
  request.order_id = Field<std::string>::Invalid("order_id must be a string or an integer");
  CHECK("order_id must be a string or an integer" == Problem(request));
}

TEST_CASE("order_id must be 1 to 64 characters without control characters") {
  const std::string message = "order_id must be 1 to 64 characters without control characters";
  std::string sixty_four_e_acute;
  for (int i = 0; i < 64; ++i) sixty_four_e_acute += "\xC3\xA9";
  const std::pair<std::string, std::string> table[] = {
      {"", message},
      {std::string(64, 'x'), "ok"},
      {std::string(65, 'x'), message},
      {sixty_four_e_acute, "ok"},  // 64 characters in 128 bytes
      {sixty_four_e_acute + "x", message},
      {"a b-c_d/é", "ok"},
      {"abc\x01", message},
      {"abc\n", message},
      {"abc\t", message},
      {std::string("ab\0c", 4), message},
      {"abc\x7F", message},
      {"abc\xC2\x85", message},      // U+0085, a C1 control
      {"abc\xFF", message},          // not UTF-8
      {"abc\xC3", message},          // cut off
      {"abc\xC0\xAF", message},      // overlong
      {"abc\xED\xA0\x80", message},  // a surrogate
      {"\xF0\x9F\x98\x80", "ok"},    // an emoji is one character
  };
  for (const auto& [order_id, expected] : table) {
    CAPTURE(order_id);
    OrderRequest request = GuideExample();
    request.order_id = Field<std::string>::Of(order_id);
    CHECK(expected == Problem(request));
  }
}

TEST_CASE("a missing url is required") {
  OrderRequest request = GuideExample();
  request.url = Field<std::string>::Absent();
  CHECK("url is required" == Problem(request));
}

TEST_CASE("a url that is not a string is refused") {
  OrderRequest request = GuideExample();
  request.url = Field<std::string>::Invalid("url must be a string");
  CHECK("url must be a string" == Problem(request));
}

TEST_CASE("a url that is not a Facebook page gets the URL table's message") {
  OrderRequest request = GuideExample();
  request.url = Field<std::string>::Of("https://example.com/x");
  CHECK("url must be a facebook.com or fb.com URL" == Problem(request));

  request.url = Field<std::string>::Of("fb.watch/abc");
  CHECK(
      "url is a short or share link, which onair cannot resolve without calling Facebook; send "
      "the page's own URL" == Problem(request));
}

TEST_CASE("missing services are required") {
  OrderRequest request = GuideExample();
  request.services = Field<std::vector<OrderLineRequest>>::Absent();
  CHECK("services is required" == Problem(request));
}

TEST_CASE("services that are not an array are refused") {
  OrderRequest request = GuideExample();
  request.services = Field<std::vector<OrderLineRequest>>::Invalid("services must be an array");
  CHECK("services must be an array" == Problem(request));
}

TEST_CASE("services must list 1 to 50 services") {
  OrderRequest request = GuideExample();
  request.services.value.clear();
  CHECK("services must list 1 to 50 services" == Problem(request));

  // 51 entries; the count is checked before any entry.
  request.services.value.assign(51, Line(3, 200));
  CHECK("services must list 1 to 50 services" == Problem(request));
}

TEST_CASE("fifty services are accepted") {
  std::vector<OrderLineRequest> lines;
  for (int64_t id = 1; id <= 50; ++id) lines.push_back(Line(id, 10));
  auto many = [](uint64_t id) -> std::optional<Service> {
    return Service{id, "Service " + std::to_string(id), 1, 100, true, {}};
  };
  OrderRequest request = GuideExample();
  request.services = Field<std::vector<OrderLineRequest>>::Of(lines);

  Result<ValidOrder> order = ValidateOrderRequest(request, many, OrderDefaults{});

  REQUIRE(order.ok());
  CHECK(50 == order->services.size());
}

TEST_CASE("an entry that is not an object is refused with the parser's message") {
  OrderRequest request = GuideExample();
  OrderLineRequest bad;
  bad.error = "services[1] must be an object";
  request.services.value.push_back(bad);
  CHECK("services[1] must be an object" == Problem(request));
}

TEST_CASE("a missing service_id is required") {
  OrderRequest request = GuideExample();
  request.services.value[0].service_id = Field<int64_t>::Absent();
  CHECK("services[0].service_id is required" == Problem(request));
}

TEST_CASE("a service_id that is not an integer is refused") {
  OrderRequest request = GuideExample();
  request.services.value[0].service_id =
      Field<int64_t>::Invalid("services[0].service_id must be an integer");
  CHECK("services[0].service_id must be an integer" == Problem(request));
}

TEST_CASE("an unknown service is not found or inactive") {
  OrderRequest request = GuideExample();
  request.services.value[0].service_id = Field<int64_t>::Of(999);
  CHECK("Service 999 not found or inactive" == Problem(request));
}

TEST_CASE("an inactive service is not found or inactive") {
  OrderRequest request = GuideExample();
  request.services.value[0].service_id = Field<int64_t>::Of(4);
  CHECK("Service 4 not found or inactive" == Problem(request));
}

TEST_CASE("a zero or negative service_id is not found") {
  OrderRequest request = GuideExample();
  request.services.value[0].service_id = Field<int64_t>::Of(0);
  CHECK("Service 0 not found or inactive" == Problem(request));

  request.services.value[0].service_id = Field<int64_t>::Of(-3);
  CHECK("Service -3 not found or inactive" == Problem(request));
}

TEST_CASE("a service listed twice is refused") {
  OrderRequest request = GuideExample();
  request.services.value.push_back(Line(1, 10));
  request.services.value.push_back(Line(3, 300));
  CHECK("Service 3 is listed more than once" == Problem(request));
}

TEST_CASE("a repeated service is reported before the repeat's own quantity") {
  OrderRequest request = GuideExample();
  OrderLineRequest repeat = Line(3, 0);
  repeat.quantity = Field<int64_t>::Absent();
  request.services.value.push_back(repeat);
  CHECK("Service 3 is listed more than once" == Problem(request));
}

TEST_CASE("a missing quantity is required") {
  OrderRequest request = GuideExample();
  request.services.value[0].quantity = Field<int64_t>::Absent();
  CHECK("services[0].quantity is required" == Problem(request));
}

TEST_CASE("a quantity that is not an integer is refused") {
  OrderRequest request = GuideExample();
  request.services.value[0].quantity =
      Field<int64_t>::Invalid("services[0].quantity must be an integer");
  CHECK("services[0].quantity must be an integer" == Problem(request));
}

TEST_CASE("a quantity outside the service's bounds names the bounds") {
  const std::pair<int64_t, std::string> table[] = {
      {9, "services[0].quantity must be between 10 and 5000 for service 3"},
      {10, "ok"},
      {5000, "ok"},
      {5001, "services[0].quantity must be between 10 and 5000 for service 3"},
      {-1, "services[0].quantity must be between 10 and 5000 for service 3"},
  };
  for (const auto& [quantity, expected] : table) {
    CAPTURE(quantity);
    OrderRequest request = GuideExample();
    request.services.value[0].quantity = Field<int64_t>::Of(quantity);
    CHECK(expected == Problem(request));
  }
}

TEST_CASE("the bounds message names the entry and its service") {
  OrderRequest request = GuideExample();
  request.services.value.push_back(Line(5, 21));
  CHECK("services[1].quantity must be between 1 and 20 for service 5" == Problem(request));
}

TEST_CASE("a min_viewers that is not an integer is refused") {
  OrderRequest request = GuideExample();
  request.services.value[0].min_viewers =
      Field<int64_t>::Invalid("services[0].min_viewers must be an integer");
  CHECK("services[0].min_viewers must be an integer" == Problem(request));
}

TEST_CASE("min_viewers must be 0 or more") {
  OrderRequest request = GuideExample();
  request.services.value[0].min_viewers = Field<int64_t>::Of(-1);
  CHECK("services[0].min_viewers must be 0 or more" == Problem(request));

  request.services.value[0].min_viewers = Field<int64_t>::Of(0);
  CHECK("ok" == Problem(request));
}

TEST_CASE("a daily_limit that is not an integer is refused") {
  OrderRequest request = GuideExample();
  request.daily_limit = Field<int64_t>::Invalid("daily_limit must be an integer");
  CHECK("daily_limit must be an integer" == Problem(request));
}

TEST_CASE("daily_limit must be between 1 and 1000") {
  const std::pair<int64_t, std::string> table[] = {
      {0, "daily_limit must be between 1 and 1000"},
      {1, "ok"},
      {1000, "ok"},
      {1001, "daily_limit must be between 1 and 1000"},
      {-5, "daily_limit must be between 1 and 1000"},
  };
  for (const auto& [daily_limit, expected] : table) {
    CAPTURE(daily_limit);
    OrderRequest request = GuideExample();
    request.daily_limit = Field<int64_t>::Of(daily_limit);
    CHECK(expected == Problem(request));
  }
}

TEST_CASE("a days that is not an integer is refused") {
  OrderRequest request = GuideExample();
  request.days = Field<int64_t>::Invalid("days must be an integer");
  CHECK("days must be an integer" == Problem(request));
}

TEST_CASE("days must be between 1 and 365") {
  const std::pair<int64_t, std::string> table[] = {
      {0, "days must be between 1 and 365"},
      {1, "ok"},
      {365, "ok"},
      {366, "days must be between 1 and 365"},
  };
  for (const auto& [days, expected] : table) {
    CAPTURE(days);
    OrderRequest request = GuideExample();
    request.days = Field<int64_t>::Of(days);
    CHECK(expected == Problem(request));
  }
}

TEST_CASE("an unreadable field without a reason gets the standard message") {
  OrderRequest request = GuideExample();
  request.days = Field<int64_t>::Invalid("");
  CHECK("days must be an integer" == Problem(request));
}

TEST_CASE("the first failing check wins, in the order of the table") {
  SUBCASE("a bad order_id comes before a missing url") {
    OrderRequest request = GuideExample();
    request.order_id = Field<std::string>::Of("");
    request.url = Field<std::string>::Absent();
    CHECK("order_id must be 1 to 64 characters without control characters" == Problem(request));
  }
  SUBCASE("a bad url comes before bad days") {
    OrderRequest request = GuideExample();
    request.url = Field<std::string>::Of("https://example.com/x");
    request.days = Field<int64_t>::Of(0);
    CHECK("url must be a facebook.com or fb.com URL" == Problem(request));
  }
  SUBCASE("a bad url comes before missing services") {
    OrderRequest request = GuideExample();
    request.url = Field<std::string>::Of("facebook.com/login");
    request.services = Field<std::vector<OrderLineRequest>>::Absent();
    CHECK("url does not name a page: /login is not a page" == Problem(request));
  }
  SUBCASE("the first entry's problem comes before the second's") {
    OrderRequest request = GuideExample();
    request.services.value[0].quantity = Field<int64_t>::Of(1);
    request.services.value.push_back(Line(999, 10));
    CHECK("services[0].quantity must be between 10 and 5000 for service 3" == Problem(request));
  }
  SUBCASE("an unknown service comes before its quantity") {
    OrderRequest request = GuideExample();
    request.services.value[0].service_id = Field<int64_t>::Of(999);
    request.services.value[0].quantity = Field<int64_t>::Absent();
    CHECK("Service 999 not found or inactive" == Problem(request));
  }
  SUBCASE("quantity comes before min_viewers") {
    OrderRequest request = GuideExample();
    request.services.value[0].quantity = Field<int64_t>::Of(1);
    request.services.value[0].min_viewers = Field<int64_t>::Of(-1);
    CHECK("services[0].quantity must be between 10 and 5000 for service 3" == Problem(request));
  }
  SUBCASE("min_viewers comes before daily_limit") {
    OrderRequest request = GuideExample();
    request.services.value[0].min_viewers = Field<int64_t>::Of(-1);
    request.daily_limit = Field<int64_t>::Of(0);
    CHECK("services[0].min_viewers must be 0 or more" == Problem(request));
  }
  SUBCASE("daily_limit comes before days") {
    OrderRequest request = GuideExample();
    request.daily_limit = Field<int64_t>::Invalid("daily_limit must be an integer");
    request.days = Field<int64_t>::Invalid("days must be an integer");
    CHECK("daily_limit must be an integer" == Problem(request));
  }
}

}  // namespace
}  // namespace onair
