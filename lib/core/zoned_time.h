// Time zone handling: the configured zone renders times and decides calendar days.
// TimeZone is immutable after construction and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace date {
class time_zone;
}

namespace onair {

class TimeZone {
 public:
  // `name` is an IANA name ("Asia/Manila", "UTC"); an unknown one is kInvalidArgument
  // "unknown time zone Bad/Zone". Empty means the system's zone: the TZ environment variable
  // when it names a zone (date/tz does not read it; a leading ':' is ignored and a path under a
  // zoneinfo directory counts as the name after it), else /etc/localtime, else UTC (as glibc
  // does when /etc/localtime is missing). A TZ that names no zone (POSIX rules such as
  // "EST5EDT", a typo) falls back to /etc/localtime. kFailedPrecondition when even UTC cannot
  // be read (no tz database).
  static Result<TimeZone> Load(std::string_view name);

  const std::string& name() const { return name_; }

  // "2025-11-08T10:00:00+08:00": seconds precision, numeric offset, never "Z".
  std::string Format(TimePoint t) const;

  // `t` moved `days` calendar days forward in this zone, keeping the local clock time (a DST
  // change in between shifts the absolute gap by its size).
  TimePoint AddDays(TimePoint t, int64_t days) const;

  // The local calendar date of `t` as days since 1970-01-01; counters per day key on it.
  int64_t LocalDay(TimePoint t) const;

 private:
  TimeZone(std::string name, const date::time_zone* zone) : name_(std::move(name)), zone_(zone) {}

  std::string name_;
  const date::time_zone* zone_;  // owned by date's tz database, which lives for the process
};

}  // namespace onair
