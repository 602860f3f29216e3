// NextDayStart: when the scheduler wakes for a new local day.
#include "watch/day_boundary.h"

#include <doctest/doctest.h>

#include <string>

namespace onair::watch {
namespace {

TimeZone Zone(const char* name) {
  Result<TimeZone> zone = TimeZone::Load(name);
  REQUIRE(zone.ok());
  return std::move(zone).value();
}

// The next day's start after `utc_seconds`, formatted in the zone.
std::string Next(const TimeZone& zone, int64_t utc_seconds, int64_t extra_nanos = 0) {
  const TimePoint t =
      TimePoint(std::chrono::seconds(utc_seconds)) +
      std::chrono::duration_cast<TimePoint::duration>(std::chrono::nanoseconds(extra_nanos));
  return zone.Format(NextDayStart(zone, t));
}

TEST_CASE("the next day starts at local midnight") {
  const TimeZone manila = Zone("Asia/Manila");
  // 2025-12-01T09:00:00+08:00
  CHECK("2025-12-02T00:00:00+08:00" == Next(manila, 1764550800));
  // One nanosecond before midnight, and midnight itself.
  CHECK("2025-12-02T00:00:00+08:00" == Next(manila, 1764604799, 999999999));
  CHECK("2025-12-03T00:00:00+08:00" == Next(manila, 1764604800));
}

TEST_CASE("the next day starts at local midnight across a DST change in New York") {
  const TimeZone new_york = Zone("America/New_York");
  // 2025-11-01T12:00:00-04:00; clocks go back at 02:00 on Nov 2, after midnight.
  CHECK("2025-11-02T00:00:00-04:00" == Next(new_york, 1762012800));
  // 2025-11-02T12:00:00-05:00: that day lasted 25 hours.
  CHECK("2025-11-03T00:00:00-05:00" == Next(new_york, 1762102800));
}

TEST_CASE("where DST skips midnight the next day starts at its first local time") {
  // Chile moves from 24:00 on Saturday 2025-09-06 to 01:00 on Sunday.
  const TimeZone santiago = Zone("America/Santiago");
  // 2025-09-06T12:00:00-04:00
  CHECK("2025-09-07T01:00:00-03:00" == Next(santiago, 1757174400));
}

}  // namespace
}  // namespace onair::watch
