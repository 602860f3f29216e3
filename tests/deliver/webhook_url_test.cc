#include "deliver/webhook_url.h"

#include <doctest/doctest.h>

#include <string>

namespace onair::deliver {
namespace {

// "https acme.example 443 /onair?x=1": the parts of a parsed URL, or the error message.
std::string Parse(std::string_view url) {
  Result<WebhookEndpoint> endpoint = ParseWebhookUrl(url);
  if (!endpoint.ok()) return endpoint.status().message();
  return endpoint->scheme + " " + endpoint->host + " " + std::to_string(endpoint->port) + " " +
         endpoint->target;
}

TEST_CASE("http and https URLs give scheme, host, port and target") {
  CHECK("https acme.example 443 /onair" == Parse("https://acme.example/onair"));
  CHECK("http acme.example 80 /" == Parse("http://acme.example"));
  CHECK("http 127.0.0.1 8080 /hook?a=1&b=2" == Parse("http://127.0.0.1:8080/hook?a=1&b=2"));
  CHECK("https [::1] 8443 /" == Parse("https://[::1]:8443"));
  CHECK("http [::1] 80 /" == Parse("http://[::1]/"));
  CHECK("http acme.example 80 /?only=query" == Parse("http://acme.example?only=query"));
}

TEST_CASE("scheme and host are lower-cased and the path is kept as given") {
  CHECK("https acme.example 443 /Hook/A" == Parse("HTTPS://Acme.Example/Hook/A"));
}

TEST_CASE("the fragment is dropped") {
  CHECK("https acme.example 443 /onair" == Parse("https://acme.example/onair#part"));
  CHECK("https acme.example 443 /" == Parse("https://acme.example#part"));
}

TEST_CASE("the origin names scheme, host and port, the key of a connection pool") {
  Result<WebhookEndpoint> endpoint = ParseWebhookUrl("https://Acme.example/x");
  REQUIRE(endpoint.ok());

  CHECK("https://acme.example:443" == endpoint->Origin());
}

TEST_CASE("URLs a webhook cannot use are refused with the reason") {
  CHECK("webhook URL must start with http:// or https://" == Parse("ftp://acme.example/"));
  CHECK("webhook URL must start with http:// or https://" == Parse("acme.example/onair"));
  CHECK("webhook URL must start with http:// or https://" == Parse(""));
  CHECK("webhook URL has no host" == Parse("https:///onair"));
  CHECK("webhook URL has no host" == Parse("https://:443/onair"));
  CHECK("webhook URL has an invalid host" == Parse("https://acme$.example/"));
  CHECK("webhook URL has an invalid host" == Parse("https://[::1/"));
  CHECK("webhook URL has an invalid port" == Parse("https://acme.example:/"));
  CHECK("webhook URL has an invalid port" == Parse("https://acme.example:0/"));
  CHECK("webhook URL has an invalid port" == Parse("https://acme.example:65536/"));
  CHECK("webhook URL has an invalid port" == Parse("https://acme.example:8o/"));
  CHECK("webhook URL has an invalid port" == Parse("https://[::1]x/"));
  CHECK("webhook URL must not contain credentials" == Parse("https://user:pw@acme.example/"));
  CHECK("webhook URL must not contain spaces or control characters" ==
        Parse("https://acme.example/a b"));
  CHECK("webhook URL must not contain spaces or control characters" ==
        Parse("https://acme.example/\r\nX-Evil: 1"));
  CHECK("webhook URL is longer than 2048 characters" ==
        Parse("https://acme.example/" + std::string(2048, 'a')));
}

}  // namespace
}  // namespace onair::deliver
