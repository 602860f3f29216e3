// The one mapping from onair's domain Status to an HTTP answer (docs/api.md, "Errors"). Only
// lib/api knows status numbers; the bodies are written by the JSON writer. Thread-safe.
#pragma once

#include <string_view>

#include "api/http_message.h"
#include "core/status.h"

namespace onair::api {

// The HTTP status for a non-ok `code`: kInvalidArgument 400, kUnauthenticated 401,
// kPermissionDenied 403, kNotFound 404, kAlreadyExists and kFailedPrecondition 409,
// kResourceExhausted 429, kUnavailable 503, kInternal 500.
int HttpStatusFor(Code code);

// `http_status` with {"success": false, "error": message}.
HttpReply ErrorReply(int http_status, std::string_view message);

// REQUIRES: !status.ok(). The answer for `status`. Internal and unavailable errors answer the
// fixed texts "Internal error" and "Service unavailable, try again": their detail (a storage
// message, say) goes only to the log, under `request_id`.
HttpReply StatusReply(const Status& status, std::string_view request_id);

}  // namespace onair::api
