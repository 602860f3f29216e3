#include "deliver/webhook_sender.h"

#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

#include "../support/temp_dir.h"
#include "receiver.h"

namespace onair::deliver {
namespace {

using onair::testing::AnswerOk;
using onair::testing::Receiver;
using onair::testing::TempDir;
using onair::testing::TestCertificate;

WebhookEndpoint Endpoint(const std::string& url) {
  Result<WebhookEndpoint> endpoint = ParseWebhookUrl(url);
  REQUIRE(endpoint.ok());
  return *endpoint;
}

SenderOptions Options(std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  SenderOptions options;
  options.timeout = timeout;
  return options;
}

const HeaderList kHeaders = {{"Content-Type", "application/json"}, {"webhook-id", "D-000001"}};

// A latch the test opens once its assertions no longer need the handler to hang.
class Gate {
 public:
  void Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return open_; });
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

TEST_CASE("a 2xx answer delivers the body and headers as given") {
  Receiver receiver(
      [](int, const httplib::Request&, httplib::Response& response) { response.status = 204; });
  WebhookSender sender(Options());

  PostOutcome outcome = sender.Post(Endpoint(receiver.Url("/hook?k=1")), kHeaders, R"({"a":1})");

  CHECK(outcome.delivered);
  CHECK(204 == outcome.status);
  CHECK("" == outcome.error);
  REQUIRE(1 == receiver.Count());
  CHECK("/hook" == receiver.Requests()[0].path);
  CHECK(R"({"a":1})" == receiver.Requests()[0].body);
  CHECK("application/json" == receiver.Requests()[0].content_type);
  CHECK("D-000001" == receiver.Requests()[0].webhook_id);
}

TEST_CASE("an answer other than 2xx is not delivered and names the status") {
  Receiver receiver([](int, const httplib::Request&, httplib::Response& response) {
    response.status = 500;
    response.set_content("boom", "text/plain");
  });
  WebhookSender sender(Options());

  PostOutcome outcome = sender.Post(Endpoint(receiver.Url()), kHeaders, "{}");

  CHECK_FALSE(outcome.delivered);
  CHECK(500 == outcome.status);
  CHECK("HTTP 500" == outcome.error);
}

TEST_CASE("a redirect is a failure and is not followed") {
  Receiver receiver([](int, const httplib::Request& request, httplib::Response& response) {
    if (request.path == "/hook") response.set_redirect("/elsewhere", 302);
  });
  WebhookSender sender(Options());

  PostOutcome outcome = sender.Post(Endpoint(receiver.Url("/hook")), kHeaders, "{}");

  CHECK_FALSE(outcome.delivered);
  CHECK(302 == outcome.status);
  CHECK("HTTP 302 (redirects are not followed)" == outcome.error);
  REQUIRE(1 == receiver.Count());
  CHECK("/hook" == receiver.Requests()[0].path);
}

TEST_CASE("of a huge answer at most max_response_bytes are read") {
  constexpr size_t kChunk = 64 * 1024;
  constexpr size_t kHuge = size_t{1} << 30;  // 1 GiB, made only as fast as it is read
  std::atomic<size_t> produced{0};
  int status = 200;
  SUBCASE("a 2xx is delivered all the same") {
    status = 200;
  }
  SUBCASE("a 5xx is still a failure") {
    status = 503;
  }
  Receiver receiver([&](int, const httplib::Request&, httplib::Response& response) {
    response.status = status;
    response.set_chunked_content_provider("text/plain", [&](size_t, httplib::DataSink& sink) {
      static const std::string chunk(kChunk, 'x');
      if (!sink.write(chunk.data(), chunk.size())) return false;
      if (produced.fetch_add(chunk.size()) + chunk.size() >= kHuge) sink.done();
      return true;
    });
  });
  SenderOptions options = Options();
  options.max_response_bytes = 64 * 1024;
  WebhookSender sender(options);

  PostOutcome outcome = sender.Post(Endpoint(receiver.Url()), kHeaders, "{}");

  CHECK((status == 200) == outcome.delivered);
  CHECK(status == outcome.status);
  CHECK(64 * 1024 == outcome.response_bytes);
  // What the server pushed before the client hung up: socket buffers, far from the gigabyte.
  CHECK(produced.load() < 64 * 1024 * 1024);
}

TEST_CASE("an endpoint that does not answer in time is a timeout") {
  Gate gate;
  Receiver receiver([&](int, const httplib::Request&, httplib::Response&) { gate.Wait(); });
  WebhookSender sender(Options(std::chrono::milliseconds(300)));

  PostOutcome outcome = sender.Post(Endpoint(receiver.Url()), kHeaders, "{}");
  gate.Open();

  CHECK_FALSE(outcome.delivered);
  CHECK(0 == outcome.status);
  CHECK("no complete answer (timed out or closed)" == outcome.error);
}

TEST_CASE("an answer that trickles in is cut at the timeout") {
  std::atomic<size_t> produced{0};
  Receiver receiver([&](int, const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider("text/plain", [&](size_t, httplib::DataSink& sink) {
      // Each piece comes well within the read timeout; together they would take 100 s.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (!sink.write("x", 1)) return false;
      if (produced.fetch_add(1) + 1 >= 5000) sink.done();
      return true;
    });
  });
  WebhookSender sender(Options(std::chrono::milliseconds(500)));

  PostOutcome outcome = sender.Post(Endpoint(receiver.Url()), kHeaders, "{}");

  CHECK(outcome.delivered);
  CHECK(200 == outcome.status);
  CHECK(outcome.response_bytes < 5000);
}

TEST_CASE("a refused connection is a failure") {
  int port;
  {
    Receiver gone(AnswerOk);
    port = gone.port();
  }
  WebhookSender sender(Options());

  PostOutcome outcome =
      sender.Post(Endpoint("http://127.0.0.1:" + std::to_string(port) + "/hook"), kHeaders, "{}");

  CHECK_FALSE(outcome.delivered);
  CHECK("connection failed" == outcome.error);
}

TEST_CASE("attempts to one endpoint reuse the kept-alive connection") {
  Receiver receiver(AnswerOk);
  WebhookSender sender(Options());

  CHECK(sender.Post(Endpoint(receiver.Url()), kHeaders, "{}").delivered);
  CHECK(sender.Post(Endpoint(receiver.Url("/other")), kHeaders, "{}").delivered);

  REQUIRE(2 == receiver.Count());
  CHECK(receiver.Requests()[0].remote_port == receiver.Requests()[1].remote_port);
}

TEST_CASE("https endpoints are verified against the trusted certificates") {
  TestCertificate certificate;
  Receiver receiver(AnswerOk, &certificate);

  SUBCASE("a certificate nobody vouches for is refused before anything is sent") {
    WebhookSender sender(Options());

    PostOutcome outcome = sender.Post(Endpoint(receiver.Url()), kHeaders, "{}");

    CHECK_FALSE(outcome.delivered);
    CHECK("TLS certificate not trusted" == outcome.error);
    CHECK(0 == receiver.Count());
  }
  SUBCASE("a trusted certificate delivers") {
    TempDir dir;
    certificate.WritePem(dir.Sub("ca.pem"));
    SenderOptions options = Options();
    options.ca_file = dir.Sub("ca.pem");
    WebhookSender sender(options);

    PostOutcome outcome = sender.Post(Endpoint(receiver.Url()), kHeaders, R"({"tls":true})");

    CHECK(outcome.delivered);
    REQUIRE(1 == receiver.Count());
    CHECK(R"({"tls":true})" == receiver.Requests()[0].body);
  }
}

}  // namespace
}  // namespace onair::deliver
