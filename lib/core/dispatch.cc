#include "core/dispatch.h"

#include "core/order_id.h"

namespace onair {

namespace {
// Dispatch ids are spelled like order ids, with their own prefix.
constexpr std::string_view kDispatchIdPrefix = "D-";
}  // namespace

std::string_view DispatchStateName(DispatchState state) {
  switch (state) {
    case DispatchState::kPending:
      return "pending";
    case DispatchState::kSent:
      return "sent";
    case DispatchState::kAcked:
      return "acked";
    case DispatchState::kUndeliverable:
      return "undeliverable";
    case DispatchState::kCancelled:
      return "cancelled";
  }
  return "pending";
}

std::optional<DispatchState> ParseDispatchState(std::string_view name) {
  if (name == "pending") return DispatchState::kPending;
  if (name == "sent") return DispatchState::kSent;
  if (name == "acked") return DispatchState::kAcked;
  if (name == "undeliverable") return DispatchState::kUndeliverable;
  if (name == "cancelled") return DispatchState::kCancelled;
  return std::nullopt;
}

std::string_view DispatchResultName(DispatchResult result) {
  switch (result) {
    case DispatchResult::kNone:
      return "";
    case DispatchResult::kDelivered:
      return "delivered";
    case DispatchResult::kFailed:
      return "failed";
  }
  return "";
}

std::optional<DispatchResult> ParseDispatchResult(std::string_view name) {
  if (name.empty()) return DispatchResult::kNone;
  if (name == "delivered") return DispatchResult::kDelivered;
  if (name == "failed") return DispatchResult::kFailed;
  return std::nullopt;
}

std::string FormatDispatchId(uint64_t seq) {
  return FormatOrderId(kDispatchIdPrefix, seq);
}

std::optional<uint64_t> ParseDispatchId(std::string_view id) {
  return ParseOrderId(kDispatchIdPrefix, id);
}

}  // namespace onair
