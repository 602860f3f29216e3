#include "core/zoned_time.h"

#include <date/date.h>
#include <date/tz.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace onair {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

// The UTC instant at `y`-`m`-`d` `h`:`min`.
TimePoint Utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return date::sys_days{date::year{y} / m / d} + hours(h) + minutes(min);
}

TimeZone Zone(std::string_view name) {
  Result<TimeZone> zone = TimeZone::Load(name);
  REQUIRE(zone.ok());
  return std::move(zone).value();
}

// Sets TZ for one test and puts the old value back afterwards.
class ScopedTz {
 public:
  explicit ScopedTz(const char* value) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    if (value) {
      setenv("TZ", value, 1);
    } else {
      unsetenv("TZ");
    }
  }
  ~ScopedTz() {
    if (old_) {
      setenv("TZ", old_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
  }

 private:
  std::optional<std::string> old_;
};

TEST_CASE("a time in Asia/Manila has a +08:00 offset") {
  CHECK("2025-11-08T10:00:00+08:00" == Zone("Asia/Manila").Format(Utc(2025, 11, 8, 2)));
}

TEST_CASE("a time in UTC has a +00:00 offset, never Z") {
  CHECK("2025-11-08T02:00:00+00:00" == Zone("UTC").Format(Utc(2025, 11, 8, 2)));
}

TEST_CASE("a time in New York shows the offset in force on its day") {
  TimeZone new_york = Zone("America/New_York");
  CHECK("2025-07-01T08:00:00-04:00" == new_york.Format(Utc(2025, 7, 1, 12)));
  CHECK("2025-12-01T07:00:00-05:00" == new_york.Format(Utc(2025, 12, 1, 12)));
}

TEST_CASE("a zone with a half-hour offset shows its minutes") {
  CHECK("2025-11-08T07:30:00+05:30" == Zone("Asia/Kolkata").Format(Utc(2025, 11, 8, 2)));
}

TEST_CASE("fractions of a second are dropped, not rounded") {
  CHECK("2025-11-08T10:00:00+08:00" ==
        Zone("Asia/Manila").Format(Utc(2025, 11, 8, 2) + milliseconds(999)));
}

TEST_CASE("thirty days after the guide's created_at is its expires_at") {
  TimeZone manila = Zone("Asia/Manila");
  CHECK("2025-11-08T10:00:00+08:00" == manila.Format(manila.AddDays(Utc(2025, 10, 9, 2), 30)));
}

TEST_CASE("adding days across a DST change keeps the local clock time") {
  TimeZone new_york = Zone("America/New_York");
  TimePoint before = Utc(2025, 3, 8, 17);  // 12:00 EST, the day before clocks go forward

  TimePoint after = new_york.AddDays(before, 1);

  CHECK("2025-03-09T12:00:00-04:00" == new_york.Format(after));
  CHECK(23 == std::chrono::duration_cast<hours>(after - before).count());
}

TEST_CASE("adding days onto a skipped local time lands when the clocks jumped") {
  TimeZone new_york = Zone("America/New_York");
  TimePoint before = Utc(2025, 3, 8, 7, 30);  // 02:30 EST; 2025-03-09 02:30 does not exist
  CHECK("2025-03-09T03:00:00-04:00" == new_york.Format(new_york.AddDays(before, 1)));
}

TEST_CASE("adding days onto a repeated local time takes the earlier one") {
  TimeZone new_york = Zone("America/New_York");
  TimePoint before = Utc(2025, 11, 1, 5, 30);  // 01:30 EDT; 2025-11-02 01:30 happens twice
  CHECK("2025-11-02T01:30:00-04:00" == new_york.Format(new_york.AddDays(before, 1)));
}

TEST_CASE("the local day is the calendar date in the zone") {
  TimeZone manila = Zone("Asia/Manila");
  const int64_t nov_7 = date::sys_days{date::year{2025} / 11 / 7}.time_since_epoch().count();

  CHECK(nov_7 == manila.LocalDay(Utc(2025, 11, 7, 15, 59)));     // 23:59 local
  CHECK(nov_7 + 1 == manila.LocalDay(Utc(2025, 11, 7, 16, 0)));  // midnight local
  CHECK(nov_7 == Zone("UTC").LocalDay(Utc(2025, 11, 7, 23, 59)));
}

TEST_CASE("an unknown zone name is refused") {
  Result<TimeZone> zone = TimeZone::Load("Bad/Zone");

  REQUIRE_FALSE(zone.ok());
  CHECK(Code::kInvalidArgument == zone.status().code());
  CHECK("unknown time zone Bad/Zone" == zone.status().message());
}

TEST_CASE("a loaded zone keeps the name it was asked for") {
  CHECK("Asia/Manila" == Zone("Asia/Manila").name());
  CHECK("UTC" == Zone("UTC").name());
}

TEST_CASE("the system zone comes from TZ when it names a zone") {
  ScopedTz tz("Asia/Manila");
  CHECK("Asia/Manila" == Zone("").name());
}

TEST_CASE("a leading colon in TZ is ignored") {
  ScopedTz tz(":Asia/Tokyo");
  CHECK("Asia/Tokyo" == Zone("").name());
}

TEST_CASE("a TZ path into a zoneinfo directory names the zone after it") {
  ScopedTz tz(":/usr/share/zoneinfo/Europe/Paris");
  CHECK("Europe/Paris" == Zone("").name());
}

TEST_CASE("a TZ that names no zone falls back to /etc/localtime") {
  const std::string local = date::current_zone()->name();
  ScopedTz tz("XYZ-3");
  CHECK(local == Zone("").name());
}

TEST_CASE("without TZ the system zone is /etc/localtime") {
  const std::string local = date::current_zone()->name();
  ScopedTz tz(nullptr);
  CHECK(local == Zone("").name());
}

}  // namespace
}  // namespace onair
