#include "store/keys.h"

namespace onair::store {

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

}  // namespace onair::store
