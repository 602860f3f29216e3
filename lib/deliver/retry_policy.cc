#include "deliver/retry_policy.h"

#include <algorithm>
#include <cmath>

namespace onair::deliver {

std::chrono::milliseconds RetryPolicy::Delay(int retry, double unit) const {
  // Doubling past 2^62 overflows, and any cap is reached long before it.
  int doublings = std::clamp(retry - 1, 0, 62);
  double base = std::min(static_cast<double>(options_.initial.count()) * std::ldexp(1.0, doublings),
                         static_cast<double>(options_.max.count()));
  double factor = 1.0 + options_.jitter * (2.0 * std::clamp(unit, 0.0, 1.0) - 1.0);
  return std::chrono::milliseconds(std::llround(base * factor));
}

}  // namespace onair::deliver
