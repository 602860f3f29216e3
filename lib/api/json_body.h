// The gate every route with a request body goes through: the Content-Type must be absent or a
// JSON type, and the body is read whole, at most kMaxBodyBytes (docs/api.md, "Conventions").
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "api/router.h"

namespace onair::api {

// True for no type at all and for application/json, text/json and application/*+json, with or
// without parameters ("application/json; charset=utf-8"), in any letter case.
bool IsJsonContentType(std::string_view content_type);

// Reads the body into HttpRequest::body(). Returns nullopt when it is there, or else the answer:
// 400 "Content-Type must be application/json", 413 "Request body is larger than 65536 bytes"
// (Connection: close), or 400 "Request body could not be read" (Connection: close).
std::optional<HttpReply> ReadJsonBody(HttpRequest& request);

// Wraps `handler` so it runs only once ReadJsonBody succeeded.
Handler WithJsonBody(Handler handler);

// Wraps a `handler` that takes no body: whatever body comes (any type, at most kMaxBodyBytes) is
// read and dropped, so the connection can serve the next request.
Handler WithBodyIgnored(Handler handler);

}  // namespace onair::api
