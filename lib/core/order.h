// Order: what a customer asked onair to watch and send on. Plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace onair {

enum class OrderStatus { kActive, kExpired, kCancelled };

// "active", "expired", "cancelled".
std::string_view OrderStatusName(OrderStatus status);
// REQUIRES: nothing; returns nullopt for an unknown name.
std::optional<OrderStatus> ParseOrderStatus(std::string_view name);

struct OrderLine {
  uint64_t service_id = 0;
  std::string service_name;  // copied at creation so renames do not rewrite history
  int64_t quantity = 0;
  std::optional<int64_t> min_viewers;  // unset: fire as soon as the page is live
};

struct Order {
  uint64_t seq = 0;  // the number behind "MP-000001"; unique, never reused
  uint64_t customer_id = 0;
  std::optional<std::string> customer_order_id;  // the customer's own reference
  std::string url;                               // as the customer sent it
  std::string page;                              // canonical page that gets watched
  OrderStatus status = OrderStatus::kActive;     // as stored; see EffectiveStatus
  TimePoint created_at;
  TimePoint expires_at;
  int64_t daily_limit = 10;
  int64_t days = 30;
  std::vector<OrderLine> services;
};

// The status a reader sees at `now`: a stored active order past its expires_at is expired.
OrderStatus EffectiveStatus(const Order& order, TimePoint now);

}  // namespace onair
