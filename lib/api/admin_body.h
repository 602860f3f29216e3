// Reading admin request bodies and path ids: the field rules shared by the admin routes on top
// of wire::JsonBody. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "wire/json_in.h"

namespace onair::api {

// The number behind a path segment of decimal digits ("7"); nullopt for anything else.
std::optional<uint64_t> ParseDecimalId(std::string_view text);

// A change to an optional number: absent (no change), null (back to the default) or a value.
struct OptionalChange {
  bool given = false;
  std::optional<int64_t> value;
};

// Reads `key` as an integer in [min, max] that may be null: kInvalidArgument
// "<key> must be an integer" or "<key> must be between <min> and <max>".
Result<OptionalChange> ReadOptionalInteger(const wire::JsonBody& json, std::string_view key,
                                           int64_t min, int64_t max);

// Reads a required string: kInvalidArgument "<key> is required" / "<key> must be a string".
Result<std::string> ReadRequiredString(const wire::JsonBody& json, std::string_view key);

// Reads a required integer: kInvalidArgument "<key> is required" / "<key> must be an integer".
Result<int64_t> ReadRequiredInteger(const wire::JsonBody& json, std::string_view key);

}  // namespace onair::api
