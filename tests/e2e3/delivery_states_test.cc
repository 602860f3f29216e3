// The outbox states of docs/webhooks.md with the real onaird: a dispatch whose attempts are all
// refused becomes undeliverable and an admin retry sends it again with its id; removing a
// customer's webhook sets its retried dispatches aside for pulling.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"
#include "live_fixture.h"
#include "receiver_process.h"

namespace onair::e2e3 {
namespace {

using e2e::Raw;
using e2e::Shown;

constexpr const char* kUrl = "https://facebook.com/username";

TEST_CASE(
    "a dispatch refused max_attempts times becomes undeliverable, and an admin retry "
    "delivers it with the same webhook-id") {
  DaemonConfig config = LiveConfig();
  config.Set("delivery", "max_attempts", "2");
  Daemon daemon(config);
  daemon.AddGuideServices();
  WebhookCustomer acme = AddWebhookCustomer(daemon, "acme", /*fail_first=*/2);
  REQUIRE("MP-000001" == PlaceOrder(daemon, acme.key, e2e::OrderBody()));

  AdminReport(daemon, kUrl, true, 64, "s1");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 3 stream "s1" viewers 64 undeliverable)"});
  const std::string given_up = AdminDispatches(daemon);
  CHECK("2" == Raw(given_up, "/data/0/attempts"));
  CHECK(R"("HTTP 500")" == Raw(given_up, "/data/0/last_error"));
  CHECK("null" == Raw(given_up, "/data/0/next_attempt_at"));
  CHECK("null" == Raw(given_up, "/data/0/sent_at"));
  CHECK(2 == acme.receiver->Deliveries().size());

  const HttpAnswer retried = daemon.Admin("POST", "/admin/dispatches/D-000001/retry");
  REQUIRE_MESSAGE(200 == retried.status, Shown(retried));
  CHECK(R"("pending")" == Raw(retried.body, "/data/state"));
  CHECK("0" == Raw(retried.body, "/data/attempts"));
  CHECK("null" == Raw(retried.body, "/data/last_error"));

  AwaitDispatchLines(daemon, "", {R"(D-000001 MP-000001 service 3 stream "s1" viewers 64 sent)"});
  CHECK("1" == Raw(AdminDispatches(daemon), "/data/0/attempts"));
  const std::vector<ReceivedDelivery> deliveries = acme.receiver->Deliveries();
  REQUIRE(3 == deliveries.size());
  for (const ReceivedDelivery& delivery : deliveries) {
    CHECK("D-000001" == delivery.id);
    CHECK(true == delivery.verified);
  }
  CHECK(500 == deliveries[0].status);
  CHECK(500 == deliveries[1].status);
  CHECK(204 == deliveries[2].status);
}

TEST_CASE("removing a customer's webhook sets the dispatches it was retrying aside for pulling") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  SetWebhook(daemon, "acme", ReceiverUrl(FreePort()));  // nothing listens there
  REQUIRE("MP-000001" == PlaceOrder(daemon, key, e2e::OrderBody()));
  AdminReport(daemon, kUrl, true, 64, "s1");

  std::string seen;
  AwaitOrFail(
      daemon, "a refused attempt",
      [&] {
        seen = AdminDispatches(daemon);
        return Raw(seen, "/data/0/last_error") == R"("connection failed")";
      },
      [&] { return seen; });

  const HttpAnswer removed = daemon.Admin("PATCH", "/admin/customers/acme", R"({"webhook": null})");
  REQUIRE_MESSAGE(200 == removed.status, Shown(removed));
  CHECK("null" == Raw(removed.body, "/data/webhook"));
  CHECK("<absent>" == Raw(removed.body, "/data/webhook_secret"));

  // At its next attempt the dispatch leaves the webhook queue: nothing more is scheduled.
  AwaitOrFail(
      daemon, "the dispatch to be set aside for pulling",
      [&] {
        seen = AdminDispatches(daemon);
        return Raw(seen, "/data/0/next_attempt_at") == "null";
      },
      [&] { return seen; });
  CHECK(R"("pending")" == Raw(seen, "/data/0/state"));

  const HttpAnswer pending = daemon.Get("/api/dispatches?status=pending", key);
  CHECK(
      std::vector<std::string>{R"(D-000001 MP-000001 service 3 stream "s1" viewers 64 pending)"} ==
      DispatchLines(pending.body, "/data"));
  const HttpAnswer acked = daemon.Request("POST", "/api/dispatches/D-000001/ack", key);
  CHECK(R"("acked")" == Raw(acked.body, "/data/state"));
}

}  // namespace
}  // namespace onair::e2e3
