// PATCH /admin/customers/{name}: webhooks with their one-time secret, and roles.
#include "api/admin_customers.h"

#include <doctest/doctest.h>

#include "api_fixture.h"
#include "deliver/webhook_signature.h"

namespace onair::api {
namespace {

using onair::testing::Answer;
using onair::testing::ApiFixture;

TEST_CASE("setting a webhook answers a fresh whsec_ secret once and shows only the URL after") {
  ApiFixture f;
  f.AddCustomer("acme");

  Answer set =
      f.Admin("PATCH", "/admin/customers/acme", R"({"webhook": "https://acme.example/onair"})");
  Answer again =
      f.Admin("PATCH", "/admin/customers/acme", R"({"webhook": "https://acme.example/onair"})");
  Answer listed = f.Admin("GET", "/admin/customers");

  CHECK(200 == set.status);
  CHECK("https://acme.example/onair" == set.Text("/data/webhook"));
  const std::string secret = set.Text("/data/webhook_secret");
  CHECK("whsec_" == secret.substr(0, 6));
  Result<std::string> key = deliver::DecodeWebhookSecret(secret);
  REQUIRE(key.ok());
  CHECK(32 == key->size());
  CHECK(secret != again.Text("/data/webhook_secret"));
  CHECK("https://acme.example/onair" == listed.Text("/data/0/webhook"));
  CHECK("<absent>" == listed.At("/data/0/webhook_secret"));
}

TEST_CASE("a customer object has webhook between roles and created_at, null without one") {
  ApiFixture f;
  f.AddCustomer("acme");

  Answer listed = f.Admin("GET", "/admin/customers");

  CHECK(R"({"success":true,"data":[{"id":1,"name":"acme","rate_limit":1000,)"
        R"("read_rate_limit":10000,"roles":[],"webhook":null,)"
        R"("created_at":"2025-12-01T09:00:00+08:00"}]})" == listed.body);
}

TEST_CASE("a null webhook removes it; an absent one leaves it and shows no secret") {
  ApiFixture f;
  f.AddCustomer("acme");
  REQUIRE(
      200 ==
      f.Admin("PATCH", "/admin/customers/acme", R"({"webhook": "http://127.0.0.1:9/x"})").status);

  Answer untouched = f.Admin("PATCH", "/admin/customers/acme", R"({"rate_limit": 5})");
  Answer removed = f.Admin("PATCH", "/admin/customers/acme", R"({"webhook": null})");

  CHECK("http://127.0.0.1:9/x" == untouched.Text("/data/webhook"));
  CHECK("<absent>" == untouched.At("/data/webhook_secret"));
  CHECK("null" == removed.At("/data/webhook"));
  CHECK("<absent>" == removed.At("/data/webhook_secret"));
}

TEST_CASE("a webhook that is not an http(s) URL is refused saying why") {
  ApiFixture f;
  f.AddCustomer("acme");
  struct Case {
    const char* body;
    const char* error;
  };
  const Case cases[] = {
      {R"({"webhook": 5})", "webhook must be a string"},
      {R"({"webhook": "ftp://acme.example/x"})", "webhook URL must start with http:// or https://"},
      {R"({"webhook": "https://user:pw@acme.example/"})",
       "webhook URL must not contain credentials"},
      {R"({"webhook": "https:///x"})", "webhook URL has no host"},
      {R"({"webhook": "https://acme.example:99999/"})", "webhook URL has an invalid port"},
      {R"({"webhook": "https://acme.example/a b"})",
       "webhook URL must not contain spaces or control characters"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.body);
    Answer answer = f.Admin("PATCH", "/admin/customers/acme", c.body);
    CHECK(400 == answer.status);
    CHECK(c.error == answer.Text("/error"));
  }
  CHECK("null" == f.Admin("GET", "/admin/customers").At("/data/0/webhook"));
}

TEST_CASE("roles are set from the known ones, once each; null or [] removes them") {
  ApiFixture f;
  f.AddCustomer("acme");

  Answer set = f.Admin("PATCH", "/admin/customers/acme", R"({"roles": ["reporter", "reporter"]})");
  Answer unknown = f.Admin("PATCH", "/admin/customers/acme", R"({"roles": ["reporter", "admin"]})");
  Answer not_strings = f.Admin("PATCH", "/admin/customers/acme", R"({"roles": "reporter"})");
  Answer kept = f.Admin("GET", "/admin/customers");
  Answer cleared = f.Admin("PATCH", "/admin/customers/acme", R"({"roles": null})");
  f.Admin("PATCH", "/admin/customers/acme", R"({"roles": ["reporter"]})");
  Answer emptied = f.Admin("PATCH", "/admin/customers/acme", R"({"roles": []})");

  CHECK(R"(["reporter"])" == set.At("/data/roles"));
  CHECK(400 == unknown.status);
  CHECK(R"(role "admin" is not one of: reporter)" == unknown.Text("/error"));
  CHECK("roles must be an array of strings" == not_strings.Text("/error"));
  CHECK(R"(["reporter"])" == kept.At("/data/0/roles"));
  CHECK("[]" == cleared.At("/data/roles"));
  CHECK("[]" == emptied.At("/data/roles"));
}

TEST_CASE("a customer given the reporter role may push live reports") {
  ApiFixture f;
  const std::string key = f.AddCustomer("watcher");
  const std::string report = R"({"url": "facebook.com/x", "live": true})";
  REQUIRE(403 == f.Customer(key, "POST", "/api/live-reports", report).status);

  f.Admin("PATCH", "/admin/customers/watcher", R"({"roles": ["reporter"]})");

  CHECK(200 == f.Customer(key, "POST", "/api/live-reports", report).status);
}

}  // namespace
}  // namespace onair::api
