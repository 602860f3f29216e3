// The column families of onair's RocksDB database.
// NOTE: the names are on-disk format. Never rename one; add new families at the end.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace onair::store {

enum class Cf : size_t {
  kDefault,            // unused; RocksDB requires it
  kOrders,             // order seq (u64 BE) → order record
  kCustomerOrders,     // customer id (u64 BE), 0x00, customer order id → order seq (u64 BE)
  kOrdersByCustomer,   // customer id (u64 BE), order seq (u64 BE) → empty; newest-first listing
  kCounters,           // see "counters" below
  kCustomers,          // customer id (u64 BE) → customer record
  kApiKeys,            // SHA-256 of the key (32 bytes) → key record
  kServices,           // service id (u64 BE) → service record
  kDispatches,         // dispatch seq (u64 BE) → dispatch record
  kOutbox,             // next_attempt_at (ms, u64 BE), dispatch seq (u64 BE) → empty; see below
  kPages,              // canonical page → page state record
  kOrderSessions,      // order seq (u64 BE) → order session state record
  kDispatchesByOrder,  // order seq (u64 BE), dispatch seq (u64 BE) → state (1 byte)
  kDispatchesByCustomer,  // customer id (u64 BE), dispatch seq (u64 BE) → state (1 byte)
  kPageConnections,       // canonical page → page connection record (Graph page id and token)
  kCount,
};

// counters: two kinds of key that cannot clash, as names never start with a control byte.
//   - a name in ASCII ("customer_seq", "key_seq") → u64 BE: the last id handed out;
//   - 0x01, order seq (u64 BE) → u64 BE: the order's detections in all;
//     0x01, order seq (u64 BE), zone day (i64, sign bit flipped, BE) → u64 BE: its detections on
//     that day (days since 1970-01-01 in the configured zone; the flipped sign bit keeps days
//     before 1970 sorted before later ones).
// outbox: times before 1970 are stored as 0 (due at once); a dispatch is in the outbox exactly
// while its state is pending and its next_attempt_at is not kAwaitingPull (core/dispatch.h).
// dispatches_by_order, dispatches_by_customer: the value is the dispatch's state byte (the
// DispatchState enum), so a state filter skips dispatches without reading their records.

inline constexpr std::array<std::string_view, static_cast<size_t>(Cf::kCount)> kCfNames = {
    "default",
    "orders",
    "customer_orders",
    "orders_by_customer",
    "counters",
    "customers",
    "api_keys",
    "services",
    "dispatches",
    "outbox",
    "pages",
    "order_sessions",
    "dispatches_by_order",
    "dispatches_by_customer",
    "page_connections",
};

inline std::string_view CfName(Cf cf) {
  return kCfNames[static_cast<size_t>(cf)];
}

}  // namespace onair::store
