// How onaird reads request bodies whatever their framing: the 64 KiB limit with Content-Length,
// chunked and Expect: 100-continue, a POST without framing, the accepted Content-Types and a
// byte order mark. Framing a client library will not produce goes over a raw socket.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"
#include "raw_http.h"

namespace onair::e2e {
namespace {

constexpr size_t kLimit = 65536;
constexpr std::chrono::seconds kAnswerDeadline{60};
const std::string kTooLarge = ErrorAnswer(413, "Request body is larger than 65536 bytes");

// A valid order padded with spaces inside the object to exactly `size` bytes.
std::string OrderOfSize(size_t size) {
  std::string body = OrderBody();
  body.insert(1, std::string(size - body.size(), ' '));
  return body;
}

// The head of a POST /api/order with the shared key and `framing` ("Content-Length: 5\r\n").
std::string Head(const std::string& framing) {
  return "POST /api/order HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
         "X-API-Key: " +
         SharedKey() + "\r\n" + framing + "\r\n";
}

TEST_CASE("a body of exactly 65536 bytes is accepted") {
  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), OrderOfSize(kLimit));

  CHECK_MESSAGE(200 == answer.status, Shown(answer));
}

TEST_CASE("a Content-Length over 65536 bytes is a 413 with Connection: close") {
  const std::string body = OrderOfSize(kLimit + 1);

  RawExchangeResult result = RawExchange(
      SharedDaemon().port(), Head("Content-Length: " + std::to_string(body.size()) + "\r\n"), body,
      kAnswerDeadline);

  CHECK(kTooLarge == Shown(result.answer));
  CHECK("close" == result.answer.Header("Connection"));
}

TEST_CASE("a chunked body over 65536 bytes is a 413 with Connection: close") {
  const std::string body = OrderOfSize(kLimit + 1000);

  RawExchangeResult result =
      RawExchange(SharedDaemon().port(), Head("Transfer-Encoding: chunked\r\n"),
                  ChunkedEncoding(body, 4096), kAnswerDeadline);

  CHECK(kTooLarge == Shown(result.answer));
  CHECK("close" == result.answer.Header("Connection"));
}

TEST_CASE("a chunked body within the limit is read whole") {
  size_t size = 200;
  SUBCASE("small") {}
  SUBCASE("exactly 65536 bytes") {
    size = kLimit;
  }
  const std::string body = OrderOfSize(size);
  CAPTURE(size);

  RawExchangeResult result =
      RawExchange(SharedDaemon().port(), Head("Transfer-Encoding: chunked\r\n"),
                  ChunkedEncoding(body, 1000), kAnswerDeadline);

  CHECK_MESSAGE(200 == result.answer.status, Shown(result.answer));
  CHECK("Order created with 1 service" == Str(result.answer.body, "/message"));
}

TEST_CASE("Expect: 100-continue announcing over 65536 bytes is refused before the body is sent") {
  RawExchangeResult result = RawExchange(
      SharedDaemon().port(),
      Head("Content-Length: " + std::to_string(kLimit + 1) + "\r\nExpect: 100-continue\r\n"), "",
      kAnswerDeadline);

  CHECK(kTooLarge == Shown(result.answer));
  CHECK("close" == result.answer.Header("Connection"));
}

TEST_CASE("Expect: 100-continue within the limit gets 100 Continue, then the answer") {
  const std::string body = OrderOfSize(2048);

  RawExchangeResult result = RawExchange(
      SharedDaemon().port(),
      Head("Content-Length: " + std::to_string(body.size()) + "\r\nExpect: 100-continue\r\n"), body,
      kAnswerDeadline, /*await_continue=*/true);

  CHECK(100 == result.interim_status);
  CHECK_MESSAGE(200 == result.answer.status, Shown(result.answer));
}

TEST_CASE("a POST with neither Content-Length nor chunked framing is answered at once as empty") {
  // The daemon waits 30 s for a slow body; an answer within 10 s shows it did not wait for one.
  Daemon daemon(DaemonConfig().Set("server", "read_timeout_seconds", "30"));
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  const std::string head =
      "POST /api/order HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "X-API-Key: " +
      key + "\r\n\r\n";

  RawExchangeResult result = RawExchange(daemon.port(), head, "", std::chrono::seconds(10));

  REQUIRE_MESSAGE(400 == result.answer.status, Shown(result.answer));
  CHECK("false" == Raw(result.answer.body, "/success"));
  CHECK(StartsWith(Str(result.answer.body, "/error"), "Invalid JSON: "));
}

TEST_CASE("requests on one kept-alive connection are answered in turn, whatever their framing") {
  Daemon daemon;
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  const std::string head =
      "POST /api/order HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nX-API-Key: " +
      key + "\r\n";
  const std::string valid = OrderBody();
  const auto length = [](const std::string& body) {
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  RawSession session(daemon.port());
  const std::chrono::seconds deadline(60);

  HttpAnswer first = session.Exchange(head + length(valid), deadline);
  HttpAnswer malformed = session.Exchange(head + length("{\"url\": "), deadline);
  HttpAnswer chunked = session.Exchange(
      head + "Transfer-Encoding: chunked\r\n\r\n" + ChunkedEncoding(valid, 10), deadline);
  HttpAnswer read = session.Exchange(
      "GET /api/services HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + key + "\r\n\r\n", deadline);
  HttpAnswer unframed = session.Exchange(head + "\r\n", deadline);
  HttpAnswer last = session.Exchange(head + length(valid), deadline);

  CHECK("200 MP-000001" == std::to_string(first.status) + " " + Str(first.body, "/data/order_id"));
  CHECK(400 == malformed.status);
  CHECK("200 MP-000002" ==
        std::to_string(chunked.status) + " " + Str(chunked.body, "/data/order_id"));
  CHECK(200 == read.status);
  CHECK_MESSAGE(400 == unframed.status, Shown(unframed));
  CHECK("200 MP-000003" == std::to_string(last.status) + " " + Str(last.body, "/data/order_id"));
}

TEST_CASE("any JSON Content-Type is accepted") {
  std::string content_type;
  SUBCASE("application/json") {
    content_type = "application/json";
  }
  SUBCASE("with a charset") {
    content_type = "application/json; charset=utf-8";
  }
  SUBCASE("a +json type") {
    content_type = "application/vnd.api+json";
  }
  SUBCASE("text/json") {
    content_type = "text/json";
  }
  CAPTURE(content_type);

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), OrderBody(), content_type);

  CHECK_MESSAGE(200 == answer.status, Shown(answer));
}

TEST_CASE("a body without Content-Type is read as JSON") {
  const std::string body = OrderBody();
  const std::string head =
      "POST /api/order HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + SharedKey() +
      "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";

  RawExchangeResult result = RawExchange(SharedDaemon().port(), head, body, kAnswerDeadline);

  CHECK_MESSAGE(200 == result.answer.status, Shown(result.answer));
}

TEST_CASE("a leading UTF-8 byte order mark is skipped") {
  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), "\xEF\xBB\xBF" + OrderBody());

  CHECK_MESSAGE(200 == answer.status, Shown(answer));
}

}  // namespace
}  // namespace onair::e2e
