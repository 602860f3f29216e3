// Orders fired by pushed live reports and delivered to the customer's webhook, end to end with
// the real onaird: every attempt is verified by the npm standardwebhooks library, and each
// dispatch is checked against docs/webhooks.md and the rules of docs/firing-rules.md
// (min_viewers, daily_limit, one dispatch per service and session, retries with one id).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"
#include "live_fixture.h"
#include "receiver_process.h"

namespace onair::e2e3 {
namespace {

using e2e::ErrorAnswer;
using e2e::Raw;
using e2e::Shown;
using e2e::Str;
using std::chrono::system_clock;

constexpr const char* kUrl = "https://facebook.com/username";
constexpr const char* kPage = "https://www.facebook.com/username";
constexpr const char* kDispatchKeys =
    "id,type,order_id,customer_order_id,url,page,stream_id,service_id,service_name,quantity,"
    "min_viewers,viewers,detected_at";

TEST_CASE(
    "a placed order and pushed live reports reach the webhook as exactly the documented "
    "dispatches, each service once its min_viewers is reached") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  WebhookCustomer acme = AddWebhookCustomer(daemon, "acme");
  const std::string reporter_key = daemon.AddCustomer("watcher");
  SetRoles(daemon, "watcher", R"(["reporter"])");
  REQUIRE("MP-000001" ==
          PlaceOrder(daemon, acme.key,
                     R"({"order_id": "321421321", "url": "https://facebook.com/username",)"
                     R"( "services": [{"service_id": 1, "quantity": 100},)"
                     R"( {"service_id": 3, "quantity": 200, "min_viewers": 100}]})"));

  // A key of a customer without the role reporter may not report, whatever the body.
  CHECK(ErrorAnswer(403, "This key may not use /api/live-reports") ==
        Shown(daemon.Request("POST", "/api/live-reports", acme.key,
                             ReportBody(kUrl, true, 500, "s1"))));
  CHECK(ErrorAnswer(403, "This key may not use /api/live-reports") ==
        Shown(daemon.Request("POST", "/api/live-reports", acme.key, "{not json")));
  // The reporter's reports are checked as documented.
  CHECK(ErrorAnswer(400, "live is required") ==
        Shown(daemon.Request("POST", "/api/live-reports", reporter_key,
                             R"({"url": "https://facebook.com/username"})")));
  AwaitPageState(daemon, kPage, "live=false session=0 stream_id=null viewers=0");

  // 20 viewers: service 1 (no minimum) fires at once, service 3 (at least 100) does not.
  const auto first_reported = system_clock::now();
  AdminReport(daemon, kUrl, true, 20, "s1");
  AwaitPageState(daemon, kPage, R"(live=true session=1 stream_id="s1" viewers=20)");
  AwaitDispatchLines(daemon, "", {R"(D-000001 MP-000001 service 1 stream "s1" viewers 20 sent)"});
  const auto first_sent = system_clock::now();

  // 150 viewers in the same session, from a watcher with the reporter role: service 3 crosses
  // its minimum; service 1 was already dispatched in this session.
  const auto second_reported = system_clock::now();
  CHECK(R"(200 {"success":true,"data":{"page":"https://www.facebook.com/username","live":true,)"
        R"("viewers":150,"stream_id":"s1"}})" ==
        Shown(daemon.Request("POST", "/api/live-reports", reporter_key,
                             ReportBody(kUrl, true, 150, "s1"))));
  AwaitPageState(daemon, kPage, R"(live=true session=1 stream_id="s1" viewers=150)");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "s1" viewers 20 sent)",
                      R"(D-000002 MP-000001 service 3 stream "s1" viewers 150 sent)"});
  const auto second_sent = system_clock::now();

  // More viewers in the same session fire nothing more.
  AdminReport(daemon, kUrl, true, 900, "s1");
  AwaitPageState(daemon, kPage, R"(live=true session=1 stream_id="s1" viewers=900)");
  CHECK(2 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));

  const std::vector<ReceivedDelivery> deliveries = acme.receiver->Deliveries();
  REQUIRE(2 == deliveries.size());
  const std::vector<ExpectedDispatch> expected = {
      {"D-000001", "MP-000001", "321421321", kUrl, kPage, "s1", 1, "60 Minutes Live Viewers", 100,
       -1, 20},
      {"D-000002", "MP-000001", "321421321", kUrl, kPage, "s1", 3, "180 Minutes Live Viewers", 200,
       100, 150},
  };
  const system_clock::time_point windows[2][2] = {{first_reported, first_sent},
                                                  {second_reported, second_sent}};
  for (size_t i = 0; i < 2; ++i) {
    CAPTURE(i);
    const ReceivedDelivery& delivery = deliveries[i];
    CHECK(true == delivery.verified);
    CHECK(204 == delivery.status);
    CHECK(expected[i].id == delivery.id);
    CHECK(kDispatchKeys == e2e::Keys(delivery.body));
    CHECK(WebhookBodyWithoutTime(expected[i]) ==
          e2e::RawWithout(delivery.body, "", {"detected_at"}));
    CHECK("ok" == TimeCheck(Str(delivery.body, "/detected_at"), windows[i][0], windows[i][1]));
  }
}

TEST_CASE("daily_limit 2 lets two of three sessions in one day fire, told apart by stream ids") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  WebhookCustomer acme = AddWebhookCustomer(daemon, "acme");
  REQUIRE("MP-000001" == PlaceOrder(daemon, acme.key,
                                    R"({"url": "https://facebook.com/username", "daily_limit": 2,)"
                                    R"( "services": [{"service_id": 2, "quantity": 300}]})"));

  AdminReport(daemon, kUrl, true, 30, "a");
  AdminReport(daemon, kUrl, false);
  AdminReport(daemon, kUrl, true, 40, "b");
  // A new stream id starts a new session even without a not-live report between them.
  AdminReport(daemon, kUrl, true, 500, "c");
  AdminReport(daemon, kUrl, true, 600, "c");
  AwaitPageState(daemon, kPage, R"(live=true session=3 stream_id="c" viewers=600)");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 2 stream "a" viewers 30 sent)",
                      R"(D-000002 MP-000001 service 2 stream "b" viewers 40 sent)"});

  const HttpAnswer detail = daemon.Get("/api/order/MP-000001", acme.key);
  REQUIRE(200 == detail.status);
  CHECK("2" == Raw(detail.body, "/data/detections_today"));
  CHECK("2" == Raw(detail.body, "/data/detections_total"));
  CHECK(e2e::ParseOffsetTime(Str(detail.body, "/data/last_live_at")).has_value());
  CHECK(std::vector<std::string>{R"(D-000001 MP-000001 service 2 stream "a" viewers 30 sent)",
                                 R"(D-000002 MP-000001 service 2 stream "b" viewers 40 sent)"} ==
        DispatchLines(detail.body, "/data/dispatches"));

  // Delivery workers run side by side: the arrival order is not promised, the ids are.
  std::vector<ReceivedDelivery> deliveries = acme.receiver->Deliveries();
  REQUIRE(2 == deliveries.size());
  std::sort(deliveries.begin(), deliveries.end(),
            [](const ReceivedDelivery& a, const ReceivedDelivery& b) { return a.id < b.id; });
  CHECK("D-000001" == deliveries[0].id);
  CHECK("D-000002" == deliveries[1].id);
  for (const ReceivedDelivery& delivery : deliveries) {
    CHECK(true == delivery.verified);
    CHECK(Raw(delivery.body, "/id") == e2e::JsonString(delivery.id));
  }
  CHECK(R"("a")" == Raw(deliveries[0].body, "/stream_id"));
  CHECK(R"("b")" == Raw(deliveries[1].body, "/stream_id"));
}

TEST_CASE(
    "a receiver that answers 500 twice then 2xx gets the same webhook-id three times, "
    "each attempt verified, and the dispatch ends sent") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  WebhookCustomer acme = AddWebhookCustomer(daemon, "acme", /*fail_first=*/2);
  REQUIRE("MP-000001" == PlaceOrder(daemon, acme.key, e2e::OrderBody("A-7")));

  const auto reported = system_clock::now();
  AdminReport(daemon, kUrl, true, 75, "9876543210");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 3 stream "9876543210" viewers 75 sent)"});

  const std::vector<ReceivedDelivery> deliveries = acme.receiver->Deliveries();
  REQUIRE(3 == deliveries.size());
  for (size_t i = 0; i < deliveries.size(); ++i) {
    CAPTURE(i);
    CHECK("D-000001" == deliveries[i].id);
    CHECK(true == deliveries[i].verified);
    CHECK(deliveries[0].body == deliveries[i].body);
  }
  CHECK(500 == deliveries[0].status);
  CHECK(500 == deliveries[1].status);
  CHECK(204 == deliveries[2].status);
  // Retries wait at least a second, and each attempt is signed afresh with its own time.
  CHECK(std::stoll(deliveries[0].timestamp) < std::stoll(deliveries[1].timestamp));
  CHECK(std::stoll(deliveries[1].timestamp) < std::stoll(deliveries[2].timestamp));
  CHECK(WebhookBodyWithoutTime({"D-000001", "MP-000001", "A-7", kUrl, kPage, "9876543210", 3,
                                "180 Minutes Live Viewers", 200, -1, 75}) ==
        e2e::RawWithout(deliveries[2].body, "", {"detected_at"}));

  // The order detail shows the detection and the dispatch with its state and result.
  const HttpAnswer detail = daemon.Get("/api/order/MP-000001", acme.key);
  REQUIRE(200 == detail.status);
  CHECK(
      "order_id,customer_order_id,url,page,status,created_at,expires_at,daily_limit,days,"
      "services,detections_today,detections_total,last_live_at,dispatches" ==
      e2e::Keys(detail.body, "/data"));
  CHECK("1" == Raw(detail.body, "/data/detections_today"));
  CHECK("1" == Raw(detail.body, "/data/detections_total"));
  CHECK("ok" == TimeCheck(Str(detail.body, "/data/last_live_at"), reported, system_clock::now()));
  CHECK(R"("sent")" == Raw(detail.body, "/data/dispatches/0/state"));
  CHECK("3" == Raw(detail.body, "/data/dispatches/0/attempts"));
  CHECK("null" == Raw(detail.body, "/data/dispatches/0/result"));
  CHECK("ok" ==
        TimeCheck(Str(detail.body, "/data/dispatches/0/sent_at"), reported, system_clock::now()));
  CHECK(Raw(deliveries[2].body, "") ==
        e2e::RawWithout(
            detail.body, "/data/dispatches/0",
            {"state", "attempts", "result", "delivered_quantity", "failure_reason", "sent_at"}));

  // The admin view: no error left once an attempt succeeded, and nothing more to try.
  const std::string admin = AdminDispatches(daemon);
  CHECK("null" == Raw(admin, "/data/0/last_error"));
  CHECK("null" == Raw(admin, "/data/0/next_attempt_at"));

  // The customer reports the delivery; the order shows it, and the state stays sent.
  const HttpAnswer delivered = daemon.Request("POST", "/api/dispatches/D-000001/delivered",
                                              acme.key, R"({"delivered_quantity": 180})");
  CHECK(200 == delivered.status);
  const HttpAnswer after = daemon.Get("/api/order/MP-000001", acme.key);
  CHECK(R"("sent")" == Raw(after.body, "/data/dispatches/0/state"));
  CHECK(R"("delivered")" == Raw(after.body, "/data/dispatches/0/result"));
  CHECK("180" == Raw(after.body, "/data/dispatches/0/delivered_quantity"));
  CHECK("null" == Raw(after.body, "/data/dispatches/0/failure_reason"));
  CHECK(3 == acme.receiver->Deliveries().size());
}

TEST_CASE(
    "onairctl sets the webhook, reports the page live and ends it, and a retried dispatch "
    "arrives again with the same webhook-id") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  const uint16_t port = FreePort();
  const e2e::ProgramRun update =
      daemon.Ctl({"customer", "update", "acme", "--webhook", ReceiverUrl(port), "--json"});
  REQUIRE_MESSAGE(0 == update.exit_code, update.err);
  const std::string secret = Str(update.out, "/webhook_secret");
  REQUIRE_MESSAGE(e2e::StartsWith(secret, "whsec_"), update.out);
  ReceiverProcess receiver(secret, /*fail_first=*/0, port);
  REQUIRE("MP-000001" == PlaceOrder(daemon, key, e2e::OrderBody()));

  const e2e::ProgramRun report =
      daemon.Ctl({"live", "report", kUrl, "--viewers", "42", "--stream", "cli-1"});
  CHECK_MESSAGE(0 == report.exit_code, report.err);
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 3 stream "cli-1" viewers 42 sent)"});
  REQUIRE(1 == receiver.Deliveries().size());

  const e2e::ProgramRun retry = daemon.Ctl({"dispatch", "retry", "D-000001"});
  CHECK_MESSAGE(0 == retry.exit_code, retry.err);
  const std::vector<ReceivedDelivery> deliveries = AwaitDeliveries(daemon, receiver, 2);
  REQUIRE(2 == deliveries.size());
  for (const ReceivedDelivery& delivery : deliveries) {
    CHECK("D-000001" == delivery.id);
    CHECK(true == delivery.verified);
    CHECK(204 == delivery.status);
  }
  CHECK(deliveries[0].body == deliveries[1].body);
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 3 stream "cli-1" viewers 42 sent)"});
  CHECK("1" == Raw(AdminDispatches(daemon), "/data/0/attempts"));

  const e2e::ProgramRun end = daemon.Ctl({"live", "end", kUrl});
  CHECK_MESSAGE(0 == end.exit_code, end.err);
  AwaitPageState(daemon, kPage, R"(live=false session=1 stream_id="cli-1" viewers=42)");
  CHECK(1 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));
}

}  // namespace
}  // namespace onair::e2e3
