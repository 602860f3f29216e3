// PollSchedule: poll times, backoff, jitter bounds and stale probe answers, on plain times.
#include "watch/poll_schedule.h"

#include <doctest/doctest.h>

#include <chrono>

namespace onair::watch {
namespace {

using std::chrono::seconds;

const TimePoint kT0 = TimePoint(seconds(1764547200));  // 2025-12-01T00:00:00Z

PollOptions Options(double jitter = 0) {
  return PollOptions{.interval = seconds(60),
                     .jitter = jitter,
                     .backoff_max = seconds(300),
                     .probe_timeout = seconds(20)};
}

// Seconds from kT0 to the next poll of "p", or -1 when none is scheduled.
int64_t NextPollIn(const PollSchedule& polls) {
  std::optional<TimePoint> next = polls.NextPoll("p");
  if (!next) return -1;
  return std::chrono::duration_cast<seconds>(*next - kT0).count();
}

TEST_CASE("a watched page is due at its first poll and then every interval") {
  PollSchedule polls(Options());
  polls.Watch("p", kT0);
  CHECK(kT0 == polls.NextDue());

  std::vector<StartedProbe> started = polls.StartDue(kT0);
  REQUIRE(1 == started.size());
  CHECK("p" == started[0].page);
  CHECK(-1 == NextPollIn(polls));
  CHECK(kT0 + seconds(20) == polls.NextDue());  // the probe's timeout
  CHECK(polls.StartDue(kT0).empty());

  CHECK(ProbeVerdict::kSucceeded == polls.Finish("p", started[0].probe_id, true, kT0));
  CHECK(60 == NextPollIn(polls));
}

TEST_CASE("failures back off exponentially up to backoff_max and recover at once") {
  PollSchedule polls(Options());
  polls.Watch("p", kT0);
  std::vector<ProbeVerdict> verdicts;
  std::vector<int64_t> delays;
  for (int i = 0; i < 4; ++i) {
    const TimePoint now = *polls.NextDue();
    const StartedProbe probe = polls.StartDue(now).at(0);
    verdicts.push_back(polls.Finish("p", probe.probe_id, false, now));
    delays.push_back(std::chrono::duration_cast<seconds>(*polls.NextPoll("p") - now).count());
  }
  CHECK(std::vector<int64_t>{120, 240, 300, 300} == delays);
  CHECK(std::vector<ProbeVerdict>{ProbeVerdict::kFirstFailure, ProbeVerdict::kRepeatedFailure,
                                  ProbeVerdict::kRepeatedFailure,
                                  ProbeVerdict::kRepeatedFailure} == verdicts);
  CHECK(4 == polls.failures("p"));

  const TimePoint now = *polls.NextDue();
  const StartedProbe probe = polls.StartDue(now).at(0);
  CHECK(ProbeVerdict::kRecovered == polls.Finish("p", probe.probe_id, true, now));
  CHECK(0 == polls.failures("p"));
  CHECK(now + seconds(60) == polls.NextPoll("p"));
}

TEST_CASE("a probe past probe_timeout is overdue, and its late answer is stale") {
  PollSchedule polls(Options());
  polls.Watch("p", kT0);
  const StartedProbe probe = polls.StartDue(kT0).at(0);
  CHECK(polls.Overdue(kT0 + seconds(19)).empty());
  REQUIRE(1 == polls.Overdue(kT0 + seconds(20)).size());

  CHECK(ProbeVerdict::kFirstFailure == polls.Finish("p", probe.probe_id, false, kT0 + seconds(20)));
  CHECK(ProbeVerdict::kStale == polls.Finish("p", probe.probe_id, true, kT0 + seconds(25)));
  CHECK(140 == NextPollIn(polls));
}

TEST_CASE("an answer for a page no longer polled is stale") {
  PollSchedule polls(Options());
  polls.Watch("p", kT0);
  const StartedProbe probe = polls.StartDue(kT0).at(0);
  polls.Unwatch("p");
  CHECK(ProbeVerdict::kStale == polls.Finish("p", probe.probe_id, true, kT0));
  CHECK(std::nullopt == polls.NextDue());

  // Watched again, the page gets a new probe; the old answer stays stale.
  polls.Watch("p", kT0);
  const StartedProbe again = polls.StartDue(kT0).at(0);
  CHECK(ProbeVerdict::kStale == polls.Finish("p", probe.probe_id, true, kT0));
  CHECK(ProbeVerdict::kSucceeded == polls.Finish("p", again.probe_id, true, kT0));
}

TEST_CASE("jitter scales the delay within plus or minus its fraction") {
  double draw = 0;
  PollSchedule polls(Options(0.1), [&] { return draw; });
  polls.Watch("p", kT0);

  for (double d : {0.0, 0.5, 0.999999}) {
    draw = d;
    const TimePoint now = *polls.NextDue();
    const StartedProbe probe = polls.StartDue(now).at(0);
    (void)polls.Finish("p", probe.probe_id, true, now);
    const double delay = std::chrono::duration<double>(*polls.NextPoll("p") - now).count();
    CAPTURE(d);
    CHECK(delay == doctest::Approx(60 * (0.9 + 0.2 * d)).epsilon(1e-6));
  }
}

TEST_CASE("due pages start earliest first") {
  PollSchedule polls(Options());
  polls.Watch("b", kT0 + seconds(2));
  polls.Watch("a", kT0 + seconds(1));
  polls.Watch("c", kT0 + seconds(9));
  std::vector<StartedProbe> started = polls.StartDue(kT0 + seconds(5));
  REQUIRE(2 == started.size());
  CHECK("a" == started[0].page);
  CHECK("b" == started[1].page);
  CHECK(kT0 + seconds(9) == polls.NextDue());
}

}  // namespace
}  // namespace onair::watch
