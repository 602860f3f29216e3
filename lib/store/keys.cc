#include "store/keys.h"

#include <algorithm>
#include <limits>

namespace onair::store {
namespace {

constexpr char kDetectionPrefix = '\x01';

// The largest millisecond count a TimePoint (nanoseconds in int64) can hold.
constexpr int64_t kMaxMillis = std::numeric_limits<TimePoint::rep>::max() / 1'000'000;

}  // namespace

std::string EncodeU64(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return out;
}

std::optional<uint64_t> DecodeU64(std::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

std::string CustomerOrderKey(uint64_t customer_id, std::string_view customer_order_id) {
  std::string key = EncodeU64(customer_id);
  key.push_back('\0');
  key.append(customer_order_id);
  return key;
}

std::string OrderByCustomerKey(uint64_t customer_id, uint64_t seq) {
  return EncodeU64(customer_id) + EncodeU64(seq);
}

std::string OutboxKey(TimePoint next_attempt_at, uint64_t dispatch_seq) {
  int64_t ms =
      std::chrono::floor<std::chrono::milliseconds>(next_attempt_at.time_since_epoch()).count();
  return EncodeU64(static_cast<uint64_t>(std::max<int64_t>(ms, 0))) + EncodeU64(dispatch_seq);
}

std::optional<std::pair<TimePoint, uint64_t>> DecodeOutboxKey(std::string_view key) {
  if (key.size() != 16) return std::nullopt;
  uint64_t ms = *DecodeU64(key.substr(0, 8));
  if (ms > static_cast<uint64_t>(kMaxMillis)) return std::nullopt;
  return std::make_pair(TimePoint(std::chrono::milliseconds(ms)), *DecodeU64(key.substr(8)));
}

std::string DispatchByOrderKey(uint64_t order_seq, uint64_t dispatch_seq) {
  return EncodeU64(order_seq) + EncodeU64(dispatch_seq);
}

std::string DispatchByCustomerKey(uint64_t customer_id, uint64_t dispatch_seq) {
  return EncodeU64(customer_id) + EncodeU64(dispatch_seq);
}

std::string DetectionTotalKey(uint64_t order_seq) {
  return kDetectionPrefix + EncodeU64(order_seq);
}

std::string DetectionDayKey(uint64_t order_seq, int64_t day) {
  // Flipping the sign bit maps int64 order onto unsigned byte order.
  return DetectionTotalKey(order_seq) + EncodeU64(static_cast<uint64_t>(day) ^ (uint64_t{1} << 63));
}

}  // namespace onair::store
