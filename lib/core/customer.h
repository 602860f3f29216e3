// Customer: a reseller that owns orders, keys, a customer-order-id namespace and its own rate
// limits. ApiKey: one credential of a customer; only the SHA-256 of the key is ever stored.
// Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace onair {

struct Customer {
  uint64_t id = 0;
  std::string name;                        // unique, chosen by the admin: [A-Za-z0-9._-]{1,64}
  std::optional<int64_t> rate_limit;       // order creations an hour; unset = config default
  std::optional<int64_t> read_rate_limit;  // reads an hour; unset = config default
  std::vector<std::string> roles;          // "reporter": may push live reports
  std::string webhook_url;                 // empty: the customer pulls its dispatches
  std::string webhook_secret;  // "whsec_" + base64 of 32 random bytes; signs every attempt
  TimePoint created_at;
};

struct ApiKey {
  uint64_t id = 0;  // shown to admins as the key's id; the key itself is never stored
  uint64_t customer_id = 0;
  std::string hint;  // the first characters of the key, so an admin can tell keys apart
  bool revoked = false;
  TimePoint created_at;
};

}  // namespace onair
