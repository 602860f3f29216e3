#include "wire/json_out.h"

#include <date/date.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace onair::wire {
namespace {

using std::chrono::hours;

TimePoint Utc(int y, unsigned m, unsigned d, int h) {
  return date::sys_days{date::year{y} / m / d} + hours(h);
}

const TimeZone& Manila() {
  static const TimeZone zone = TimeZone::Load("Asia/Manila").value();
  return zone;
}

// The order of docs/api.md's success example, created 2025-10-09 10:00 in Manila.
Order GuideOrder() {
  Order order;
  order.seq = 1;
  order.customer_id = 9;
  order.customer_order_id = "321421321";
  order.url = "https://facebook.com/username";
  order.page = "https://www.facebook.com/username";
  order.created_at = Utc(2025, 10, 9, 2);
  order.expires_at = Utc(2025, 11, 8, 2);
  order.services.push_back(OrderLine{3, "180 Minutes Live Viewers", 200, std::nullopt});
  return order;
}

std::string RenderOrder(const Order& order, TimePoint now) {
  JsonWriter w;
  WriteOrder(w, order, RenderContext{"MP-", &Manila(), now});
  return w.Take();
}

std::string RenderString(std::string_view value) {
  JsonWriter w;
  w.String(value);
  return w.Take();
}

TEST_CASE("strings are escaped the JSON way") {
  CHECK(R"("say \"hi\"")" == RenderString("say \"hi\""));
  CHECK(R"("back\\slash")" == RenderString("back\\slash"));
  CHECK(R"("line\nbreak\ttab\r")" == RenderString("line\nbreak\ttab\r"));
  CHECK(R"("\u0001\u001F")" == RenderString("\x01\x1f"));
  CHECK(R"("nul\u0000byte")" == RenderString(std::string_view("nul\0byte", 8)));
}

TEST_CASE("non-ASCII text and slashes are written as they are") {
  CHECK("\"caf\xC3\xA9 https://x/y\"" == RenderString("caf\xC3\xA9 https://x/y"));
}

TEST_CASE("keys are escaped like strings") {
  JsonWriter w;
  w.BeginObject().Key("a\"b").Int(1).EndObject();
  CHECK(R"({"a\"b":1})" == w.Take());
}

TEST_CASE("numbers, booleans and null are written plainly") {
  JsonWriter w;
  w.BeginArray()
      .Int(std::numeric_limits<int64_t>::min())
      .Uint(std::numeric_limits<uint64_t>::max())
      .Int(0)
      .Bool(true)
      .Bool(false)
      .Null()
      .OptionalInt(std::nullopt)
      .OptionalInt(100)
      .EndArray();
  CHECK("[-9223372036854775808,18446744073709551615,0,true,false,null,null,100]" == w.Take());
}

TEST_CASE("taking the text leaves the writer empty for the next document") {
  JsonWriter w;
  w.BeginObject().EndObject();
  CHECK("{}" == w.Take());

  w.BeginArray().Int(1).EndArray();
  CHECK("[1]" == w.Take());
}

TEST_CASE("an error body has success false and the message") {
  CHECK(R"({"success":false,"error":"Service 999 not found or inactive"})" ==
        ErrorBody("Service 999 not found or inactive"));
}

TEST_CASE("an error body escapes its message") {
  CHECK(R"({"success":false,"error":"Invalid JSON: duplicate key \"url\""})" ==
        ErrorBody("Invalid JSON: duplicate key \"url\""));
}

TEST_CASE("an order renders as in the API contract") {
  CHECK(
      R"({"order_id":"MP-000001","customer_order_id":"321421321","url":"https://facebook.com/username",)"
      R"("page":"https://www.facebook.com/username","status":"active",)"
      R"("created_at":"2025-10-09T10:00:00+08:00","expires_at":"2025-11-08T10:00:00+08:00",)"
      R"("daily_limit":10,"days":30,"services":[{"service_id":3,"name":"180 Minutes Live Viewers",)"
      R"("quantity":200,"min_viewers":null}]})" == RenderOrder(GuideOrder(), Utc(2025, 10, 9, 2)));
}

TEST_CASE("order members with a customer name put it after the order id, inside a view's braces") {
  JsonWriter w;
  w.BeginObject();
  WriteOrderMembers(w, GuideOrder(), RenderContext{"MP-", &Manila(), Utc(2025, 10, 9, 2)}, "acme");
  w.Key("extra").Int(1);
  w.EndObject();

  CHECK(R"({"order_id":"MP-000001","customer":"acme","customer_order_id":"321421321",)"
        R"("url":"https://facebook.com/username","page":"https://www.facebook.com/username",)"
        R"("status":"active","created_at":"2025-10-09T10:00:00+08:00",)"
        R"("expires_at":"2025-11-08T10:00:00+08:00","daily_limit":10,"days":30,)"
        R"("services":[{"service_id":3,"name":"180 Minutes Live Viewers","quantity":200,)"
        R"("min_viewers":null}],"extra":1})" == w.Take());
}

TEST_CASE("an order without a customer order id leaves the key out") {
  Order order = GuideOrder();
  order.customer_order_id.reset();
  order.seq = 1234567;
  order.daily_limit = 5;
  order.days = 15;
  order.services[0].min_viewers = 100;
  order.services.push_back(OrderLine{1, "60 Minutes \"Live\" Viewers", 10, 0});

  CHECK(
      R"({"order_id":"MP-1234567","url":"https://facebook.com/username",)"
      R"("page":"https://www.facebook.com/username","status":"active",)"
      R"("created_at":"2025-10-09T10:00:00+08:00","expires_at":"2025-11-08T10:00:00+08:00",)"
      R"("daily_limit":5,"days":15,"services":[{"service_id":3,"name":"180 Minutes Live Viewers",)"
      R"("quantity":200,"min_viewers":100},{"service_id":1,"name":"60 Minutes \"Live\" Viewers",)"
      R"("quantity":10,"min_viewers":0}]})" == RenderOrder(order, Utc(2025, 10, 9, 2)));
}

TEST_CASE("an order shows expired from the moment it expires") {
  const Order order = GuideOrder();
  auto status_at = [&](TimePoint now) {
    const std::string json = RenderOrder(order, now);
    return json.substr(json.find("\"status\""), 18);
  };

  CHECK(R"("status":"active",)" == status_at(order.expires_at - std::chrono::seconds(1)));
  CHECK(R"("status":"expired")" == status_at(order.expires_at));
}

TEST_CASE("a cancelled order stays cancelled after it expires") {
  Order order = GuideOrder();
  order.status = OrderStatus::kCancelled;
  const std::string json = RenderOrder(order, order.expires_at + hours(1));
  CHECK(std::string::npos != json.find(R"("status":"cancelled")"));
}

TEST_CASE("a service renders in the customer view") {
  JsonWriter w;
  WriteServiceForCustomer(w, Service{1, "60 Minutes Live Viewers", 10, 5000, false, {}});
  CHECK(
      R"({"service_id":1,"name":"60 Minutes Live Viewers","quantity_min":10,"quantity_max":5000})" ==
      w.Take());
}

}  // namespace
}  // namespace onair::wire
