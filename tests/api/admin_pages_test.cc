// GET /admin/pages and the page connections of the Graph detector.
#include "api/admin_pages.h"

#include <doctest/doctest.h>

#include "api_fixture.h"

namespace onair::api {
namespace {

using onair::testing::Answer;
using onair::testing::ApiFixture;

constexpr const char* kConnect = R"({"url": "https://facebook.com/Username", "page_id": "123456",)"
                                 R"( "token": "EAAB0123456789abcdefQz9x"})";

TEST_CASE("watched pages show their live state and orders; an unwatched page is not listed") {
  ApiFixture f;
  f.AddServices();
  const std::string acme = f.AddCustomer("acme");
  f.PlaceOrder(acme, "https://facebook.com/username", R"([{"service_id": 1, "quantity": 100}])");
  f.PlaceOrder(acme, "facebook.com/username/live", R"([{"service_id": 3, "quantity": 100}])");
  f.PlaceOrder(acme, "https://facebook.com/quiet", R"([{"service_id": 3, "quantity": 100}])");
  f.Report("https://facebook.com/username", true, 70, "s1");
  f.Report("https://facebook.com/elsewhere", true, 5);

  Answer answer = f.Admin("GET", "/admin/pages");

  CHECK(R"({"success":true,"data":[)"
        R"({"page":"https://www.facebook.com/quiet","live":false,"session":0,"stream_id":null,)"
        R"("viewers":0,"session_started_at":null,"last_live_at":null,"orders":["MP-000003"],)"
        R"("next_poll":null},)"
        R"({"page":"https://www.facebook.com/username","live":true,"session":1,"stream_id":"s1",)"
        R"("viewers":70,"session_started_at":"2025-12-01T09:00:00+08:00",)"
        R"("last_live_at":"2025-12-01T09:00:00+08:00","orders":["MP-000001","MP-000002"],)"
        R"("next_poll":null}]})" == answer.body);
}

TEST_CASE("a connected page is listed with a token hint, never the token") {
  ApiFixture f;

  Answer connected = f.Admin("POST", "/admin/page-connections", kConnect);
  Answer listed = f.Admin("GET", "/admin/page-connections");

  CHECK(R"({"success":true,"data":{"page":"https://www.facebook.com/username",)"
        R"("page_id":"123456","token_hint":"...Qz9x",)"
        R"("connected_at":"2025-12-01T09:00:00+08:00"}})" == connected.body);
  CHECK(1 == listed.Count("/data"));
  CHECK("...Qz9x" == listed.Text("/data/0/token_hint"));
  CHECK(std::string::npos == listed.body.find("EAAB"));
}

TEST_CASE("connecting a page again replaces its token; another page may not take its id") {
  ApiFixture f;
  REQUIRE(200 == f.Admin("POST", "/admin/page-connections", kConnect).status);

  Answer replaced = f.Admin("POST", "/admin/page-connections",
                            R"({"url": "facebook.com/username", "page_id": "123456",)"
                            R"( "token": "EAAB0123456789abcdefNEW1"})");
  Answer taken = f.Admin("POST", "/admin/page-connections",
                         R"({"url": "facebook.com/other", "page_id": "123456", "token": "t"})");

  CHECK("...NEW1" == replaced.Text("/data/token_hint"));
  CHECK(409 == taken.status);
  CHECK("Page id 123456 is already connected to https://www.facebook.com/username" ==
        taken.Text("/error"));
}

TEST_CASE("a page connection's fields are checked with the documented messages") {
  ApiFixture f;
  struct Case {
    const char* body;
    const char* error;
  };
  const Case cases[] = {
      {R"({"page_id": "1", "token": "t"})", "url is required"},
      {R"({"url": "https://example.com/x", "page_id": "1", "token": "t"})",
       "url must be a facebook.com or fb.com URL"},
      {R"({"url": "facebook.com/x", "token": "t"})", "page_id is required"},
      {R"({"url": "facebook.com/x", "page_id": 1, "token": "t"})", "page_id must be a string"},
      {R"({"url": "facebook.com/x", "page_id": "12a", "token": "t"})",
       "page_id must be 1 to 32 digits"},
      {R"({"url": "facebook.com/x", "page_id": "123456789012345678901234567890123", "token": "t"})",
       "page_id must be 1 to 32 digits"},
      {R"({"url": "facebook.com/x", "page_id": "1"})", "token is required"},
      {R"({"url": "facebook.com/x", "page_id": "1", "token": "a b"})",
       "token must be 1 to 4096 printable ASCII characters without spaces"},
      {R"({"url": "facebook.com/x", "page_id": "1", "token": ""})",
       "token must be 1 to 4096 printable ASCII characters without spaces"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    Answer answer = f.Admin("POST", "/admin/page-connections", c.body);
    CHECK(400 == answer.status);
    CHECK(c.error == answer.Text("/error"));
  }
  CHECK("[]" == f.Admin("GET", "/admin/page-connections").At("/data"));
}

TEST_CASE("removing a connection answers it; removing it again is not found") {
  ApiFixture f;
  REQUIRE(200 == f.Admin("POST", "/admin/page-connections", kConnect).status);

  Answer removed =
      f.Admin("POST", "/admin/page-connections/remove", R"({"url": "m.facebook.com/username"})");
  Answer again =
      f.Admin("POST", "/admin/page-connections/remove", R"({"url": "m.facebook.com/username"})");

  CHECK("123456" == removed.Text("/data/page_id"));
  CHECK(404 == again.status);
  CHECK("Page https://www.facebook.com/username is not connected" == again.Text("/error"));
  CHECK("[]" == f.Admin("GET", "/admin/page-connections").At("/data"));
}

}  // namespace
}  // namespace onair::api
