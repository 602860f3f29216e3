// The scheduler polling pages through a detector (a fake one the test answers), backing off
// pages whose probe fails or hangs, and running on its own thread.
#include <doctest/doctest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "watch_fixture.h"

namespace onair::testing {
namespace {

using std::chrono::seconds;

watch::SchedulerOptions PollingOptions() {
  watch::SchedulerOptions options = WatchFixture::DefaultOptions();
  options.poll_interval = seconds(60);
  options.failure_backoff_max = seconds(600);
  options.probe_timeout = seconds(30);
  return options;
}

Result<LiveReport> LiveAnswer(int64_t viewers, std::string stream_id) {
  LiveReport report;
  report.live = true;
  report.viewers = viewers;
  report.stream_id = std::move(stream_id);
  return report;
}

Result<LiveReport> NotLiveAnswer() {
  LiveReport report;
  report.live = false;
  return report;
}

// Collects the log lines of one test in memory; restores the previous default logger after.
class CapturedLog {
 public:
  CapturedLog()
      : previous_(spdlog::default_logger()),
        sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000)) {
    auto logger = std::make_shared<spdlog::logger>("captured", sink_);
    logger->set_pattern("%l %v");
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }

  // The lines containing `text`, joined by "\n".
  std::string Lines(std::string_view text) const {
    std::string out;
    for (const std::string& line : sink_->last_formatted()) {
      if (line.find(text) == std::string::npos) continue;
      if (!out.empty()) out += "\n";
      out += line.substr(0, line.find_last_not_of("\r\n") + 1);
    }
    return out;
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

TEST_CASE("each watched page is polled every poll_interval and a live answer fires") {
  FakeDetector detector;
  detector.AnswerWith([](const std::string&) { return NotLiveAnswer(); });
  WatchFixture w("UTC", PollingOptions(), &detector);

  w.Place(MakeOrder(10, {Service(1)}));
  CHECK("/onairpage" == detector.probes());
  CHECK("00:01:00" == w.NextPoll());

  CHECK("" == w.RunUntil("2025-11-30 00:03"));
  CHECK("/onairpage, /onairpage, /onairpage, /onairpage" == detector.probes());

  detector.AnswerWith([](const std::string&) { return LiveAnswer(30, "v1"); });
  CHECK("00:04 MP1 s1" == w.RunUntil("2025-11-30 00:04"));
  CHECK("live session 1 stream v1 viewers 30" == w.SavedPage());
  CHECK("" == w.RunUntil("2025-11-30 00:10"));
}

TEST_CASE("a failing or hanging detector backs the page off and warns once per streak") {
  CapturedLog log;
  FakeDetector detector;
  WatchFixture w("UTC", PollingOptions(), &detector);
  w.Place(MakeOrder(10, {Service(1)}));
  CHECK("probing" == w.NextPoll());

  // An error: the next poll waits twice the interval.
  REQUIRE(1 == detector.held());
  detector.AnswerHeld(Status::Unavailable("detector service down"));
  w.scheduler().RunDue();
  CHECK("00:02:00" == w.NextPoll());

  // No answer within probe_timeout: a second failure, four intervals.
  CHECK("" == w.RunUntil("2025-11-30 00:02"));
  CHECK("probing" == w.NextPoll());
  CHECK("" == w.RunUntil("2025-11-30 00:02:30"));
  CHECK("00:06:30" == w.NextPoll());

  // The hung probe's late answer is dropped.
  REQUIRE(1 == detector.held());
  detector.AnswerHeld(LiveAnswer(500, "late"));
  w.scheduler().RunDue();
  CHECK("" == w.NewDispatches());
  CHECK("/onairpage [1] not live session 0" == w.Watched());

  // The detector is back.
  detector.AnswerWith([](const std::string&) { return LiveAnswer(40, "v1"); });
  CHECK("00:06:30 MP1 s1" == w.RunUntil("2025-11-30 00:06:30"));
  CHECK("00:07:30" == w.NextPoll());

  CHECK(
      "warning watch: probe_failed page=https://www.facebook.com/onairpage detector=fake "
      "error=\"unavailable: detector service down\" retry_in=120s" == log.Lines("probe_failed"));
  CHECK("info watch: probe_recovered page=https://www.facebook.com/onairpage detector=fake" ==
        log.Lines("probe_recovered"));
}

TEST_CASE("a page whose probe keeps failing is polled no less often than failure_backoff_max") {
  FakeDetector detector;
  detector.AnswerWith([](const std::string&) { return Status::Unavailable("down"); });
  WatchFixture w("UTC", PollingOptions(), &detector);
  w.Place(MakeOrder(10, {Service(1)}));
  CHECK("00:02:00" == w.NextPoll());

  CHECK("" == w.RunUntil("2025-11-30 00:02"));
  CHECK("00:06:00" == w.NextPoll());
  CHECK("" == w.RunUntil("2025-11-30 00:06"));
  CHECK("00:14:00" == w.NextPoll());
  CHECK("" == w.RunUntil("2025-11-30 00:14"));
  CHECK("00:24:00" == w.NextPoll());
  CHECK("" == w.RunUntil("2025-11-30 00:24"));
  CHECK("00:34:00" == w.NextPoll());
}

TEST_CASE("a probe answer for a page no longer watched is dropped") {
  FakeDetector detector;
  WatchFixture w("UTC", PollingOptions(), &detector);
  const uint64_t mp = w.Place(MakeOrder(10, {Service(1)}));
  REQUIRE(1 == detector.held());

  w.Cancel(mp);
  detector.AnswerHeld(LiveAnswer(100, "a"));
  w.scheduler().RunDue();
  CHECK("" == w.Watched());
  CHECK("" == w.NewDispatches());
  CHECK("none" == w.SavedPage());
}

TEST_CASE("pushed reports fire alongside a detector") {
  FakeDetector detector;
  detector.AnswerWith([](const std::string&) { return LiveAnswer(20, "v1"); });
  WatchFixture w("UTC", PollingOptions(), &detector);
  w.Place(MakeOrder(10, {Service(1), Service(2, 100)}));
  CHECK("00:00 MP1 s1" == w.NewDispatches());

  // A watcher sees more viewers between polls; the next poll's lower count changes nothing.
  CHECK("00:00:30 MP1 s2" == w.Live("2025-11-30 00:00:30", 150, "v1"));
  CHECK("" == w.RunUntil("2025-11-30 00:05"));
}

TEST_CASE("the scheduler thread turns a pushed report into a dispatch") {
  WatchFixture w("UTC");
  w.scheduler().Start();

  Result<store::CreateOrderOutcome> created = w.orders().Create(MakeOrder(10, {Service(1)}));
  REQUIRE(created.ok());
  w.scheduler().AddOrder(created->order);
  LiveReport report;
  report.page = std::string(kPage);
  report.live = true;
  report.viewers = 12;
  w.scheduler().Report(report);

  // Generous: the machine is slow and shared; the dispatch normally shows within milliseconds.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (w.notified() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  w.scheduler().Stop();

  CHECK(1 == w.notified());
  CHECK("00:00 MP1 s1" == w.NewDispatches());
  CHECK("/onairpage [1] live session 1" == w.Watched());
}

}  // namespace
}  // namespace onair::testing
