// The scheduler on a fake clock polling connected pages through the GraphDetector and a fake
// Graph API, and taking Graph webhook reports: min_viewers reached through live_views, and one
// session for one broadcast whether the webhook or a poll saw it first.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "../watch/watch_fixture.h"
#include "connections_fixture.h"
#include "fake_graph.h"
#include "watch/graph_detector.h"
#include "watch/graph_signature.h"
#include "watch/graph_webhook.h"

namespace onair::testing {
namespace {

constexpr const char* kAppSecret = "d41d8cd98f00b204e9800998ecf8427e";

static_assert(std::string_view(kGraphPage) == kPage, "the fixtures must watch the same page");

// A fake Graph, a connected page and a GraphDetector on it, in the order they must go away.
struct GraphSetup {
  GraphSetup() {
    graph.AddPage(kGraphPageId, kGraphToken);
    connections.Connect();
    watch::GraphDetectorOptions options;
    options.base_url = graph.base_url();
    options.timeout = std::chrono::seconds(30);
    options.max_concurrent = 2;
    Result<std::unique_ptr<watch::GraphDetector>> made =
        watch::GraphDetector::Create(std::move(options), connections.store());
    REQUIRE(made.ok());
    detector = std::move(made).value();
  }

  FakeGraph graph;
  Connections connections;
  std::unique_ptr<watch::GraphDetector> detector;
};

watch::SchedulerOptions PollEveryMinute() {
  watch::SchedulerOptions options = WatchFixture::DefaultOptions();
  options.poll_interval = std::chrono::seconds(60);
  return options;
}

// Runs the scheduler at the current fake time until the page's probe has come back from the
// detector's thread (generous real-time deadline), and returns what it dispatched.
std::string AwaitProbe(WatchFixture& w) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  w.scheduler().RunDue();
  while (w.NextPoll() == "probing" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    w.scheduler().RunDue();
  }
  REQUIRE("probing" != w.NextPoll());
  return w.NewDispatches();
}

// Moves the fake clock to local time `local`, where the page's next poll is due, and returns
// what was dispatched once that probe came back (while RunUntil or after it: the answer comes
// from another thread).
std::string PollAt(WatchFixture& w, std::string_view local) {
  std::string fired = w.RunUntil(local);
  const std::string more = AwaitProbe(w);
  if (!fired.empty() && !more.empty()) fired += ", ";
  return fired + more;
}

// Hands each report of a signed delivery to the scheduler, as the API's webhook route does.
void DeliverWebhook(WatchFixture& w, watch::GraphWebhook& webhook, const std::string& video_id,
                    const std::string& status) {
  const std::string body = std::string(R"({"object":"page","entry":[{"id":")") + kGraphPageId +
                           R"(","time":1764460800,"changes":[{"field":"live_videos","value":)" +
                           R"({"id":")" + video_id + R"(","status":")" + status + R"("}}]}]})";
  Result<std::vector<LiveReport>> reports =
      webhook.HandleDelivery(body, "sha256=" + watch::HmacSha256Hex(kAppSecret, body));
  REQUIRE(reports.ok());
  for (LiveReport& report : *reports) w.scheduler().Report(std::move(report));
  w.scheduler().RunDue();
}

TEST_CASE("a connected page that Graph says is live with 150 views fires min_viewers 100") {
  GraphSetup g;
  g.graph.SetLive(kGraphPageId, "10158000000000001", 150);
  WatchFixture w("UTC", PollEveryMinute(), g.detector.get());

  w.Place(MakeOrder(10, {Service(1, 100)}));
  CHECK("00:00 MP1 s1" == AwaitProbe(w));
  CHECK("live session 1 stream 10158000000000001 viewers 150" == w.SavedPage());
  CHECK("00:01:00" == w.NextPoll());
}

TEST_CASE("live_views rising past min_viewers between polls fires at the poll that sees it") {
  GraphSetup g;
  g.graph.SetLive(kGraphPageId, "v1", 80);
  WatchFixture w("UTC", PollEveryMinute(), g.detector.get());

  w.Place(MakeOrder(10, {Service(1), Service(2, 100)}));
  CHECK("00:00 MP1 s1" == AwaitProbe(w));
  CHECK("live session 1 stream v1 viewers 80" == w.SavedPage());

  g.graph.SetLive(kGraphPageId, "v1", 120);
  CHECK("00:01 MP1 s2" == PollAt(w, "2025-11-30 00:01"));

  g.graph.SetNotLive(kGraphPageId);
  CHECK("" == PollAt(w, "2025-11-30 00:02"));
  CHECK("not live session 1 stream v1 viewers 120" == w.SavedPage());
  CHECK(3 == g.graph.requests());
}

TEST_CASE("a webhook starts the session and the poll with the same video id continues it") {
  GraphSetup g;
  watch::GraphWebhook webhook({kAppSecret, "verify"}, g.connections.store());
  WatchFixture w("UTC", PollEveryMinute(), g.detector.get());
  w.Place(MakeOrder(10, {Service(1, 100)}));
  CHECK("" == AwaitProbe(w));

  // The webhook knows the page went live but not how many watch: nothing reaches 100 yet.
  w.clock().Set(w.At("2025-11-30 00:00:20"));
  DeliverWebhook(w, webhook, "v1", "live");
  CHECK("" == w.NewDispatches());
  CHECK("/onairpage [1] live session 1" == w.Watched());

  // The next poll brings the count, in the same session.
  g.graph.SetLive(kGraphPageId, "v1", 150);
  CHECK("00:01 MP1 s1" == PollAt(w, "2025-11-30 00:01"));
  CHECK("live session 1 stream v1 viewers 150" == w.SavedPage());

  // The webhook's live_stopped ends it at once.
  w.clock().Set(w.At("2025-11-30 00:01:30"));
  DeliverWebhook(w, webhook, "v1", "live_stopped");
  CHECK("not live session 1 stream v1 viewers 150" == w.SavedPage());
}

TEST_CASE("Graph failing makes the scheduler back off the page") {
  GraphSetup g;
  g.graph.SetAnswer(kGraphPageId, 500, "");
  WatchFixture w("UTC", PollEveryMinute(), g.detector.get());

  w.Place(MakeOrder(10, {Service(1)}));
  CHECK("" == AwaitProbe(w));
  CHECK("00:02:00" == w.NextPoll());  // twice the interval after one failure

  g.graph.SetLive(kGraphPageId, "v1", 5);
  CHECK("00:02 MP1 s1" == PollAt(w, "2025-11-30 00:02"));
  CHECK("00:03:00" == w.NextPoll());
}

}  // namespace
}  // namespace onair::testing
