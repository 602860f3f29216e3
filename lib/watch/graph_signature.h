// The two HMAC-SHA256 uses of a Graph app's secret: the appsecret_proof sent with Graph requests,
// and the X-Hub-Signature-256 header Meta puts on webhook deliveries. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace onair::watch {

// Lower-case hex of HMAC-SHA256 over `message` keyed with `key`.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// Graph's appsecret_proof for `access_token`: HmacSha256Hex(app_secret, access_token).
std::string AppSecretProof(std::string_view app_secret, std::string_view access_token);

// Checks `header`, "sha256=" + hex HMAC-SHA256 of `raw_body` keyed with `app_secret`, in time
// that does not depend on where it differs (hex digits in either case). kUnauthenticated
// "X-Hub-Signature-256 is missing or malformed" or "X-Hub-Signature-256 does not match the
// body"; kFailedPrecondition "graph app_secret is not configured" for an empty secret.
Status CheckHubSignature(std::string_view app_secret, std::string_view raw_body,
                         std::string_view header);

}  // namespace onair::watch
