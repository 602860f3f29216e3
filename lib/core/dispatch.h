// Dispatch: one service of one order, fired in one live session, on its way to the customer.
// Plain value type. docs/webhooks.md describes states, results and the wire form.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace onair {

enum class DispatchState { kPending, kSent, kAcked, kUndeliverable, kCancelled };
enum class DispatchResult { kNone, kDelivered, kFailed };

std::string_view DispatchStateName(DispatchState state);  // "pending", "sent", ...
std::optional<DispatchState> ParseDispatchState(std::string_view name);
std::string_view DispatchResultName(DispatchResult result);  // "" for kNone, "delivered", ...
// The inverse of DispatchResultName: "" is kNone; nullopt for an unknown name.
std::optional<DispatchResult> ParseDispatchResult(std::string_view name);

// "D-000042": the dispatch id customers see, also the webhook-id of every attempt.
// At least six digits, spelled like order ids (core/order_id.h).
std::string FormatDispatchId(uint64_t seq);
// The seq behind an id FormatDispatchId produces; nullopt for any other spelling or for zero.
std::optional<uint64_t> ParseDispatchId(std::string_view id);

// next_attempt_at of a pending dispatch that waits for its customer to pull it (the customer has
// no webhook): never due, and given no outbox entry. The latest whole millisecond a TimePoint
// holds, so it reads back unchanged from a record.
inline constexpr TimePoint kAwaitingPull =
    TimePoint(std::chrono::floor<std::chrono::milliseconds>(TimePoint::max().time_since_epoch()));

struct Dispatch {
  uint64_t seq = 0;
  uint64_t order_seq = 0;
  uint64_t customer_id = 0;

  // What fired: copied from the order line and the page's session at firing time.
  uint64_t service_id = 0;
  std::string service_name;
  int64_t quantity = 0;
  std::optional<int64_t> min_viewers;
  std::string page;
  uint64_t session = 0;
  std::optional<std::string> stream_id;
  int64_t viewers = 0;
  TimePoint detected_at;

  // Where onair is with it.
  DispatchState state = DispatchState::kPending;
  int attempts = 0;
  TimePoint next_attempt_at;  // meaningful while pending
  std::string last_error;     // the last failed attempt, for admins
  std::optional<TimePoint> sent_at;

  // The customer's word on the delivery.
  DispatchResult result = DispatchResult::kNone;
  std::optional<int64_t> delivered_quantity;
  std::string failure_reason;
  std::optional<TimePoint> result_at;
};

}  // namespace onair
