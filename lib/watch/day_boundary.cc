#include "watch/day_boundary.h"

#include <chrono>

namespace onair::watch {

TimePoint NextDayStart(const TimeZone& zone, TimePoint t) {
  using std::chrono::seconds;

  // TimeZone answers only "which day is this instant", so search for the first second of the
  // next day. Zone offsets change on whole seconds, and no local day lasts 50 hours.
  const int64_t day = zone.LocalDay(t);
  TimePoint before = std::chrono::floor<seconds>(t);  // still on `day`
  TimePoint after = before + std::chrono::hours(50);  // surely past it
  while (after - before > seconds(1)) {
    const TimePoint mid = before + std::chrono::floor<seconds>((after - before) / 2);
    if (zone.LocalDay(mid) > day) {
      after = mid;
    } else {
      before = mid;
    }
  }
  return after;
}

}  // namespace onair::watch
