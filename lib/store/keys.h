// Key layouts of the column families (see column_families.h): big-endian u64 so that RocksDB's
// byte order is numeric order. Pure functions; thread-safe.
// NOTE: these layouts are on-disk format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onair::store {

// 8 bytes, most significant first.
std::string EncodeU64(uint64_t value);
// nullopt unless `bytes` is exactly 8 bytes long.
std::optional<uint64_t> DecodeU64(std::string_view bytes);

// `customer_orders`: customer id, 0x00, customer order id.
std::string CustomerOrderKey(uint64_t customer_id, std::string_view customer_order_id);

// `orders_by_customer`: customer id, order seq.
std::string OrderByCustomerKey(uint64_t customer_id, uint64_t seq);

}  // namespace onair::store
