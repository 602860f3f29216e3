// GET and POST /graph/webhook: present only when configured, the handshake's plain-text echo,
// and signed deliveries turned into live reports.
#include "api/graph_routes.h"

#include <doctest/doctest.h>

#include "api_fixture.h"
#include "watch/graph_signature.h"

namespace onair::api {
namespace {

using onair::testing::Answer;
using onair::testing::ApiFixture;
using onair::testing::FixtureOptions;

constexpr const char* kDelivery =
    R"({"object": "page", "entry": [{"id": "123456", "time": 1764550800, "changes": [)"
    R"({"field": "live_videos", "value": {"id": "777", "status": "live"}}]}]})";

Answer Deliver(ApiFixture& f, const std::string& body, const std::string& signature) {
  return f.Raw("POST", "/graph/webhook",
               {{"Content-Type", "application/json"}, {"X-Hub-Signature-256", signature}}, body);
}

std::string Sign(const std::string& body) {
  return "sha256=" + watch::HmacSha256Hex("appsecret", body);
}

TEST_CASE("without the graph secrets the webhook is an unknown path") {
  ApiFixture f;

  Answer get = f.Raw("GET", "/graph/webhook?hub.mode=subscribe", {}, "");
  Answer post = Deliver(f, kDelivery, Sign(kDelivery));

  CHECK(404 == get.status);
  CHECK(R"({"success":false,"error":"Not found: GET /graph/webhook"})" == get.body);
  CHECK(404 == post.status);
}

TEST_CASE("the handshake echoes the challenge as plain text") {
  ApiFixture f(FixtureOptions{.graph_webhook = true});

  Answer answer = f.Raw(
      "GET", "/graph/webhook?hub.mode=subscribe&hub.verify_token=vtok&hub.challenge=1158201444", {},
      "");

  CHECK(200 == answer.status);
  CHECK("text/plain" == answer.content_type);
  CHECK("1158201444" == answer.body);
}

TEST_CASE("a handshake with the wrong token, mode or challenge is refused in JSON") {
  ApiFixture f(FixtureOptions{.graph_webhook = true});

  Answer token = f.Raw(
      "GET", "/graph/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1", {}, "");
  Answer mode = f.Raw(
      "GET", "/graph/webhook?hub.mode=unsubscribe&hub.verify_token=vtok&hub.challenge=1", {}, "");
  Answer challenge =
      f.Raw("GET", "/graph/webhook?hub.mode=subscribe&hub.verify_token=vtok", {}, "");

  CHECK(403 == token.status);
  CHECK("application/json" == token.content_type);
  CHECK(R"({"success":false,"error":"hub.verify_token does not match"})" == token.body);
  CHECK(400 == mode.status);
  CHECK("hub.mode must be subscribe" == mode.Text("/error"));
  CHECK(400 == challenge.status);
  CHECK("hub.challenge must be 1 to 256 letters, digits, '.', '-' or '_'" ==
        challenge.Text("/error"));
}

TEST_CASE("a signed delivery for a connected page becomes a live report that fires its orders") {
  ApiFixture f(FixtureOptions{.graph_webhook = true});
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  f.PlaceOrder(acme, "https://facebook.com/username", R"([{"service_id": 1, "quantity": 100}])");
  REQUIRE(200 == f.Admin("POST", "/admin/page-connections",
                         R"({"url": "facebook.com/username", "page_id": "123456",)"
                         R"( "token": "EAAB0123456789abcdefQz9x"})")
                     .status);

  Answer answer = Deliver(f, kDelivery, Sign(kDelivery));
  f.RunScheduler();

  CHECK(R"({"success":true,"data":{"reports":1}})" == answer.body);
  Answer dispatches = f.Customer(acme, "GET", "/api/dispatches");
  CHECK(1 == dispatches.Count("/data"));
  CHECK("777" == dispatches.Text("/data/0/stream_id"));
}

TEST_CASE("a delivery for a page nobody connected queues nothing") {
  ApiFixture f(FixtureOptions{.graph_webhook = true});

  Answer answer = Deliver(f, kDelivery, Sign(kDelivery));

  CHECK(R"({"success":true,"data":{"reports":0}})" == answer.body);
}

TEST_CASE("a delivery with a wrong or missing signature is a 401") {
  ApiFixture f(FixtureOptions{.graph_webhook = true});

  Answer wrong = Deliver(f, kDelivery, Sign(std::string(kDelivery) + " "));
  Answer missing =
      f.Raw("POST", "/graph/webhook", {{"Content-Type", "application/json"}}, kDelivery);

  CHECK(401 == wrong.status);
  CHECK("X-Hub-Signature-256 does not match the body" == wrong.Text("/error"));
  CHECK(401 == missing.status);
  CHECK("X-Hub-Signature-256 is missing or malformed" == missing.Text("/error"));
}

}  // namespace
}  // namespace onair::api
