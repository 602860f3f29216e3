// Writing answers: RapidJSON's writer behind a small interface, and the renderings of onair's
// records that every route shares. Not thread-safe; use one writer per answer.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/customer.h"
#include "core/order.h"
#include "core/service.h"
#include "core/zoned_time.h"

namespace onair::wire {

class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  JsonWriter& OptionalInt(const std::optional<int64_t>& value);  // null when unset

  // REQUIRES: every object and array closed. The writer is empty afterwards.
  std::string Take();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What renderings need besides the record itself.
struct RenderContext {
  std::string order_id_prefix = "MP-";
  const TimeZone* zone = nullptr;  // REQUIRES: set
  TimePoint now;                   // for an order's effective status
};

// The order object of docs/api.md: order_id, customer_order_id (only when set), url, page,
// status, created_at, expires_at, daily_limit, days, services.
void WriteOrder(JsonWriter& w, const Order& order, const RenderContext& ctx);
// The same members without the braces, so a view can add its own after them; with
// `customer_name` (the admin view) a "customer" member follows order_id.
void WriteOrderMembers(JsonWriter& w, const Order& order, const RenderContext& ctx,
                       std::optional<std::string_view> customer_name = std::nullopt);
// service_id, name, quantity_min, quantity_max (the customer view of the catalogue).
void WriteServiceForCustomer(JsonWriter& w, const Service& service);

// {"success": false, "error": message}
std::string ErrorBody(std::string_view message);

}  // namespace onair::wire
