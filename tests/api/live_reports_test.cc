// POST /api/live-reports and POST /admin/live-reports: the reporter role, the body's checks,
// the answer, and the report reaching the scheduler.
#include "api/live_reports.h"

#include <doctest/doctest.h>

#include "api_fixture.h"

namespace onair::api {
namespace {

using onair::testing::Answer;
using onair::testing::ApiFixture;

TEST_CASE("a reporter's live report is answered with the report as read and fires orders") {
  ApiFixture f;
  f.AddServices();
  const std::string reporter = f.AddCustomer("watcher", {"reporter"});
  const std::string acme = f.AddCustomer("acme");
  const std::string order = f.PlaceOrder(acme, "https://facebook.com/username",
                                         R"([{"service_id": 1, "quantity": 100}])");

  Answer answer = f.Customer(reporter, "POST", "/api/live-reports",
                             R"({"url": "m.facebook.com/Username/live", "live": true,)"
                             R"( "viewers": "150", "stream_id": "1234567890"})");
  f.RunScheduler();

  CHECK(200 == answer.status);
  CHECK(R"({"success":true,"data":{"page":"https://www.facebook.com/username","live":true,)"
        R"("viewers":150,"stream_id":"1234567890"}})" == answer.body);
  Answer dispatches = f.Customer(acme, "GET", "/api/dispatches");
  CHECK(1 == dispatches.Count("/data"));
  CHECK(order == dispatches.Text("/data/0/order_id"));
  CHECK("1234567890" == dispatches.Text("/data/0/stream_id"));
  CHECK("150" == dispatches.At("/data/0/viewers"));
}

TEST_CASE("a report without viewers or stream id shows them as null") {
  ApiFixture f;
  const std::string reporter = f.AddCustomer("watcher", {"reporter"});

  Answer answer = f.Customer(reporter, "POST", "/api/live-reports",
                             R"({"url": "https://facebook.com/username", "live": false})");

  CHECK(R"({"success":true,"data":{"page":"https://www.facebook.com/username","live":false,)"
        R"("viewers":null,"stream_id":null}})" == answer.body);
}

TEST_CASE("a key without the reporter role gets 403 before its body is read") {
  ApiFixture f;
  const std::string acme = f.AddCustomer("acme");

  Answer answer = f.Customer(acme, "POST", "/api/live-reports", "not even json");

  CHECK(403 == answer.status);
  CHECK(R"({"success":false,"error":"This key may not use /api/live-reports"})" == answer.body);
}

TEST_CASE("a live report without a valid key is the guide's 403") {
  ApiFixture f;

  Answer answer = f.Customer("oak_nope", "POST", "/api/live-reports", "{}");

  CHECK(403 == answer.status);
  CHECK(R"({"detail":"Invalid or missing API key"})" == answer.body);
}

TEST_CASE("a live report's fields are checked in order with the documented messages") {
  ApiFixture f;
  const std::string reporter = f.AddCustomer("watcher", {"reporter"});
  struct Case {
    const char* body;
    const char* error;
  };
  const Case cases[] = {
      {R"({"live": true})", "url is required"},
      {R"({"url": 5, "live": true})", "url must be a string"},
      {R"({"url": "https://example.com/x", "live": true})",
       "url must be a facebook.com or fb.com URL"},
      {R"({"url": "fb.watch/abc", "live": true})",
       "url is a short or share link, which onair cannot resolve without calling Facebook; send "
       "the page's own URL"},
      {R"({"url": "facebook.com/x"})", "live is required"},
      {R"({"url": "facebook.com/x", "live": null})", "live is required"},
      {R"({"url": "facebook.com/x", "live": "yes"})", "live must be true or false"},
      {R"({"url": "facebook.com/x", "live": true, "viewers": 2.5})", "viewers must be an integer"},
      {R"({"url": "facebook.com/x", "live": true, "viewers": -1})", "viewers must be 0 or more"},
      {R"({"url": "facebook.com/x", "live": true, "stream_id": 7})", "stream_id must be a string"},
      {R"({"url": "facebook.com/x", "live": true, "stream_id": ""})",
       "stream_id must be 1 to 128 characters without control characters"},
      {R"({"url": "facebook.com/x", "live": true, "stream_id": "a\tb"})",
       "stream_id must be 1 to 128 characters without control characters"},
      {R"({"url": "facebook.com/x", "live": true, "stream_id": "a\u0085b"})",
       "stream_id must be 1 to 128 characters without control characters"},
      {R"({"url": "https://example.com/x", "live": "yes"})",
       "url must be a facebook.com or fb.com URL"},
      {R"([])", "Request body must be a JSON object"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    Answer answer = f.Customer(reporter, "POST", "/api/live-reports", c.body);
    CHECK(400 == answer.status);
    CHECK(c.error == answer.Text("/error"));
  }
}

TEST_CASE("a stream id of 128 characters, multi-byte ones too, is accepted; 129 is not") {
  std::string accented;
  for (int i = 0; i < 128; ++i) accented += "\xC3\xA9";  // é

  Result<LiveReport> longest = ParseLiveReport(
      R"({"url": "facebook.com/x", "live": true, "stream_id": ")" + accented + "\"}", {});
  Result<LiveReport> too_long = ParseLiveReport(
      R"({"url": "facebook.com/x", "live": true, "stream_id": ")" + accented + "e\"}", {});

  REQUIRE(longest.ok());
  CHECK(accented == longest->stream_id);
  CHECK("invalid_argument: stream_id must be 1 to 128 characters without control characters" ==
        too_long.status().ToString());
}

TEST_CASE("the admin API takes the same report without a role") {
  ApiFixture f;

  Answer answer =
      f.Admin("POST", "/admin/live-reports",
              R"({"url": "https://facebook.com/username", "live": true, "viewers": 3})");
  Answer refused = f.Admin("POST", "/admin/live-reports", R"({"url": "facebook.com/x"})");

  CHECK(R"({"success":true,"data":{"page":"https://www.facebook.com/username","live":true,)"
        R"("viewers":3,"stream_id":null}})" == answer.body);
  CHECK(400 == refused.status);
  CHECK("live is required" == refused.Text("/error"));
}

TEST_CASE("a page reported live before anyone ordered it fires the order placed next") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  f.Report("https://facebook.com/username", true, 40, "s1");

  f.PlaceOrder(acme, "https://facebook.com/username", R"([{"service_id": 3, "quantity": 200}])");

  Answer dispatches = f.Customer(acme, "GET", "/api/dispatches");
  CHECK(1 == dispatches.Count("/data"));
  CHECK("40" == dispatches.At("/data/0/viewers"));
  CHECK("s1" == dispatches.Text("/data/0/stream_id"));
}

}  // namespace
}  // namespace onair::api
