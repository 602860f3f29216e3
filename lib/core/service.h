// Service: one entry of the catalogue that orders name by `service_id`. Plain value type.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"

namespace onair {

struct Service {
  uint64_t id = 0;
  std::string name;
  int64_t quantity_min = 1;  // inclusive bounds for an order line's quantity
  int64_t quantity_max = 1;
  bool active = true;  // inactive services refuse new orders but stay on old ones
  TimePoint created_at;
};

}  // namespace onair
