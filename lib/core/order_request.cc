#include "core/order_request.h"

#include <fmt/format.h>

#include <set>

#include "core/page_url.h"

namespace onair {

namespace {

constexpr size_t kMaxCustomerOrderIdChars = 64;
constexpr size_t kMaxServices = 50;
constexpr int64_t kMinDailyLimit = 1;
constexpr int64_t kMaxDailyLimit = 1000;
constexpr int64_t kMinDays = 1;
constexpr int64_t kMaxDays = 365;

// The message of an unreadable field; the parser normally says why, this is its fallback.
template <typename T>
Status Unreadable(const Field<T>& field, std::string_view fallback) {
  return Status::InvalidArgument(field.error.empty() ? std::string(fallback) : field.error);
}

// True when `s` is 1 to 64 well-formed UTF-8 characters, none of them a control character
// (C0, DEL or C1).
bool IsPrintableReference(std::string_view s) {
  size_t chars = 0;
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t len = lead < 0x80           ? 1
                 : (lead >> 5) == 0x6  ? 2
                 : (lead >> 4) == 0xE  ? 3
                 : (lead >> 3) == 0x1E ? 4
                                       : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? lead : lead & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      const auto cont = static_cast<unsigned char>(s[i + k]);
      if ((cont & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cont & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not characters.
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;
    ++chars;
    i += len;
  }
  return chars >= 1 && chars <= kMaxCustomerOrderIdChars;
}

Result<int64_t> BoundedOrDefault(const Field<int64_t>& field, std::string_view name, int64_t min,
                                 int64_t max, int64_t default_value) {
  if (field.invalid()) return Unreadable(field, fmt::format("{} must be an integer", name));
  if (field.absent()) return default_value;
  if (field.value < min || field.value > max) {
    return Status::InvalidArgument(fmt::format("{} must be between {} and {}", name, min, max));
  }
  return field.value;
}

// Checks one services[] entry: service_id, then the service, then quantity and min_viewers.
// `seen` holds the service ids of the entries before it.
Result<OrderLine> ValidateLine(const OrderLineRequest& line, size_t index,
                               const ServiceLookup& lookup, std::set<int64_t>& seen) {
  if (!line.error.empty()) return Status::InvalidArgument(line.error);
  const std::string field = fmt::format("services[{}]", index);

  if (line.service_id.absent()) return Status::InvalidArgument(field + ".service_id is required");
  if (line.service_id.invalid()) {
    return Unreadable(line.service_id, field + ".service_id must be an integer");
  }
  const int64_t id = line.service_id.value;
  std::optional<Service> service;
  if (id > 0) service = lookup(static_cast<uint64_t>(id));
  if (!service || !service->active) {
    return Status::InvalidArgument(fmt::format("Service {} not found or inactive", id));
  }
  if (!seen.insert(id).second) {
    return Status::InvalidArgument(fmt::format("Service {} is listed more than once", id));
  }

  if (line.quantity.absent()) return Status::InvalidArgument(field + ".quantity is required");
  if (line.quantity.invalid())
    return Unreadable(line.quantity, field + ".quantity must be an integer");
  if (line.quantity.value < service->quantity_min || line.quantity.value > service->quantity_max) {
    return Status::InvalidArgument(
        fmt::format("{}.quantity must be between {} and {} for service {}", field,
                    service->quantity_min, service->quantity_max, id));
  }

  std::optional<int64_t> min_viewers;
  if (line.min_viewers.invalid()) {
    return Unreadable(line.min_viewers, field + ".min_viewers must be an integer");
  }
  if (line.min_viewers.has_value()) {
    if (line.min_viewers.value < 0) {
      return Status::InvalidArgument(field + ".min_viewers must be 0 or more");
    }
    min_viewers = line.min_viewers.value;
  }

  return OrderLine{service->id, service->name, line.quantity.value, min_viewers};
}

}  // namespace

Result<ValidOrder> ValidateOrderRequest(const OrderRequest& request, const ServiceLookup& lookup,
                                        const OrderDefaults& defaults) {
  ValidOrder order;

  const Field<std::string>& order_id = request.order_id;
  if (order_id.invalid()) return Unreadable(order_id, "order_id must be a string or an integer");
  if (order_id.has_value()) {
    if (!IsPrintableReference(order_id.value)) {
      return Status::InvalidArgument(
          "order_id must be 1 to 64 characters without control characters");
    }
    order.customer_order_id = order_id.value;
  }

  if (request.url.absent()) return Status::InvalidArgument("url is required");
  if (request.url.invalid()) return Unreadable(request.url, "url must be a string");
  Result<std::string> page = CanonicalPage(request.url.value);
  if (!page.ok()) return page.status();
  order.url = request.url.value;
  order.page = std::move(page).value();

  const Field<std::vector<OrderLineRequest>>& services = request.services;
  if (services.absent()) return Status::InvalidArgument("services is required");
  if (services.invalid()) return Unreadable(services, "services must be an array");
  if (services.value.empty() || services.value.size() > kMaxServices) {
    return Status::InvalidArgument("services must list 1 to 50 services");
  }
  std::set<int64_t> seen;
  for (size_t i = 0; i < services.value.size(); ++i) {
    Result<OrderLine> line = ValidateLine(services.value[i], i, lookup, seen);
    if (!line.ok()) return line.status();
    order.services.push_back(std::move(line).value());
  }

  Result<int64_t> daily_limit = BoundedOrDefault(request.daily_limit, "daily_limit", kMinDailyLimit,
                                                 kMaxDailyLimit, defaults.daily_limit);
  if (!daily_limit.ok()) return daily_limit.status();
  order.daily_limit = *daily_limit;

  Result<int64_t> days = BoundedOrDefault(request.days, "days", kMinDays, kMaxDays, defaults.days);
  if (!days.ok()) return days.status();
  order.days = *days;

  return order;
}

}  // namespace onair
