// Record codecs: the bytes stored for orders, customers, API keys, services, dispatches, page
// states, order session states and page connections. Every record starts with a format version
// byte; integers are fixed-width big-endian, strings are length-prefixed, times are int64
// milliseconds since the epoch (floored). Pure functions; thread-safe.
// NOTE: the encoding is on-disk format. Change it only by adding a new version that Decode*
// still reads next to the old one. Enums (OrderStatus, DispatchState, DispatchResult) are stored
// as their numeric values, so their order is on-disk format too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/customer.h"
#include "core/dispatch.h"
#include "core/firing.h"
#include "core/live.h"
#include "core/order.h"
#include "core/result.h"
#include "core/service.h"

namespace onair::store {

struct PageConnection;  // store/page_connection_store.h

// The version every record is written with, except customers.
inline constexpr uint8_t kRecordVersion = 1;
// Customers: version 2 added webhook_url and webhook_secret; version 1 still decodes, with both
// empty.
inline constexpr uint8_t kCustomerRecordVersion = 2;

// Stored times keep millisecond precision; this is what a TimePoint reads back as.
TimePoint TruncateToMillis(TimePoint t);

std::string EncodeOrder(const Order& order);
std::string EncodeCustomer(const Customer& customer);
std::string EncodeApiKey(const ApiKey& key);
std::string EncodeService(const Service& service);
std::string EncodeDispatch(const Dispatch& dispatch);
std::string EncodePageState(const PageState& page);
std::string EncodeOrderSessionState(const OrderSessionState& state);
std::string EncodePageConnection(const PageConnection& connection);

// Short, corrupt or unknown-version bytes are kInternal ("corrupt order record: truncated").
Result<Order> DecodeOrder(std::string_view bytes);
Result<Customer> DecodeCustomer(std::string_view bytes);
Result<ApiKey> DecodeApiKey(std::string_view bytes);
Result<Service> DecodeService(std::string_view bytes);
Result<Dispatch> DecodeDispatch(std::string_view bytes);
Result<PageState> DecodePageState(std::string_view bytes);
Result<OrderSessionState> DecodeOrderSessionState(std::string_view bytes);
Result<PageConnection> DecodePageConnection(std::string_view bytes);

}  // namespace onair::store
