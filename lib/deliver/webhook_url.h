// Webhook endpoints: the customer's webhook URL taken apart into the connection it needs
// (scheme, host, port) and the request target. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace onair::deliver {

struct WebhookEndpoint {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-cased; an IPv6 address keeps its brackets: "[::1]"
  uint16_t port = 0;   // the URL's, else 80 or 443
  std::string target;  // path and query as given, "/" when the URL has none; never a fragment

  // "https://acme.example:443": one connection pool per origin.
  std::string Origin() const;
};

// Parses an absolute http or https URL of at most 2048 characters. The fragment is dropped (it
// is never sent). kInvalidArgument naming what is wrong ("webhook URL must start with http://
// or https://", "... has no host", "... has an invalid host", "... has an invalid port", "... must
// not contain credentials", "... must not contain spaces or control characters", "... is longer
// than 2048 characters").
Result<WebhookEndpoint> ParseWebhookUrl(std::string_view url);

}  // namespace onair::deliver
