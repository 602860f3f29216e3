#include "core/order.h"

namespace onair {

std::string_view OrderStatusName(OrderStatus status) {
  switch (status) {
    case OrderStatus::kActive:
      return "active";
    case OrderStatus::kExpired:
      return "expired";
    case OrderStatus::kCancelled:
      return "cancelled";
  }
  return "active";
}

std::optional<OrderStatus> ParseOrderStatus(std::string_view name) {
  if (name == "active") return OrderStatus::kActive;
  if (name == "expired") return OrderStatus::kExpired;
  if (name == "cancelled") return OrderStatus::kCancelled;
  return std::nullopt;
}

OrderStatus EffectiveStatus(const Order& order, TimePoint now) {
  if (order.status == OrderStatus::kActive && now >= order.expires_at) {
    return OrderStatus::kExpired;
  }
  return order.status;
}

}  // namespace onair
