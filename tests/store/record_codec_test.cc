#include "store/record_codec.h"

#include <doctest/doctest.h>

#include <random>

#include "store/keys.h"
#include "store_fixture.h"

namespace onair::store {
namespace {

using onair::testing::kNow;
using std::chrono::hours;
using std::chrono::milliseconds;

Order FullOrder() {
  Order order;
  order.seq = 1234567;
  order.customer_id = 42;
  order.customer_order_id = "321421321";
  order.url = "https://m.facebook.com/username?ref=share";
  order.page = "https://www.facebook.com/username";
  order.status = OrderStatus::kCancelled;
  order.created_at = kNow + milliseconds(7);
  order.expires_at = kNow + hours(24 * 15);
  order.daily_limit = 5;
  order.days = 15;
  order.services.push_back(OrderLine{3, "180 Minutes Live Viewers", 200, 100});
  order.services.push_back(OrderLine{1, "60 Minutes Live Viewers", 50, std::nullopt});
  return order;
}

void CheckSameOrder(const Order& expected, const Order& actual) {
  CHECK(expected.seq == actual.seq);
  CHECK(expected.customer_id == actual.customer_id);
  CHECK(expected.customer_order_id == actual.customer_order_id);
  CHECK(expected.url == actual.url);
  CHECK(expected.page == actual.page);
  CHECK(expected.status == actual.status);
  CHECK(expected.created_at == actual.created_at);
  CHECK(expected.expires_at == actual.expires_at);
  CHECK(expected.daily_limit == actual.daily_limit);
  CHECK(expected.days == actual.days);
  REQUIRE(expected.services.size() == actual.services.size());
  for (size_t i = 0; i < expected.services.size(); ++i) {
    CHECK(expected.services[i].service_id == actual.services[i].service_id);
    CHECK(expected.services[i].service_name == actual.services[i].service_name);
    CHECK(expected.services[i].quantity == actual.services[i].quantity);
    CHECK(expected.services[i].min_viewers == actual.services[i].min_viewers);
  }
}

std::string DecodeError(std::string_view bytes) {
  Result<Order> order = DecodeOrder(bytes);
  return order.ok() ? "decoded" : order.status().ToString();
}

TEST_CASE("an order with every optional field set round-trips through the codec") {
  Result<Order> decoded = DecodeOrder(EncodeOrder(FullOrder()));

  REQUIRE(decoded.ok());
  CheckSameOrder(FullOrder(), *decoded);
}

TEST_CASE("an order without optional fields round-trips through the codec") {
  Order order = FullOrder();
  order.customer_order_id.reset();
  order.status = OrderStatus::kActive;
  order.services = {OrderLine{2, "", 1, std::nullopt}};

  Result<Order> decoded = DecodeOrder(EncodeOrder(order));

  REQUIRE(decoded.ok());
  CheckSameOrder(order, *decoded);
}

TEST_CASE("an empty customer order id stays distinct from none") {
  Order order = FullOrder();
  order.customer_order_id = "";

  Result<Order> decoded = DecodeOrder(EncodeOrder(order));

  REQUIRE(decoded.ok());
  CHECK(std::optional<std::string>("") == decoded->customer_order_id);
}

TEST_CASE("stored times keep millisecond precision, before and after the epoch") {
  Order order = FullOrder();
  order.created_at = TimePoint(milliseconds(-86'400'123));
  order.expires_at = kNow + std::chrono::nanoseconds(1'999'999);

  Result<Order> decoded = DecodeOrder(EncodeOrder(order));

  REQUIRE(decoded.ok());
  CHECK(TimePoint(milliseconds(-86'400'123)) == decoded->created_at);
  CHECK(kNow + milliseconds(1) == decoded->expires_at);
  CHECK(kNow + milliseconds(1) == TruncateToMillis(kNow + std::chrono::nanoseconds(1'999'999)));
}

TEST_CASE("a customer round-trips through the codec") {
  Customer customer;
  customer.id = 7;
  customer.name = "acme";
  customer.created_at = kNow;

  SUBCASE("with its own limits, roles and webhook") {
    customer.rate_limit = 50;
    customer.read_rate_limit = 500;
    customer.roles = {"reporter", "beta"};
    customer.webhook_url = "https://acme.example/onair";
    customer.webhook_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  }
  SUBCASE("with the defaults") {}

  Result<Customer> decoded = DecodeCustomer(EncodeCustomer(customer));

  REQUIRE(decoded.ok());
  CHECK(customer.id == decoded->id);
  CHECK(customer.name == decoded->name);
  CHECK(customer.rate_limit == decoded->rate_limit);
  CHECK(customer.read_rate_limit == decoded->read_rate_limit);
  CHECK(customer.roles == decoded->roles);
  CHECK(customer.webhook_url == decoded->webhook_url);
  CHECK(customer.webhook_secret == decoded->webhook_secret);
  CHECK(customer.created_at == decoded->created_at);
}

// 4 bytes, most significant first, as the codec writes string lengths and counts.
std::string U32Bytes(uint32_t v) {
  return EncodeU64(v).substr(4);
}

// A customer record exactly as version 1 wrote it, before webhooks existed: version, id, name,
// rate limit (set), read rate limit (unset), roles, created_at.
std::string CustomerVersion1Bytes() {
  return std::string("\x01") + EncodeU64(7) + U32Bytes(4) + "acme" + std::string("\x01") +
         EncodeU64(50) + std::string(1, '\0') + U32Bytes(1) + U32Bytes(8) + "reporter" +
         EncodeU64(1762567200000);
}

TEST_CASE("a version 1 customer decodes with no webhook") {
  Result<Customer> decoded = DecodeCustomer(CustomerVersion1Bytes());

  REQUIRE(decoded.ok());
  CHECK(7 == decoded->id);
  CHECK("acme" == decoded->name);
  CHECK(std::optional<int64_t>(50) == decoded->rate_limit);
  CHECK(std::nullopt == decoded->read_rate_limit);
  CHECK(std::vector<std::string>{"reporter"} == decoded->roles);
  CHECK(kNow == decoded->created_at);
  CHECK("" == decoded->webhook_url);
  CHECK("" == decoded->webhook_secret);
}

TEST_CASE("a customer is written as version 2: version 1 plus the webhook url and secret") {
  Result<Customer> v1 = DecodeCustomer(CustomerVersion1Bytes());
  REQUIRE(v1.ok());
  v1->webhook_url = "https://acme.example/onair";
  v1->webhook_secret = "whsec_x";

  std::string expected = CustomerVersion1Bytes() + U32Bytes(26) + "https://acme.example/onair" +
                         U32Bytes(7) + "whsec_x";
  expected[0] = 2;
  CHECK(expected == EncodeCustomer(*v1));
}

TEST_CASE("a version 1 customer followed by webhook fields is internal") {
  std::string bytes = EncodeCustomer(*DecodeCustomer(CustomerVersion1Bytes()));
  bytes[0] = 1;

  CHECK("internal: corrupt customer record: 8 trailing bytes" ==
        DecodeCustomer(bytes).status().ToString());
}

TEST_CASE("a customer of an unknown format version is internal") {
  std::string bytes = EncodeCustomer(Customer());

  SUBCASE("version 3") {
    bytes[0] = 3;
    CHECK("internal: corrupt customer record: unsupported format version 3" ==
          DecodeCustomer(bytes).status().ToString());
  }
  SUBCASE("version 0") {
    bytes[0] = 0;
    CHECK("internal: corrupt customer record: unsupported format version 0" ==
          DecodeCustomer(bytes).status().ToString());
  }
}

TEST_CASE("every cut of a version 2 customer is internal") {
  Customer customer;
  customer.name = "acme";
  customer.webhook_url = "https://acme.example/onair";
  customer.webhook_secret = "whsec_x";
  const std::string bytes = EncodeCustomer(customer);

  // Cutting exactly the two webhook strings leaves a valid version 1 layout under a version 2
  // byte, which must still be refused.
  for (size_t size = 0; size < bytes.size(); ++size) {
    CAPTURE(size);
    CHECK("internal: corrupt customer record: truncated" ==
          DecodeCustomer(bytes.substr(0, size)).status().ToString());
  }
}

TEST_CASE("an api key round-trips through the codec") {
  ApiKey key{9, 7, "oak_3f9a", true, kNow};

  Result<ApiKey> decoded = DecodeApiKey(EncodeApiKey(key));

  REQUIRE(decoded.ok());
  CHECK(9 == decoded->id);
  CHECK(7 == decoded->customer_id);
  CHECK("oak_3f9a" == decoded->hint);
  CHECK(decoded->revoked);
  CHECK(kNow == decoded->created_at);
}

TEST_CASE("a service round-trips through the codec") {
  Service service{3, "180 Minutes Live Viewers", 10, 5000, false, kNow};

  Result<Service> decoded = DecodeService(EncodeService(service));

  REQUIRE(decoded.ok());
  CHECK(3 == decoded->id);
  CHECK("180 Minutes Live Viewers" == decoded->name);
  CHECK(10 == decoded->quantity_min);
  CHECK(5000 == decoded->quantity_max);
  CHECK_FALSE(decoded->active);
  CHECK(kNow == decoded->created_at);
}

TEST_CASE("every record starts with the format version") {
  CHECK(1 == kRecordVersion);
  CHECK(2 == kCustomerRecordVersion);
  CHECK(kRecordVersion == static_cast<uint8_t>(EncodeOrder(FullOrder())[0]));
  CHECK(kCustomerRecordVersion == static_cast<uint8_t>(EncodeCustomer(Customer())[0]));
  CHECK(kRecordVersion == static_cast<uint8_t>(EncodeApiKey(ApiKey())[0]));
  CHECK(kRecordVersion == static_cast<uint8_t>(EncodeService(Service())[0]));
  CHECK(kRecordVersion == static_cast<uint8_t>(EncodeDispatch(Dispatch())[0]));
  CHECK(kRecordVersion == static_cast<uint8_t>(EncodePageState(PageState())[0]));
  CHECK(kRecordVersion == static_cast<uint8_t>(EncodeOrderSessionState(OrderSessionState())[0]));
}

TEST_CASE("a record with an unknown format version is internal") {
  std::string bytes = EncodeOrder(FullOrder());
  bytes[0] = 9;

  CHECK("internal: corrupt order record: unsupported format version 9" == DecodeError(bytes));
}

TEST_CASE("an empty record is internal") {
  CHECK("internal: corrupt order record: truncated" == DecodeError(""));
  CHECK("internal: corrupt customer record: truncated" == DecodeCustomer("").status().ToString());
  CHECK("internal: corrupt api key record: truncated" == DecodeApiKey("").status().ToString());
  CHECK("internal: corrupt service record: truncated" == DecodeService("").status().ToString());
}

TEST_CASE("every cut of a record is internal") {
  const std::string bytes = EncodeOrder(FullOrder());

  for (size_t size = 0; size < bytes.size(); ++size) {
    CAPTURE(size);
    CHECK("internal: corrupt order record: truncated" == DecodeError(bytes.substr(0, size)));
  }
}

TEST_CASE("bytes after a record are internal") {
  CHECK("internal: corrupt order record: 2 trailing bytes" ==
        DecodeError(EncodeOrder(FullOrder()) + "xy"));
}

TEST_CASE("an order status byte out of range is internal") {
  Order order = FullOrder();
  order.customer_order_id.reset();
  std::string bytes = EncodeOrder(order);
  // version, seq, customer id, no customer order id, url, page, then the status
  size_t status_at = 1 + 8 + 8 + 1 + 4 + order.url.size() + 4 + order.page.size();
  REQUIRE(2 == bytes[status_at]);
  bytes[status_at] = 3;

  CHECK("internal: corrupt order record: bad status 3" == DecodeError(bytes));
}

TEST_CASE("a boolean byte other than 0 and 1 is internal") {
  std::string bytes = EncodeOrder(FullOrder());
  bytes[17] = 2;  // the has-customer-order-id flag

  CHECK("internal: corrupt order record: bad boolean 2" == DecodeError(bytes));
}

TEST_CASE("a huge service count is internal without allocating for it") {
  Order order = FullOrder();
  order.services.clear();
  std::string bytes = EncodeOrder(order);
  bytes.replace(bytes.size() - 4, 4, "\xff\xff\xff\xff");

  CHECK("internal: corrupt order record: truncated" == DecodeError(bytes));
}

TEST_CASE("random bytes decode to a record or an internal error, never a crash") {
  std::mt19937 random(20251108);
  const std::string valid = EncodeOrder(FullOrder());

  for (int round = 0; round < 5000; ++round) {
    std::string bytes = valid;
    int flips = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < flips; ++i) bytes[random() % bytes.size()] = static_cast<char>(random());
    Result<Order> order = DecodeOrder(bytes);
    if (!order.ok()) CHECK(Code::kInternal == order.status().code());
    Result<Customer> customer = DecodeCustomer(bytes);
    if (!customer.ok()) CHECK(Code::kInternal == customer.status().code());
  }
}

TEST_CASE("u64 keys are 8 big-endian bytes, so byte order is numeric order") {
  CHECK(std::string("\x00\x00\x00\x00\x00\x00\x01\x02", 8) == EncodeU64(0x0102));
  CHECK(EncodeU64(255) < EncodeU64(256));
  CHECK(EncodeU64(1) < EncodeU64(uint64_t{1} << 56));
  CHECK(std::optional<uint64_t>(0xfedcba9876543210) == DecodeU64(EncodeU64(0xfedcba9876543210)));
  CHECK(std::nullopt == DecodeU64("1234567"));
  CHECK(std::nullopt == DecodeU64("123456789"));
}

TEST_CASE("index keys put the customer id first") {
  CHECK(EncodeU64(7) + std::string(1, '\0') + "abc" == CustomerOrderKey(7, "abc"));
  CHECK(EncodeU64(7) + EncodeU64(300) == OrderByCustomerKey(7, 300));
}

}  // namespace
}  // namespace onair::store
