#include "core/order_id.h"

#include <fmt/format.h>

#include <charconv>

namespace onair {

namespace {
constexpr size_t kMinDigits = 6;
}  // namespace

std::string FormatOrderId(std::string_view prefix, uint64_t seq) {
  return fmt::format("{}{:0{}}", prefix, seq, kMinDigits);
}

std::optional<uint64_t> ParseOrderId(std::string_view prefix, std::string_view id) {
  if (id.size() < prefix.size() + kMinDigits || id.substr(0, prefix.size()) != prefix) {
    return std::nullopt;
  }
  std::string_view digits = id.substr(prefix.size());
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }

  // Only the spelling FormatOrderId produces names an order: "MP-0000001" is not MP-000001,
  // so one order has exactly one id (and a 404 echoes what was asked for).
  if (digits.size() > kMinDigits && digits.front() == '0') return std::nullopt;

  uint64_t seq = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seq);
  if (ec != std::errc() || end != digits.data() + digits.size() || seq == 0) return std::nullopt;
  return seq;
}

}  // namespace onair
