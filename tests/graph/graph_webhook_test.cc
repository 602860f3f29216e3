// GraphWebhook: the subscription handshake, deliveries signed as Meta signs them (the expected
// X-Hub-Signature-256 computed here with OpenSSL alone), and live_videos changes mapped to live
// reports of connected pages.
#include "watch/graph_webhook.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <string>

#include "connections_fixture.h"
#include "watch/graph_signature.h"

namespace onair::watch {
namespace {

using testing::Connections;
using testing::kGraphPage;
using testing::kGraphPageId;

constexpr const char* kAppSecret = "d41d8cd98f00b204e9800998ecf8427e";
constexpr const char* kVerifyToken = "meatyhamhock-7f3a";
constexpr const char* kOtherPage = "https://www.facebook.com/otherpage";
constexpr const char* kOtherPageId = "222333444";

// "sha256=" + lower-case hex HMAC-SHA256 of `body` keyed with `secret`, from OpenSSL directly.
std::string MetaSignature(const std::string& secret, const std::string& body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &size);
  std::string header = "sha256=";
  char digits[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(digits, sizeof(digits), "%02x", mac[i]);
    header += digits;
  }
  return header;
}

// A delivery of one live_videos change per (page id, video id, status), one entry each.
std::string Delivery(const std::vector<std::array<std::string, 3>>& changes) {
  std::string entries;
  for (const auto& [page_id, video_id, status] : changes) {
    if (!entries.empty()) entries += ",";
    entries += R"({"id":")" + page_id +
               R"(","time":1733040000,"changes":[{"field":"live_videos",)" + R"("value":{"id":")" +
               video_id + R"(","status":")" + status + R"("}}]})";
  }
  return R"({"object":"page","entry":[)" + entries + "]}";
}

// "<page> live <video>" per report, joined by "; "; or the error.
std::string Render(const Result<std::vector<LiveReport>>& reports) {
  if (!reports.ok()) return reports.status().ToString();
  std::string out;
  for (const LiveReport& r : *reports) {
    out += (out.empty() ? "" : "; ") + r.page + (r.live ? " live " : " not live ") +
           r.stream_id.value_or("-") + (r.viewers ? " viewers" : "");
  }
  return out;
}

class WebhookFixture {
 public:
  explicit WebhookFixture(GraphWebhookOptions options = {kAppSecret, kVerifyToken})
      : webhook_(std::move(options), connections_.store()) {
    connections_.Connect();
    connections_.Connect(kOtherPage, kOtherPageId);
  }

  GraphWebhook& webhook() { return webhook_; }

  // Delivers `body` signed with `secret` and renders what came back.
  std::string Deliver(const std::string& body, const std::string& secret = kAppSecret) {
    return Render(webhook_.HandleDelivery(body, MetaSignature(secret, body)));
  }

  std::string Handshake(std::string_view mode, std::string_view token, std::string_view challenge) {
    Result<std::string> answer = webhook_.VerifyHandshake(mode, token, challenge);
    return answer.ok() ? *answer : answer.status().ToString();
  }

 private:
  Connections connections_;
  GraphWebhook webhook_;
};

// Collects log lines in memory for one test; restores the previous default logger after.
class CapturedLog {
 public:
  CapturedLog()
      : previous_(spdlog::default_logger()),
        sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100)) {
    auto logger = std::make_shared<spdlog::logger>("captured", sink_);
    logger->set_pattern("%l %v");
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }

  std::string Lines() const {
    std::string out;
    for (const std::string& line : sink_->last_formatted()) {
      out += (out.empty() ? "" : "\n") + line.substr(0, line.find_last_not_of("\r\n") + 1);
    }
    return out;
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

TEST_CASE("the handshake answers the challenge for subscribe with the verify token") {
  WebhookFixture f;
  CHECK("1158201444" == f.Handshake("subscribe", kVerifyToken, "1158201444"));
}

TEST_CASE("the handshake refuses a wrong verify token, mode or challenge") {
  WebhookFixture f;
  CHECK("permission_denied: hub.verify_token does not match" ==
        f.Handshake("subscribe", "meatyhamhock-7f3b", "1158201444"));
  CHECK("permission_denied: hub.verify_token does not match" ==
        f.Handshake("subscribe", "", "1158201444"));
  CHECK("permission_denied: hub.verify_token does not match" ==
        f.Handshake("subscribe", std::string(kVerifyToken) + "x", "1158201444"));
  CHECK("invalid_argument: hub.mode must be subscribe" ==
        f.Handshake("unsubscribe", kVerifyToken, "1158201444"));
  CHECK("invalid_argument: hub.mode must be subscribe" == f.Handshake("", kVerifyToken, "1"));
  CHECK("invalid_argument: hub.challenge must be 1 to 256 letters, digits, '.', '-' or '_'" ==
        f.Handshake("subscribe", kVerifyToken, ""));
  CHECK("invalid_argument: hub.challenge must be 1 to 256 letters, digits, '.', '-' or '_'" ==
        f.Handshake("subscribe", kVerifyToken, "<script>"));
  CHECK("invalid_argument: hub.challenge must be 1 to 256 letters, digits, '.', '-' or '_'" ==
        f.Handshake("subscribe", kVerifyToken, std::string(257, '1')));
}

TEST_CASE("without a verify token configured every handshake is refused") {
  WebhookFixture f({kAppSecret, ""});
  CHECK("failed_precondition: graph verify_token is not configured" ==
        f.Handshake("subscribe", "", "1158201444"));
}

TEST_CASE("a signed delivery maps live and live_stopped to reports of the right pages") {
  WebhookFixture f;
  CHECK(std::string(kGraphPage) + " live v1" ==
        f.Deliver(Delivery({{kGraphPageId, "v1", "live"}})));
  CHECK(std::string(kGraphPage) + " not live v1; " + kOtherPage + " live v2" ==
        f.Deliver(Delivery({{kGraphPageId, "v1", "live_stopped"}, {kOtherPageId, "v2", "live"}})));
}

TEST_CASE("every end state of a live video reports the page not live") {
  WebhookFixture f;
  for (const char* status : {"live_stopped", "processing", "vod", "scheduled_expired"}) {
    CAPTURE(status);
    CHECK(std::string(kGraphPage) + " not live v1" ==
          f.Deliver(Delivery({{kGraphPageId, "v1", status}})));
  }
}

TEST_CASE("changes before a broadcast starts give no report") {
  WebhookFixture f;
  CHECK("" == f.Deliver(Delivery({{kGraphPageId, "v1", "scheduled_unpublished"},
                                  {kGraphPageId, "v1", "scheduled_live"},
                                  {kGraphPageId, "v1", "unpublished"}})));
}

TEST_CASE("a page that is not connected is ignored and logged once at debug") {
  CapturedLog log;
  WebhookFixture f;
  CHECK(std::string(kGraphPage) + " live v1" ==
        f.Deliver(Delivery({{"999", "v9", "live"}, {kGraphPageId, "v1", "live"}})));
  CHECK("" == f.Deliver(Delivery({{"999", "v9", "live_stopped"}})));
  CHECK("debug graph: webhook_unknown_page page_id=999" == log.Lines());
}

TEST_CASE("a delivery with a wrong or missing signature is refused") {
  WebhookFixture f;
  const std::string body = Delivery({{kGraphPageId, "v1", "live"}});
  CHECK("unauthenticated: X-Hub-Signature-256 does not match the body" ==
        f.Deliver(body, "another-app-secret"));
  CHECK("unauthenticated: X-Hub-Signature-256 is missing or malformed" ==
        Render(f.webhook().HandleDelivery(body, "")));
  // The SHA-1 header Meta also sends is not enough.
  CHECK("unauthenticated: X-Hub-Signature-256 is missing or malformed" ==
        Render(f.webhook().HandleDelivery(body, "sha1=0123456789abcdef0123456789abcdef01234567")));
  const std::string signature = MetaSignature(kAppSecret, body);
  CHECK("unauthenticated: X-Hub-Signature-256 is missing or malformed" ==
        Render(f.webhook().HandleDelivery(body, signature.substr(0, signature.size() - 1))));
  CHECK("unauthenticated: X-Hub-Signature-256 is missing or malformed" ==
        Render(f.webhook().HandleDelivery(body, signature.substr(7))));
  CHECK("unauthenticated: X-Hub-Signature-256 is missing or malformed" ==
        Render(f.webhook().HandleDelivery(body, signature.substr(0, 70) + "zz")));
}

TEST_CASE("a delivery whose body was changed after signing is refused") {
  WebhookFixture f;
  const std::string body = Delivery({{kGraphPageId, "v1", "live_stopped"}});
  const std::string signature = MetaSignature(kAppSecret, body);
  std::string tampered = body;
  tampered.replace(tampered.find("live_stopped"), 12, "live\",\"x\":\"");
  CHECK("unauthenticated: X-Hub-Signature-256 does not match the body" ==
        Render(f.webhook().HandleDelivery(tampered, signature)));
  // The exact bytes count: the same JSON with a space more is another body.
  CHECK("unauthenticated: X-Hub-Signature-256 does not match the body" ==
        Render(f.webhook().HandleDelivery(body + " ", signature)));
  CHECK(std::string(kGraphPage) + " not live v1" ==
        Render(f.webhook().HandleDelivery(body, signature)));
}

TEST_CASE("a signature in upper-case hex is accepted") {
  WebhookFixture f;
  const std::string body = Delivery({{kGraphPageId, "v1", "live"}});
  std::string signature = MetaSignature(kAppSecret, body);
  for (size_t i = 7; i < signature.size(); ++i) {
    if (signature[i] >= 'a' && signature[i] <= 'f')
      signature[i] = static_cast<char>(signature[i] - 32);
  }
  CHECK(std::string(kGraphPage) + " live v1" ==
        Render(f.webhook().HandleDelivery(body, signature)));
}

TEST_CASE("without an app secret configured every delivery is refused") {
  WebhookFixture f({"", kVerifyToken});
  const std::string body = Delivery({{kGraphPageId, "v1", "live"}});
  CHECK("failed_precondition: graph app_secret is not configured" == f.Deliver(body, ""));
}

TEST_CASE("a signed delivery that is not Meta's JSON is refused after the signature check") {
  WebhookFixture f;
  CHECK(f.Deliver("not json").starts_with("invalid_argument: Invalid JSON: "));
  CHECK("invalid_argument: entry is missing or not an array" == f.Deliver(R"({"object":"page"})"));
  CHECK("" == f.Deliver(R"({"object":"instagram","entry":[]})"));
}

TEST_CASE("onair's signature helpers agree with OpenSSL") {
  const std::string body = Delivery({{kGraphPageId, "v1", "live"}});
  CHECK(MetaSignature(kAppSecret, body) == "sha256=" + HmacSha256Hex(kAppSecret, body));
  CHECK(MetaSignature(kAppSecret, "EAAGtoken").substr(7) ==
        AppSecretProof(kAppSecret, "EAAGtoken"));
  CHECK(CheckHubSignature(kAppSecret, body, MetaSignature(kAppSecret, body)).ok());
}

}  // namespace
}  // namespace onair::watch
