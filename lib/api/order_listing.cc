#include "api/order_listing.h"

#include <algorithm>

#include "core/order_id.h"

namespace onair::api {
namespace {

constexpr size_t kMaxCustomerOrderIdChars = 64;

// Characters of UTF-8 text: every byte but continuation bytes starts one. Malformed text is
// harmless here: it only fails to match a stored reference.
size_t CountChars(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

// "limit" is digits only; a number too long to fit is simply out of bounds.
Result<size_t> ParseLimit(const std::string& text) {
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument("limit must be an integer");
  }
  size_t first_digit = std::min(text.find_first_not_of('0'), text.size());
  std::string_view digits = std::string_view(text).substr(first_digit);
  size_t value = digits.size() > 3 ? kMaxPageSize + 1 : 0;
  if (digits.size() <= 3) {
    for (char c : digits) value = value * 10 + static_cast<size_t>(c - '0');
  }
  if (value < 1 || value > kMaxPageSize) {
    return Status::InvalidArgument("limit must be between 1 and 100");
  }
  return value;
}

Result<store::OrderQuery> ParseOrderListing(const HttpRequest& request,
                                            std::string_view order_id_prefix,
                                            bool with_customer_order_id) {
  store::OrderQuery query;
  query.limit = kDefaultPageSize;

  if (std::optional<std::string> status = request.Query("status")) {
    query.status = ParseOrderStatus(*status);
    if (!query.status) {
      return Status::InvalidArgument("status must be one of active, expired, cancelled");
    }
  }

  if (with_customer_order_id) {
    if (std::optional<std::string> reference = request.Query("customer_order_id")) {
      if (reference->empty() || CountChars(*reference) > kMaxCustomerOrderIdChars) {
        return Status::InvalidArgument("customer_order_id must be 1 to 64 characters");
      }
      query.customer_order_id = std::move(*reference);
    }
  }

  if (std::optional<std::string> limit = request.Query("limit")) {
    Result<size_t> parsed = ParseLimit(*limit);
    if (!parsed.ok()) return parsed.status();
    query.limit = *parsed;
  }

  if (std::optional<std::string> cursor = request.Query("cursor")) {
    query.before_seq = ParseOrderId(order_id_prefix, *cursor);
    if (!query.before_seq) return Status::InvalidArgument("cursor is not valid");
  }
  return query;
}

std::optional<std::string> NextCursor(const store::OrderPage& page,
                                      std::string_view order_id_prefix) {
  if (!page.next_before) return std::nullopt;
  return FormatOrderId(order_id_prefix, *page.next_before);
}

}  // namespace onair::api
