// PollSchedule: when each watched page is next probed, which probes are under way, and how
// pages whose probe keeps failing back off. Pure bookkeeping on times the caller passes in; no
// clock, no I/O. Not thread-safe: the scheduler thread owns it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"

namespace onair::watch {

struct PollOptions {
  std::chrono::seconds interval{60};
  double jitter = 0.1;  // each delay is scaled by a random factor in [1 - jitter, 1 + jitter]
  std::chrono::seconds backoff_max{900};
  std::chrono::seconds probe_timeout{30};  // a probe without an answer by then has failed
};

// What a finished probe means for the page's failure streak.
enum class ProbeVerdict {
  kStale,           // not the page's probe under way (page unwatched, timed out, or replaced)
  kSucceeded,       // answered, and the page was not failing
  kRecovered,       // answered after one or more failures
  kFirstFailure,    // failed, starting a streak: worth one warning
  kRepeatedFailure  // failed again: already warned about
};

struct StartedProbe {
  std::string page;
  uint64_t probe_id = 0;
};

class PollSchedule {
 public:
  // `random` returns a uniform number in [0, 1); the default draws from OpenSSL.
  explicit PollSchedule(PollOptions options, std::function<double()> random = {});

  // Starts polling `page` at `first_poll`; does nothing when it is already polled.
  void Watch(const std::string& page, TimePoint first_poll);
  // Stops polling `page`; a probe of it still under way becomes stale.
  void Unwatch(const std::string& page);

  // Marks every page due at `now` without a probe under way as probing and returns them, each
  // with a new probe id, earliest due first.
  std::vector<StartedProbe> StartDue(TimePoint now);

  // Probes under way for longer than probe_timeout at `now`, oldest first. The caller reports
  // each through Finish as a failure.
  std::vector<StartedProbe> Overdue(TimePoint now) const;

  // Ends probe `probe_id` of `page` at `now` and schedules the next poll: after the interval
  // when `ok`, else after interval * 2^failures capped at backoff_max, both with jitter.
  ProbeVerdict Finish(const std::string& page, uint64_t probe_id, bool ok, TimePoint now);

  // The earliest time something is due: a poll of an idle page or a probe's timeout.
  std::optional<TimePoint> NextDue() const;

  // When `page` is next polled; nullopt while a probe is under way or the page is not polled.
  std::optional<TimePoint> NextPoll(const std::string& page) const;
  // The failures in a row of `page`'s probes; 0 for an unknown page.
  int failures(const std::string& page) const;

 private:
  struct Entry {
    TimePoint next_poll;               // meaningful while no probe is under way
    std::optional<uint64_t> probe_id;  // the probe under way
    TimePoint probe_started_at;
    int failures = 0;
  };

  std::chrono::nanoseconds Jittered(std::chrono::nanoseconds delay);
  std::chrono::nanoseconds BackoffDelay(int failures) const;

  const PollOptions options_;
  std::function<double()> random_;
  uint64_t last_probe_id_ = 0;
  std::map<std::string, Entry> entries_;
  std::set<std::pair<TimePoint, std::string>> idle_by_next_poll_;
  std::set<std::pair<TimePoint, std::string>> probing_by_start_;
};

}  // namespace onair::watch
