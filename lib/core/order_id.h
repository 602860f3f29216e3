// Order ids as customers see them: a configured prefix and at least six digits ("MP-000001",
// "MP-1234567"). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onair {

std::string FormatOrderId(std::string_view prefix, uint64_t seq);

// Returns the sequence number behind `id`, or nullopt when `id` is not `prefix` followed by
// digits (at least six, no sign) that fit in 64 bits and are not zero. Only the spelling
// FormatOrderId produces is accepted: "MP-0000001" (a seventh, leading zero) is nullopt.
std::optional<uint64_t> ParseOrderId(std::string_view prefix, std::string_view id);

}  // namespace onair
