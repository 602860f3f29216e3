// When the next calendar day of the configured zone begins: the scheduler wakes then to look
// again at live pages, since a session held back by the daily limit may fire on the new day.
// Pure function; thread-safe.
#pragma once

#include "core/clock.h"
#include "core/zoned_time.h"

namespace onair::watch {

// The first instant after `t` whose local day (zone.LocalDay) is later than t's: local midnight
// on most days, the first existing local time where a DST change skips midnight.
TimePoint NextDayStart(const TimeZone& zone, TimePoint t);

}  // namespace onair::watch
