#include "watch/poll_schedule.h"

#include <algorithm>
#include <cstring>

#include "core/secrets.h"

namespace onair::watch {

namespace {

// Jitter only spreads load, so a generator failure falls back to no jitter instead of failing.
double OpenSslUniform() {
  Result<std::string> bytes = RandomBytes(sizeof(uint64_t));
  if (!bytes.ok()) return 0.5;
  uint64_t bits = 0;
  std::memcpy(&bits, bytes->data(), sizeof(bits));
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

}  // namespace

PollSchedule::PollSchedule(PollOptions options, std::function<double()> random)
    : options_(options), random_(random ? std::move(random) : OpenSslUniform) {}

void PollSchedule::Watch(const std::string& page, TimePoint first_poll) {
  auto [it, added] = entries_.try_emplace(page);
  if (!added) return;
  it->second.next_poll = first_poll;
  idle_by_next_poll_.emplace(first_poll, page);
}

void PollSchedule::Unwatch(const std::string& page) {
  auto it = entries_.find(page);
  if (it == entries_.end()) return;
  if (it->second.probe_id) {
    probing_by_start_.erase({it->second.probe_started_at, page});
  } else {
    idle_by_next_poll_.erase({it->second.next_poll, page});
  }
  entries_.erase(it);
}

std::vector<StartedProbe> PollSchedule::StartDue(TimePoint now) {
  std::vector<StartedProbe> started;
  while (!idle_by_next_poll_.empty() && idle_by_next_poll_.begin()->first <= now) {
    std::string page = idle_by_next_poll_.begin()->second;
    idle_by_next_poll_.erase(idle_by_next_poll_.begin());

    Entry& entry = entries_.at(page);
    entry.probe_id = ++last_probe_id_;
    entry.probe_started_at = now;
    probing_by_start_.emplace(now, page);
    started.push_back({std::move(page), *entry.probe_id});
  }
  return started;
}

std::vector<StartedProbe> PollSchedule::Overdue(TimePoint now) const {
  std::vector<StartedProbe> overdue;
  for (const auto& [started_at, page] : probing_by_start_) {
    if (started_at + options_.probe_timeout > now) break;
    overdue.push_back({page, *entries_.at(page).probe_id});
  }
  return overdue;
}

ProbeVerdict PollSchedule::Finish(const std::string& page, uint64_t probe_id, bool ok,
                                  TimePoint now) {
  auto it = entries_.find(page);
  if (it == entries_.end() || it->second.probe_id != probe_id) return ProbeVerdict::kStale;
  Entry& entry = it->second;
  probing_by_start_.erase({entry.probe_started_at, page});
  entry.probe_id.reset();

  ProbeVerdict verdict;
  std::chrono::nanoseconds delay;
  if (ok) {
    verdict = entry.failures > 0 ? ProbeVerdict::kRecovered : ProbeVerdict::kSucceeded;
    entry.failures = 0;
    delay = options_.interval;
  } else {
    ++entry.failures;
    verdict = entry.failures == 1 ? ProbeVerdict::kFirstFailure : ProbeVerdict::kRepeatedFailure;
    delay = BackoffDelay(entry.failures);
  }
  entry.next_poll = now + std::chrono::duration_cast<TimePoint::duration>(Jittered(delay));
  idle_by_next_poll_.emplace(entry.next_poll, page);
  return verdict;
}

std::optional<TimePoint> PollSchedule::NextDue() const {
  std::optional<TimePoint> due;
  if (!idle_by_next_poll_.empty()) due = idle_by_next_poll_.begin()->first;
  if (!probing_by_start_.empty()) {
    const TimePoint timeout = probing_by_start_.begin()->first + options_.probe_timeout;
    if (!due || timeout < *due) due = timeout;
  }
  return due;
}

std::optional<TimePoint> PollSchedule::NextPoll(const std::string& page) const {
  auto it = entries_.find(page);
  if (it == entries_.end() || it->second.probe_id) return std::nullopt;
  return it->second.next_poll;
}

int PollSchedule::failures(const std::string& page) const {
  auto it = entries_.find(page);
  return it == entries_.end() ? 0 : it->second.failures;
}

std::chrono::nanoseconds PollSchedule::Jittered(std::chrono::nanoseconds delay) {
  if (options_.jitter <= 0) return delay;
  const double factor = 1.0 + options_.jitter * (2.0 * random_() - 1.0);
  return std::chrono::nanoseconds(
      static_cast<int64_t>(static_cast<double>(delay.count()) * std::max(factor, 0.0)));
}

std::chrono::nanoseconds PollSchedule::BackoffDelay(int failures) const {
  // interval * 2^failures, doubling in a loop so a long streak cannot overflow.
  const std::chrono::nanoseconds cap =
      std::max<std::chrono::nanoseconds>(options_.backoff_max, options_.interval);
  std::chrono::nanoseconds delay = options_.interval;
  for (int i = 0; i < failures && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

}  // namespace onair::watch
