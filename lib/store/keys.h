// Key layouts of the column families (see column_families.h): big-endian u64 so that RocksDB's
// byte order is numeric order. Pure functions; thread-safe.
// NOTE: these layouts are on-disk format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/clock.h"

namespace onair::store {

// 8 bytes, most significant first.
std::string EncodeU64(uint64_t value);
// nullopt unless `bytes` is exactly 8 bytes long.
std::optional<uint64_t> DecodeU64(std::string_view bytes);

// `customer_orders`: customer id, 0x00, customer order id.
std::string CustomerOrderKey(uint64_t customer_id, std::string_view customer_order_id);

// `orders_by_customer`: customer id, order seq.
std::string OrderByCustomerKey(uint64_t customer_id, uint64_t seq);

// `outbox`: the attempt time in milliseconds since the epoch (times before it count as 0), then
// the dispatch seq. Byte order is due order; dispatches due in the same millisecond go by seq.
std::string OutboxKey(TimePoint next_attempt_at, uint64_t dispatch_seq);
// The time and dispatch seq of an outbox key; nullopt unless it is 16 bytes with a time that a
// TimePoint can hold.
std::optional<std::pair<TimePoint, uint64_t>> DecodeOutboxKey(std::string_view key);

// `dispatches_by_order`: order seq, dispatch seq.
std::string DispatchByOrderKey(uint64_t order_seq, uint64_t dispatch_seq);
// `dispatches_by_customer`: customer id, dispatch seq.
std::string DispatchByCustomerKey(uint64_t customer_id, uint64_t dispatch_seq);

// `counters`: an order's detections in all (0x01, order seq) and on one zone day (0x01, order
// seq, day with its sign bit flipped). The leading 0x01 keeps them apart from named counters.
std::string DetectionTotalKey(uint64_t order_seq);
std::string DetectionDayKey(uint64_t order_seq, int64_t day);

}  // namespace onair::store
