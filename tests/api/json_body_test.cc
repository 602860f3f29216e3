// The body gate: which Content-Types count as JSON and how reading the body can fail.
#include "api/json_body.h"

#include <doctest/doctest.h>

namespace onair::api {
namespace {

HttpRequest PostWith(std::string content_type, BodyRead outcome, std::string body = "{}") {
  HttpRequest request;
  request.method = "POST";
  request.path = "/api/order";
  if (!content_type.empty()) request.headers.emplace("Content-Type", content_type);
  request.SetBodyReader(
      [outcome, body](std::string* out) {
        if (outcome == BodyRead::kOk) *out = body;
        return outcome;
      },
      /*pending=*/true);
  return request;
}

TEST_CASE("JSON content types are accepted") {
  for (const char* type :
       {"", "application/json", "application/json; charset=utf-8", "Application/JSON", "text/json",
        "application/vnd.api+json", " application/json ;charset=UTF-8"}) {
    CAPTURE(type);
    CHECK(IsJsonContentType(type));
  }
}

TEST_CASE("other content types are refused") {
  for (const char* type : {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data",
                           "application/+json", "json", "text/vnd+json", "; charset=utf-8"}) {
    CAPTURE(type);
    CHECK_FALSE(IsJsonContentType(type));
  }
}

TEST_CASE("a form-encoded body is a 400 before it is read") {
  HttpRequest request = PostWith("application/x-www-form-urlencoded", BodyRead::kOk);

  std::optional<HttpReply> refusal = ReadJsonBody(request);

  REQUIRE(refusal.has_value());
  CHECK(400 == refusal->status);
  CHECK(R"({"success":false,"error":"Content-Type must be application/json"})" == refusal->body);
  CHECK(request.body_left_unread());
}

TEST_CASE("a body past the limit is a 413 that closes the connection") {
  HttpRequest request = PostWith("application/json", BodyRead::kTooLarge);

  std::optional<HttpReply> refusal = ReadJsonBody(request);

  REQUIRE(refusal.has_value());
  CHECK(413 == refusal->status);
  CHECK(R"({"success":false,"error":"Request body is larger than 65536 bytes"})" == refusal->body);
  CHECK(refusal->close_connection);
}

TEST_CASE("a body that cannot be read is a 400 that closes the connection") {
  HttpRequest request = PostWith("application/json", BodyRead::kBroken);

  std::optional<HttpReply> refusal = ReadJsonBody(request);

  REQUIRE(refusal.has_value());
  CHECK(400 == refusal->status);
  CHECK(R"({"success":false,"error":"Request body could not be read"})" == refusal->body);
  CHECK(refusal->close_connection);
}

TEST_CASE("a readable JSON body is read whole and nothing is left on the connection") {
  HttpRequest request = PostWith("", BodyRead::kOk, R"({"url":"x"})");

  CHECK_FALSE(ReadJsonBody(request).has_value());
  CHECK(R"({"url":"x"})" == request.body());
  CHECK_FALSE(request.body_left_unread());
}

TEST_CASE("a route that takes no body reads and drops any body, whatever its type") {
  Handler handler = WithBodyIgnored([](HttpRequest&) { return JsonReply(200, "{}"); });
  HttpRequest request = PostWith("application/x-www-form-urlencoded", BodyRead::kOk, "a=b");

  HttpReply reply = handler(request);

  CHECK(200 == reply.status);
  CHECK_FALSE(request.body_left_unread());
}

TEST_CASE("a route that takes no body still refuses one past the limit") {
  Handler handler = WithBodyIgnored([](HttpRequest&) { return JsonReply(200, "{}"); });
  HttpRequest request = PostWith("", BodyRead::kTooLarge);

  HttpReply reply = handler(request);

  CHECK(413 == reply.status);
  CHECK(reply.close_connection);
}

}  // namespace
}  // namespace onair::api
