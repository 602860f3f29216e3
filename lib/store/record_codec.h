// Record codecs: the bytes stored for orders, customers, API keys and services. Every record
// starts with a format version byte; integers are fixed-width big-endian, strings are
// length-prefixed, times are int64 milliseconds since the epoch. Pure functions; thread-safe.
// NOTE: the encoding is on-disk format. Change it only by adding a new version that Decode*
// still reads next to the old one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/customer.h"
#include "core/order.h"
#include "core/result.h"
#include "core/service.h"

namespace onair::store {

inline constexpr uint8_t kRecordVersion = 1;

// Stored times keep millisecond precision; this is what a TimePoint reads back as.
TimePoint TruncateToMillis(TimePoint t);

std::string EncodeOrder(const Order& order);
std::string EncodeCustomer(const Customer& customer);
std::string EncodeApiKey(const ApiKey& key);
std::string EncodeService(const Service& service);

// Short, corrupt or unknown-version bytes are kInternal ("corrupt order record: truncated").
Result<Order> DecodeOrder(std::string_view bytes);
Result<Customer> DecodeCustomer(std::string_view bytes);
Result<ApiKey> DecodeApiKey(std::string_view bytes);
Result<Service> DecodeService(std::string_view bytes);

}  // namespace onair::store
