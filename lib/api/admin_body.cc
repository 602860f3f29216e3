#include "api/admin_body.h"

#include <fmt/format.h>

namespace onair::api {

std::optional<uint64_t> ParseDecimalId(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

Result<OptionalChange> ReadOptionalInteger(const wire::JsonBody& json, std::string_view key,
                                           int64_t min, int64_t max) {
  Field<int64_t> field = json.Integer(key);
  if (field.invalid()) return Status::InvalidArgument(field.error);
  if (field.has_value()) {
    if (field.value < min || field.value > max) {
      return Status::InvalidArgument(fmt::format("{} must be between {} and {}", key, min, max));
    }
    return OptionalChange{true, field.value};
  }
  return OptionalChange{json.IsNull(key), std::nullopt};
}

Result<std::string> ReadRequiredString(const wire::JsonBody& json, std::string_view key) {
  Field<std::string> field = json.String(key);
  if (field.invalid()) return Status::InvalidArgument(field.error);
  if (field.absent()) return Status::InvalidArgument(fmt::format("{} is required", key));
  return std::move(field.value);
}

Result<int64_t> ReadRequiredInteger(const wire::JsonBody& json, std::string_view key) {
  Field<int64_t> field = json.Integer(key);
  if (field.invalid()) return Status::InvalidArgument(field.error);
  if (field.absent()) return Status::InvalidArgument(fmt::format("{} is required", key));
  return field.value;
}

}  // namespace onair::api
