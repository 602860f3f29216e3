// The `http` detector end to end: onaird polls a fake detector service on loopback for each
// watched page (README's [detector] settings) and turns what it says into dispatches.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "fake_detector.h"
#include "json_view.h"
#include "live_fixture.h"

namespace onair::e2e3 {
namespace {

using e2e::Raw;

constexpr const char* kUrl = "https://facebook.com/username";
constexpr const char* kPage = "https://www.facebook.com/username";

TEST_CASE(
    "the http detector's answers fire the order: live with viewers below min_viewers "
    "fires only the service without one, more viewers fire the other") {
  FakeDetector detector;
  DaemonConfig config = LiveConfig();
  config.Set("detector", "kind", "\"http\"")
      .Set("detector", "http_url", e2e::JsonString(detector.UrlTemplate()))
      .Set("detector", "poll_interval_seconds", "1")
      .Set("detector", "poll_jitter", "0")
      .Set("detector", "timeout_seconds", "5");
  Daemon daemon(config);
  daemon.AddGuideServices();
  WebhookCustomer acme = AddWebhookCustomer(daemon, "acme");
  detector.SetAnswer(kPage, R"({"live": true, "viewers": 50, "stream_id": "h-1"})");
  REQUIRE("MP-000001" ==
          PlaceOrder(daemon, acme.key,
                     R"({"url": "https://facebook.com/username", "services": [)"
                     R"({"service_id": 1, "quantity": 100},)"
                     R"( {"service_id": 3, "quantity": 200, "min_viewers": 100}]})"));

  AwaitPageState(daemon, kPage, R"(live=true session=1 stream_id="h-1" viewers=50)");
  AwaitDispatchLines(daemon, "", {R"(D-000001 MP-000001 service 1 stream "h-1" viewers 50 sent)"});
  // The detector was asked about the canonical page, decoded from the query.
  CHECK(detector.probes(kPage) >= 1);

  detector.SetAnswer(kPage, R"({"live": true, "viewers": 150, "stream_id": "h-1"})");
  AwaitPageState(daemon, kPage, R"(live=true session=1 stream_id="h-1" viewers=150)");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "h-1" viewers 50 sent)",
                      R"(D-000002 MP-000001 service 3 stream "h-1" viewers 150 sent)"});

  const std::vector<ReceivedDelivery> deliveries = AwaitDeliveries(daemon, *acme.receiver, 2);
  REQUIRE(2 == deliveries.size());
  CHECK(WebhookBodyWithoutTime({"D-000001", "MP-000001", "", kUrl, kPage, "h-1", 1,
                                "60 Minutes Live Viewers", 100, -1, 50}) ==
        e2e::RawWithout(deliveries[0].body, "", {"detected_at"}));
  CHECK(WebhookBodyWithoutTime({"D-000002", "MP-000001", "", kUrl, kPage, "h-1", 3,
                                "180 Minutes Live Viewers", 200, 100, 150}) ==
        e2e::RawWithout(deliveries[1].body, "", {"detected_at"}));
  CHECK(true == deliveries[0].verified);
  CHECK(true == deliveries[1].verified);

  // Not live ends the session; polls go on, nothing more fires.
  detector.SetAnswer(kPage, R"({"live": false})");
  AwaitPageState(daemon, kPage, R"(live=false session=1 stream_id="h-1" viewers=150)");
  CHECK(2 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));
  // The watched page shows when it is polled next.
  CHECK(
      e2e::ParseOffsetTime(e2e::Str(daemon.Admin("GET", "/admin/pages").body, "/data/0/next_poll"))
          .has_value());
}

TEST_CASE(
    "while the http detector answers an error or an answer it cannot read, nothing fires; "
    "its first proper answer fires the order") {
  FakeDetector detector;
  DaemonConfig config = LiveConfig();
  config.Set("detector", "kind", "\"http\"")
      .Set("detector", "http_url", e2e::JsonString(detector.UrlTemplate()))
      .Set("detector", "poll_interval_seconds", "1")
      .Set("detector", "poll_jitter", "0")
      .Set("detector", "failure_backoff_max_seconds", "1");
  Daemon daemon(config);
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  detector.SetAnswer(kPage, R"({"error": "upstream down"})", 500);
  REQUIRE("MP-000001" == PlaceOrder(daemon, key, e2e::OrderBody()));

  auto await_probes = [&](int count) {
    AwaitOrFail(
        daemon, std::to_string(count) + " probes of the page",
        [&] { return detector.probes(kPage) >= count; },
        [&] { return std::to_string(detector.probes(kPage)) + " probes"; });
  };
  await_probes(2);
  CHECK("live=false session=0 stream_id=null viewers=0" == PageState(daemon, kPage));
  CHECK(0 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));

  const int probes_so_far = detector.probes(kPage);
  detector.SetAnswer(kPage, R"({"live": "yes", "viewers": 500})");
  await_probes(probes_so_far + 2);
  CHECK("live=false session=0 stream_id=null viewers=0" == PageState(daemon, kPage));
  CHECK(0 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));

  detector.SetAnswer(kPage, R"({"live": true, "viewers": 500})");
  AwaitDispatchLines(daemon, "", {"D-000001 MP-000001 service 3 stream null viewers 500 pending"});
  CHECK("live=true session=1 stream_id=null viewers=500" == PageState(daemon, kPage));
}

}  // namespace
}  // namespace onair::e2e3
