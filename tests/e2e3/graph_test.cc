// The Graph API end to end: the `graph` detector polling a connected page's live_videos edge on
// a local fake Graph server (tests/graph/fake_graph.h, Meta's documented payloads), and the
// Graph webhook route (handshake, deliveries signed with X-Hub-Signature-256), as docs/api.md
// and the README's [graph] settings describe them.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "fake_graph.h"
#include "json_view.h"
#include "live_fixture.h"

namespace onair::e2e3 {
namespace {

using e2e::ErrorAnswer;
using e2e::JsonString;
using e2e::Raw;
using e2e::Shown;

constexpr const char* kUrl = "https://facebook.com/username";
constexpr const char* kPage = "https://www.facebook.com/username";
constexpr const char* kPageId = "104412345678901";
constexpr const char* kPageToken = "EAAGm0PX4ZCpsBAPageToken7781";
constexpr const char* kAppSecret = "5f4dcc3b5aa765d61d8327deb882cf99";
constexpr const char* kVerifyToken = "onair-verify-2a61";

// Connects the page through the admin API; REQUIREs a 200 and returns the answer.
HttpAnswer ConnectPage(const Daemon& daemon) {
  const HttpAnswer answer =
      daemon.Admin("POST", "/admin/page-connections",
                   std::string(R"({"url": "https://facebook.com/username", "page_id": ")") +
                       kPageId + R"(", "token": ")" + kPageToken + R"("})");
  REQUIRE_MESSAGE(200 == answer.status, "POST /admin/page-connections: " << Shown(answer));
  return answer;
}

// A Page webhook delivery of one live_videos change, as Meta documents it.
std::string LiveVideosDelivery(const std::string& page_id, const std::string& video_id,
                               const std::string& status) {
  return R"({"object":"page","entry":[{"id":")" + page_id +
         R"(","time":1733040000,"changes":[{"field":"live_videos","value":{"id":")" + video_id +
         R"(","status":")" + status + R"("}}]}]})";
}

HttpAnswer Deliver(const Daemon& daemon, const std::string& body, const std::string& signature) {
  return PostWithHeaders(daemon.port(), "/graph/webhook", {{"X-Hub-Signature-256", signature}},
                         body);
}

TEST_CASE(
    "the graph detector polls a connected page and fires the order once live_views "
    "reach min_viewers") {
  testing::FakeGraph graph;
  graph.AddPage(kPageId, kPageToken);
  graph.SetLive(kPageId, "10160000000000001", 40);
  DaemonConfig config = LiveConfig();
  config.Set("detector", "kind", "\"graph\"")
      .Set("detector", "poll_interval_seconds", "1")
      .Set("detector", "poll_jitter", "0")
      .Set("graph", "base_url", JsonString(graph.base_url()))
      .Set("graph", "app_secret", JsonString(kAppSecret))
      .Set("graph", "timeout_seconds", "5");
  Daemon daemon(config);
  daemon.AddGuideServices();
  const HttpAnswer connected = ConnectPage(daemon);
  CHECK(R"({"page":"https://www.facebook.com/username","page_id":"104412345678901",)"
        R"("token_hint":"...7781"})" == e2e::RawWithout(connected.body, "/data", {"connected_at"}));
  CHECK(e2e::ParseOffsetTime(e2e::Str(connected.body, "/data/connected_at")).has_value());
  const std::string key = daemon.AddCustomer("acme");
  REQUIRE("MP-000001" == PlaceOrder(daemon, key,
                                    R"({"url": "https://facebook.com/username", "services": [)"
                                    R"({"service_id": 3, "quantity": 200, "min_viewers": 100}]})"));

  // 40 live views: the session starts, but service 3 wants 100.
  AwaitPageState(daemon, kPage, R"(live=true session=1 stream_id="10160000000000001" viewers=40)");
  CHECK(0 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));
  // The edge was asked as onair must ask it (the fake refuses any other query).
  CHECK(e2e::StartsWith(graph.last_target(), "/v19.0/104412345678901/live_videos?"));

  graph.SetLive(kPageId, "10160000000000001", 130);
  AwaitPageState(daemon, kPage, R"(live=true session=1 stream_id="10160000000000001" viewers=130)");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 3 stream "10160000000000001" viewers 130 )"
                      R"(pending)"});

  // The broadcast ends: the session ends with it.
  graph.SetNotLive(kPageId);
  AwaitPageState(daemon, kPage,
                 R"(live=false session=1 stream_id="10160000000000001" viewers=130)");
  CHECK(1 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));
}

TEST_CASE(
    "the Graph webhook answers Meta's handshake with the challenge and turns a signed "
    "live_videos delivery of a connected page into a dispatch") {
  DaemonConfig config = LiveConfig();
  config.Set("graph", "app_secret", JsonString(kAppSecret))
      .Set("graph", "verify_token", JsonString(kVerifyToken));
  Daemon daemon(config);
  daemon.AddGuideServices();

  const std::string handshake = std::string("/graph/webhook?hub.mode=subscribe&hub.verify_token=") +
                                kVerifyToken + "&hub.challenge=1158201444";
  const HttpAnswer challenge = daemon.Get(handshake, "");
  CHECK(200 == challenge.status);
  CHECK("1158201444" == challenge.body);
  CHECK(e2e::StartsWith(challenge.Header("Content-Type"), "text/plain"));
  CHECK(ErrorAnswer(403, "hub.verify_token does not match") ==
        Shown(daemon.Get("/graph/webhook?hub.mode=subscribe&hub.verify_token=wrong"
                         "&hub.challenge=1158201444",
                         "")));

  ConnectPage(daemon);
  const std::string key = daemon.AddCustomer("acme");
  REQUIRE("MP-000001" == PlaceOrder(daemon, key,
                                    R"({"url": "https://facebook.com/username", "services": [)"
                                    R"({"service_id": 1, "quantity": 100}]})"));

  // A delivery signed with another secret is refused and changes nothing.
  const std::string live = LiveVideosDelivery(kPageId, "10160000000000002", "live");
  CHECK(ErrorAnswer(401, "X-Hub-Signature-256 does not match the body") ==
        Shown(Deliver(daemon, live, HubSignature("not-the-app-secret", live))));
  AwaitPageState(daemon, kPage, "live=false session=0 stream_id=null viewers=0");

  CHECK(R"(200 {"success":true,"data":{"reports":1}})" ==
        Shown(Deliver(daemon, live, HubSignature(kAppSecret, live))));
  AwaitPageState(daemon, kPage, R"(live=true session=1 stream_id="10160000000000002" viewers=0)");
  AwaitDispatchLines(daemon, "",
                     {R"(D-000001 MP-000001 service 1 stream "10160000000000002" viewers 0 )"
                      R"(pending)"});

  const std::string stopped = LiveVideosDelivery(kPageId, "10160000000000002", "live_stopped");
  CHECK(R"(200 {"success":true,"data":{"reports":1}})" ==
        Shown(Deliver(daemon, stopped, HubSignature(kAppSecret, stopped))));
  AwaitPageState(daemon, kPage, R"(live=false session=1 stream_id="10160000000000002" viewers=0)");
  CHECK(1 == e2e::ArrayLength(AdminDispatches(daemon), "/data"));
}

}  // namespace
}  // namespace onair::e2e3
