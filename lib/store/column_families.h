// The column families of onair's RocksDB database.
// NOTE: the names are on-disk format. Never rename one; add new families at the end.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace onair::store {

enum class Cf : size_t {
  kDefault,           // unused; RocksDB requires it
  kOrders,            // order seq (u64 BE) → order record
  kCustomerOrders,    // customer id (u64 BE), 0x00, customer order id → order seq (u64 BE)
  kOrdersByCustomer,  // customer id (u64 BE), order seq (u64 BE) → empty; newest-first listing
  kCounters,          // counter name → u64 BE (id sequences for customers and keys)
  kCustomers,         // customer id (u64 BE) → customer record
  kApiKeys,           // SHA-256 of the key (32 bytes) → key record
  kServices,          // service id (u64 BE) → service record
  kCount,
};

inline constexpr std::array<std::string_view, static_cast<size_t>(Cf::kCount)> kCfNames = {
    "default",  "orders",    "customer_orders", "orders_by_customer",
    "counters", "customers", "api_keys",        "services",
};

inline std::string_view CfName(Cf cf) {
  return kCfNames[static_cast<size_t>(cf)];
}

}  // namespace onair::store
