// At-least-once delivery across a crash: dispatches not yet delivered when onaird dies by
// SIGKILL are all delivered after a restart, each with the webhook-id it had before
// (docs/webhooks.md), and no live session fires again from a new decision
// (docs/firing-rules.md).
#include <doctest/doctest.h>

#include <set>
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

constexpr const char* kUrl = "https://facebook.com/username";
constexpr const char* kOtherUrl = "https://facebook.com/otherpage";

// True when every dispatch listed in `admin_json` is pending after at least one failed attempt
// whose error is `error`.
bool AllFailedWith(const std::string& admin_json, const std::string& error) {
  const long count = e2e::ArrayLength(admin_json, "/data");
  if (count <= 0) return false;
  for (long i = 0; i < count; ++i) {
    const std::string at = "/data/" + std::to_string(i);
    if (Raw(admin_json, at + "/state") != R"("pending")") return false;
    if (Raw(admin_json, at + "/attempts") == "0") return false;
    if (Raw(admin_json, at + "/last_error") != e2e::JsonString(error)) return false;
  }
  return true;
}

void AwaitAllFailedWith(const Daemon& daemon, const std::string& error) {
  std::string seen;
  AwaitOrFail(
      daemon, "every dispatch to have failed an attempt with " + error,
      [&] {
        seen = AdminDispatches(daemon);
        return AllFailedWith(seen, error);
      },
      [&] { return seen; });
}

TEST_CASE(
    "dispatches undelivered while the receiver is down survive a SIGKILL of onaird and are "
    "all delivered after the restart") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  // The webhook names a port where nothing listens yet: every attempt is refused.
  const uint16_t port = FreePort();
  const std::string secret = SetWebhook(daemon, "acme", ReceiverUrl(port));
  REQUIRE("MP-000001" == PlaceOrder(daemon, key,
                                    R"({"url": "https://facebook.com/username", "services": [)"
                                    R"({"service_id": 1, "quantity": 100},)"
                                    R"( {"service_id": 2, "quantity": 100},)"
                                    R"( {"service_id": 3, "quantity": 100}]})"));
  REQUIRE("MP-000002" == PlaceOrder(daemon, key,
                                    R"({"url": "https://facebook.com/otherpage", "services": [)"
                                    R"({"service_id": 1, "quantity": 50}]})"));

  AdminReport(daemon, kUrl, true, 10, "s1");
  AdminReport(daemon, kOtherUrl, true, 12, "t1");
  AwaitDispatchCount(daemon, "", 4);
  AwaitAllFailedWith(daemon, "connection failed");

  daemon.Kill();
  ReceiverProcess receiver(secret, /*fail_first=*/0, port);
  daemon.Start();

  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "s1" viewers 10 sent)",
                      R"(D-000002 MP-000001 service 2 stream "s1" viewers 10 sent)",
                      R"(D-000003 MP-000001 service 3 stream "s1" viewers 10 sent)",
                      R"(D-000004 MP-000002 service 1 stream "t1" viewers 12 sent)"});
  const std::vector<ReceivedDelivery> deliveries = receiver.Deliveries();
  CHECK(std::set<std::string>{"D-000001", "D-000002", "D-000003", "D-000004"} ==
        VerifiedIds(deliveries));
  for (const ReceivedDelivery& delivery : deliveries) {
    CAPTURE(delivery.id);
    CHECK(true == delivery.verified);
    CHECK(e2e::JsonString(delivery.id) == Raw(delivery.body, "/id"));
  }
  // The sessions seen before the crash do not fire again after it.
  CHECK("live=true session=1 stream_id=\"s1\" viewers=10" ==
        PageState(daemon, "https://www.facebook.com/username"));
  CHECK(4 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));
}

TEST_CASE(
    "dispatches a failing receiver refused before a SIGKILL keep their webhook-ids when "
    "they are delivered after the restart") {
  Daemon daemon(LiveConfig());
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  const uint16_t port = FreePort();
  const std::string secret = SetWebhook(daemon, "acme", ReceiverUrl(port));
  REQUIRE("MP-000001" == PlaceOrder(daemon, key,
                                    R"({"url": "https://facebook.com/username", "services": [)"
                                    R"({"service_id": 1, "quantity": 100},)"
                                    R"( {"service_id": 3, "quantity": 100}]})"));

  std::vector<ReceivedDelivery> refused;
  {
    ReceiverProcess failing(secret, /*fail_first=*/1000000, port);
    AdminReport(daemon, kUrl, true, 10, "s1");
    AwaitDispatchCount(daemon, "", 2);
    AwaitAllFailedWith(daemon, "HTTP 500");
    daemon.Kill();
    refused = failing.Deliveries();
  }
  CHECK(std::set<std::string>{"D-000001", "D-000002"} == VerifiedIds(refused));
  for (const ReceivedDelivery& delivery : refused) CHECK(500 == delivery.status);

  ReceiverProcess receiver(secret, /*fail_first=*/0, port);
  daemon.Start();
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "s1" viewers 10 sent)",
                      R"(D-000002 MP-000001 service 3 stream "s1" viewers 10 sent)"});
  const std::vector<ReceivedDelivery> deliveries = receiver.Deliveries();
  CHECK(std::set<std::string>{"D-000001", "D-000002"} == VerifiedIds(deliveries));
  for (const ReceivedDelivery& delivery : deliveries) CHECK(204 == delivery.status);
  // The body delivered is the body refused before the crash, byte for byte.
  for (const ReceivedDelivery& before : refused) {
    for (const ReceivedDelivery& after : deliveries) {
      if (before.id == after.id) CHECK(before.body == after.body);
    }
  }
}

}  // namespace
}  // namespace onair::e2e3
