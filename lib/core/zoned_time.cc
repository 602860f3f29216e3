#include "core/zoned_time.h"

#include <date/tz.h>

#include <cstdlib>
#include <exception>

namespace onair {

namespace {

// The zone named by the TZ environment variable, or nullptr when TZ is unset or names no zone
// that the tz database knows. glibc also accepts POSIX rules ("EST5EDT,M3.2.0,M11.1.0") and file
// paths in TZ; date/tz cannot read rules, so such a TZ falls back to /etc/localtime. A path
// under a zoneinfo directory ("/usr/share/zoneinfo/Asia/Manila") is read as the name after it.
const date::time_zone* ZoneFromTzVariable() {
  const char* tz = std::getenv("TZ");
  if (tz == nullptr) return nullptr;
  std::string_view name = tz;
  if (!name.empty() && name.front() == ':') name.remove_prefix(1);
  if (size_t at = name.find("/zoneinfo/"); name.starts_with('/') && at != std::string_view::npos) {
    name.remove_prefix(at + std::string_view("/zoneinfo/").size());
  }
  if (name.empty()) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

// The zone /etc/localtime names, or UTC when there is none (minimal containers).
const date::time_zone* LocalTimeZone() {
  try {
    return date::current_zone();
  } catch (const std::exception&) {
    return date::locate_zone("UTC");
  }
}

}  // namespace

Result<TimeZone> TimeZone::Load(std::string_view name) {
  // date/tz reports an unknown zone or an unreadable database by throwing; keep that here.
  try {
    if (!name.empty()) {
      const date::time_zone* zone = date::locate_zone(name);
      return TimeZone(std::string(name), zone);
    }
    const date::time_zone* zone = ZoneFromTzVariable();
    if (zone == nullptr) zone = LocalTimeZone();
    return TimeZone(std::string(zone->name()), zone);
  } catch (const std::exception& e) {
    if (!name.empty()) return Status::InvalidArgument("unknown time zone " + std::string(name));
    return Status::FailedPrecondition(std::string("cannot tell the system time zone: ") + e.what());
  }
}

std::string TimeZone::Format(TimePoint t) const {
  date::zoned_time<std::chrono::seconds> local(zone_, std::chrono::floor<std::chrono::seconds>(t));
  return date::format("%FT%T%Ez", local);
}

TimePoint TimeZone::AddDays(TimePoint t, int64_t days) const {
  const auto local = zone_->to_local(t);
  const auto midnight = date::floor<date::days>(local);
  const auto moved = midnight + date::days(days) + (local - midnight);
  // A local time that a DST change skips or repeats maps to its earliest instant.
  return zone_->to_sys(moved, date::choose::earliest);
}

int64_t TimeZone::LocalDay(TimePoint t) const {
  return date::floor<date::days>(zone_->to_local(t)).time_since_epoch().count();
}

}  // namespace onair
