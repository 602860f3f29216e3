// OrderRequest: a POST /api/order body after JSON parsing but before validation. Each field
// keeps what the customer sent or the reason it could not be read, so ValidateOrderRequest can
// report the first problem in the order the integration guide lists the fields.
// Plain value types.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/order.h"
#include "core/result.h"
#include "core/service.h"

namespace onair {

// A field as sent: absent (or JSON null), a value, or unreadable with a message saying why
// (for example "daily_limit must be an integer").
template <typename T>
struct Field {
  enum class State { kAbsent, kValue, kInvalid };
  State state = State::kAbsent;
  T value{};
  std::string error;

  static Field Absent() { return {}; }
  static Field Of(T v) { return {State::kValue, std::move(v), {}}; }
  static Field Invalid(std::string why) { return {State::kInvalid, T{}, std::move(why)}; }
  bool absent() const { return state == State::kAbsent; }
  bool invalid() const { return state == State::kInvalid; }
  bool has_value() const { return state == State::kValue; }
};

struct OrderLineRequest {
  std::string error;  // set when the element is not an object: "services[0] must be an object"
  Field<int64_t> service_id;
  Field<int64_t> quantity;
  Field<int64_t> min_viewers;
};

struct OrderRequest {
  Field<std::string> order_id;  // an integer order_id arrives here as its digits
  Field<std::string> url;
  Field<std::vector<OrderLineRequest>> services;
  Field<int64_t> daily_limit;
  Field<int64_t> days;
};

struct OrderDefaults {
  int64_t daily_limit = 10;
  int64_t days = 30;
};

// Looks a service up by id; returns nullopt when there is none. Must be safe to call from the
// request thread.
using ServiceLookup = std::function<std::optional<Service>(uint64_t service_id)>;

// A validated order, not yet stored: everything but seq, customer_id, status and times.
struct ValidOrder {
  std::optional<std::string> customer_order_id;
  std::string url;
  std::string page;
  int64_t daily_limit = 10;
  int64_t days = 30;
  std::vector<OrderLine> services;
};

// Checks `request` field by field in the guide's order (order_id, url, services and within each
// service service_id, quantity, min_viewers, then daily_limit, days) and returns the first
// problem as kInvalidArgument with the message docs/api.md lists.
Result<ValidOrder> ValidateOrderRequest(const OrderRequest& request, const ServiceLookup& lookup,
                                        const OrderDefaults& defaults);

}  // namespace onair
