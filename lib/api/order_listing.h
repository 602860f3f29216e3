// The query parameters of the order listings, GET /api/orders and GET /admin/orders
// (docs/api.md): status, customer_order_id (customer listing only), limit and cursor, and the
// next_cursor of a page. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/http_message.h"
#include "core/result.h"
#include "store/order_store.h"

namespace onair::api {

inline constexpr size_t kDefaultPageSize = 20;
inline constexpr size_t kMaxPageSize = 100;

// A page size given as `limit`: decimal digits, 1 .. kMaxPageSize. kInvalidArgument "limit must
// be an integer" or "limit must be between 1 and 100". Shared by every listing.
Result<size_t> ParseLimit(const std::string& text);

// Reads the listing parameters in the order docs/api.md lists them and returns the first
// problem as kInvalidArgument ("status must be one of active, expired, cancelled", "limit must be
// an integer", "limit must be between 1 and 100", "cursor is not valid"). customer_id and now
// are left for the caller.
Result<store::OrderQuery> ParseOrderListing(const HttpRequest& request,
                                            std::string_view order_id_prefix,
                                            bool with_customer_order_id);

// The order id to pass as `cursor` for the page after `page`; nullopt on the last page.
std::optional<std::string> NextCursor(const store::OrderPage& page,
                                      std::string_view order_id_prefix);

}  // namespace onair::api
