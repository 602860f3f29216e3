// Standard Webhooks signing (docs/webhooks.md): the customer's secret, "whsec_" + base64 of the
// key, and the "v1," signature of one attempt. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace onair::deliver {

// A new signing secret: "whsec_" + base64 of 32 random bytes. kInternal if the generator fails.
Result<std::string> GenerateWebhookSecret();

// The key behind `secret`: the base64-decoded part after "whsec_" (standard alphabet, padded).
// kInvalidArgument "webhook secret is not whsec_ and base64" for anything else; the message
// never repeats the secret.
Result<std::string> DecodeWebhookSecret(std::string_view secret);

// "v1," + base64 of HMAC-SHA256 keyed with `key` over "{id}.{timestamp}.{body}".
std::string SignWebhook(std::string_view key, std::string_view id, int64_t timestamp,
                        std::string_view body);

}  // namespace onair::deliver
