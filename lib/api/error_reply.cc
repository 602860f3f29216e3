#include "api/error_reply.h"

#include <spdlog/spdlog.h>

#include "wire/json_out.h"

namespace onair::api {

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kAlreadyExists:
      return 409;
    case Code::kFailedPrecondition:
      return 409;
    case Code::kResourceExhausted:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

HttpReply ErrorReply(int http_status, std::string_view message) {
  return JsonReply(http_status, wire::ErrorBody(message));
}

HttpReply StatusReply(const Status& status, std::string_view request_id) {
  switch (status.code()) {
    case Code::kOk:
      // A caller bug: an ok status is no error. Answer as one so the client is not misled.
      spdlog::error("api: error_reply_without_error request={}", request_id);
      return ErrorReply(500, "Internal error");
    case Code::kInternal:
      spdlog::error("api: internal_error request={} detail=\"{}\"", request_id, status.message());
      return ErrorReply(500, "Internal error");
    case Code::kUnavailable:
      spdlog::warn("api: unavailable request={} detail=\"{}\"", request_id, status.message());
      return ErrorReply(503, "Service unavailable, try again");
    default:
      return ErrorReply(HttpStatusFor(status.code()), status.message());
  }
}

}  // namespace onair::api
