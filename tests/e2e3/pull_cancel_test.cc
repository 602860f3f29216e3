// Customers without a webhook pull their dispatches, ack them and report results; cancelling an
// order cancels its pending dispatches and stops it firing. End to end with the real onaird,
// asserting docs/api.md and docs/webhooks.md.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"
#include "live_fixture.h"

namespace onair::e2e3 {
namespace {

using e2e::ErrorAnswer;
using e2e::Raw;
using e2e::Shown;

constexpr const char* kUrl = "https://facebook.com/username";
constexpr const char* kPage = "https://www.facebook.com/username";
constexpr const char* kListedDispatchKeys =
    "id,type,order_id,customer_order_id,url,page,stream_id,service_id,service_name,quantity,"
    "min_viewers,viewers,detected_at,state,attempts,result,delivered_quantity,failure_reason,"
    "sent_at";

// "D-000001 acked delivered 80 null": a dispatch's state and the customer's result.
std::vector<std::string> ResultLines(const std::string& json, const std::string& pointer) {
  std::vector<std::string> lines;
  const long count = e2e::ArrayLength(json, pointer);
  for (long i = 0; i < count; ++i) {
    const std::string at = pointer + "/" + std::to_string(i);
    lines.push_back(e2e::Text(json, at + "/id") + " " + e2e::Text(json, at + "/state") + " " +
                    e2e::Text(json, at + "/result") + " " +
                    e2e::Text(json, at + "/delivered_quantity") + " " +
                    e2e::Text(json, at + "/failure_reason"));
  }
  return lines;
}

HttpAnswer Post(const Daemon& daemon, const std::string& path, const std::string& key,
                const std::string& body = "") {
  return daemon.Request("POST", path, key, body);
}

TEST_CASE(
    "a customer without a webhook pulls its pending dispatches, acks them and reports "
    "results, and cannot see or touch another customer's") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("puller");
  const std::string other = daemon.AddCustomer("other");
  REQUIRE("MP-000001" == PlaceOrder(daemon, key,
                                    R"({"order_id": "P-1", "url": "https://facebook.com/username",)"
                                    R"( "services": [{"service_id": 1, "quantity": 100},)"
                                    R"( {"service_id": 3, "quantity": 200}]})"));
  AdminReport(daemon, kUrl, true, 60, "live-1");
  AwaitDispatchCount(daemon, "", 2);

  const HttpAnswer pending = daemon.Get("/api/dispatches?status=pending", key);
  REQUIRE(200 == pending.status);
  CHECK(std::vector<std::string>{
            R"(D-000001 MP-000001 service 1 stream "live-1" viewers 60 pending)",
            R"(D-000002 MP-000001 service 3 stream "live-1" viewers 60 pending)"} ==
        DispatchLines(pending.body, "/data"));
  CHECK(kListedDispatchKeys == e2e::Keys(pending.body, "/data/0"));
  CHECK(WebhookBodyWithoutTime({"D-000001", "MP-000001", "P-1", kUrl, kPage, "live-1", 1,
                                "60 Minutes Live Viewers", 100, -1, 60}) ==
        e2e::RawWithout(pending.body, "/data/0",
                        {"detected_at", "state", "attempts", "result", "delivered_quantity",
                         "failure_reason", "sent_at"}));
  CHECK("0" == Raw(pending.body, "/data/0/attempts"));
  CHECK("null" == Raw(pending.body, "/data/0/result"));
  CHECK("null" == Raw(pending.body, "/data/0/sent_at"));
  CHECK("null" == Raw(pending.body, "/next_cursor"));

  CHECK(2 == e2e::ArrayLength(daemon.Get("/api/dispatches?order=MP-000001", key).body, "/data"));

  // Another customer sees none of them and can touch none.
  CHECK(R"(200 {"success":true,"data":[],"next_cursor":null})" ==
        Shown(daemon.Get("/api/dispatches?status=pending", other)));
  CHECK(ErrorAnswer(404, "Order MP-000001 not found") ==
        Shown(daemon.Get("/api/dispatches?order=MP-000001", other)));
  CHECK(ErrorAnswer(404, "Dispatch D-000001 not found") ==
        Shown(Post(daemon, "/api/dispatches/D-000001/ack", other)));
  CHECK(ErrorAnswer(404, "Dispatch D-000001 not found") ==
        Shown(Post(daemon, "/api/dispatches/D-000001/delivered", other)));
  CHECK(ErrorAnswer(404, "Dispatch D-000001 not found") ==
        Shown(Post(daemon, "/api/dispatches/D-000001/failed", other, R"({"reason": "x"})")));

  // Acked: no longer pending; acking again changes nothing.
  const HttpAnswer acked = Post(daemon, "/api/dispatches/D-000001/ack", key);
  REQUIRE(200 == acked.status);
  CHECK(R"("acked")" == Raw(acked.body, "/data/state"));
  CHECK(R"("D-000001")" == Raw(acked.body, "/data/id"));
  CHECK(Shown(acked) == Shown(Post(daemon, "/api/dispatches/D-000001/ack", key)));
  CHECK(std::vector<std::string>{
            R"(D-000002 MP-000001 service 3 stream "live-1" viewers 60 pending)"} ==
        DispatchLines(daemon.Get("/api/dispatches?status=pending", key).body, "/data"));
  CHECK(std::vector<std::string>{
            R"(D-000001 MP-000001 service 1 stream "live-1" viewers 60 acked)"} ==
        DispatchLines(daemon.Get("/api/dispatches?status=acked", key).body, "/data"));

  // Results: kept apart from the state, shown on the order.
  const HttpAnswer delivered =
      Post(daemon, "/api/dispatches/D-000001/delivered", key, R"({"delivered_quantity": 80})");
  CHECK(std::vector<std::string>{"D-000001 acked delivered 80 null"} ==
        ResultLines("[" + Raw(delivered.body, "/data") + "]", ""));
  const HttpAnswer failed =
      Post(daemon, "/api/dispatches/D-000002/failed", key, R"({"reason": "page went private"})");
  CHECK(std::vector<std::string>{"D-000002 pending failed null page went private"} ==
        ResultLines("[" + Raw(failed.body, "/data") + "]", ""));

  const HttpAnswer detail = daemon.Get("/api/order/MP-000001", key);
  REQUIRE(200 == detail.status);
  CHECK(std::vector<std::string>{"D-000001 acked delivered 80 null",
                                 "D-000002 pending failed null page went private"} ==
        ResultLines(detail.body, "/data/dispatches"));
  CHECK("1" == Raw(detail.body, "/data/detections_today"));
  CHECK("1" == Raw(detail.body, "/data/detections_total"));

  // A pulled dispatch is never POSTed anywhere: no attempts, nothing scheduled.
  const std::string admin = AdminDispatches(daemon, "status=pending");
  CHECK("0" == Raw(admin, "/data/0/attempts"));
  CHECK("null" == Raw(admin, "/data/0/next_attempt_at"));
  CHECK("null" == Raw(admin, "/data/0/last_error"));
}

TEST_CASE(
    "cancelling an order cancels its pending dispatches and it fires nothing after, while "
    "an order on the same page goes on") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  const std::string other = daemon.AddCustomer("other");
  REQUIRE("MP-000001" == PlaceOrder(daemon, key,
                                    R"({"url": "https://facebook.com/username", "services": [)"
                                    R"({"service_id": 1, "quantity": 100}]})"));
  AdminReport(daemon, kUrl, true, 100, "s1");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "s1" viewers 100 pending)"});

  // Placed while the page is live: fires in that same session.
  REQUIRE("MP-000002" == PlaceOrder(daemon, key,
                                    R"({"url": "https://www.facebook.com/username/live",)"
                                    R"( "services": [{"service_id": 2, "quantity": 100}]})"));
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "s1" viewers 100 pending)",
                      R"(D-000002 MP-000002 service 2 stream "s1" viewers 100 pending)"});

  CHECK(ErrorAnswer(404, "Order MP-000001 not found") ==
        Shown(Post(daemon, "/api/order/MP-000001/cancel", other)));

  const HttpAnswer cancelled = Post(daemon, "/api/order/MP-000001/cancel", key);
  REQUIRE(200 == cancelled.status);
  CHECK(R"("cancelled")" == Raw(cancelled.body, "/data/status"));
  CHECK(std::vector<std::string>{
            R"(D-000001 MP-000001 service 1 stream "s1" viewers 100 cancelled)"} ==
        DispatchLines(cancelled.body, "/data/dispatches"));
  CHECK(Shown(cancelled) == Shown(daemon.Get("/api/order/MP-000001", key)));
  CHECK(
      std::vector<std::string>{R"(D-000002 MP-000002 service 2 stream "s1" viewers 100 pending)"} ==
      DispatchLines(daemon.Get("/api/dispatches?status=pending", key).body, "/data"));

  // A new session fires the order still active, and nothing for the cancelled one.
  AdminReport(daemon, kUrl, false);
  AdminReport(daemon, kUrl, true, 300, "s2");
  AwaitPageState(daemon, kPage, R"(live=true session=2 stream_id="s2" viewers=300)");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "s1" viewers 100 cancelled)",
                      R"(D-000002 MP-000002 service 2 stream "s1" viewers 100 pending)",
                      R"(D-000003 MP-000002 service 2 stream "s2" viewers 300 pending)"});
  CHECK(R"(["MP-000002"])" == Raw(daemon.Admin("GET", "/admin/pages").body, "/data/0/orders"));

  // Cancelled for good.
  CHECK(ErrorAnswer(409, "Order MP-000001 is not active (cancelled)") ==
        Shown(Post(daemon, "/api/order/MP-000001/cancel", key)));
  CHECK(ErrorAnswer(409, "Dispatch D-000001 is not pending (cancelled)") ==
        Shown(Post(daemon, "/api/dispatches/D-000001/ack", key)));
  CHECK(ErrorAnswer(409, "Dispatch D-000001 was cancelled") ==
        Shown(Post(daemon, "/api/dispatches/D-000001/delivered", key)));
  CHECK(ErrorAnswer(409, "Dispatch D-000001 was cancelled") ==
        Shown(daemon.Admin("POST", "/admin/dispatches/D-000001/retry")));
}

TEST_CASE(
    "an order placed while its page is live, reported before any order watched the page, "
    "fires in that session") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  CHECK("<not watched>" == PageState(daemon, kPage));
  AdminReport(daemon, "https://m.facebook.com/username?ref=share", true, 250, "early-1");

  REQUIRE("MP-000001" == PlaceOrder(daemon, key,
                                    R"({"url": "https://facebook.com/username", "services": [)"
                                    R"({"service_id": 1, "quantity": 100, "min_viewers": 200}]})"));
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "early-1" viewers 250 pending)"});
  CHECK(R"(live=true session=1 stream_id="early-1" viewers=250)" == PageState(daemon, kPage));
}

}  // namespace
}  // namespace onair::e2e3
