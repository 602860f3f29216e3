#include "api/json_body.h"

#include <strings.h>

#include <string>

#include "api/error_reply.h"

namespace onair::api {
namespace {

std::string_view Trim(std::string_view text) {
  const char* kSpace = " \t";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

// The answer for a body that could not be read whole; nullopt when it was.
std::optional<HttpReply> RefuseUnreadable(HttpRequest& request) {
  switch (request.ReadBody()) {
    case BodyRead::kOk:
      return std::nullopt;
    case BodyRead::kTooLarge: {
      HttpReply reply = ErrorReply(
          413, "Request body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
      reply.close_connection = true;
      return reply;
    }
    case BodyRead::kBroken:
      break;
  }
  HttpReply reply = ErrorReply(400, "Request body could not be read");
  reply.close_connection = true;
  return reply;
}

}  // namespace

bool IsJsonContentType(std::string_view content_type) {
  std::string_view media_type = Trim(content_type.substr(0, content_type.find(';')));
  if (media_type.empty()) return Trim(content_type).empty();

  size_t slash = media_type.find('/');
  if (slash == std::string_view::npos) return false;
  std::string_view type = media_type.substr(0, slash);
  std::string_view subtype = media_type.substr(slash + 1);
  if (EqualsIgnoreCase(subtype, "json")) {
    return EqualsIgnoreCase(type, "application") || EqualsIgnoreCase(type, "text");
  }
  return EqualsIgnoreCase(type, "application") && subtype.size() > 5 &&
         EndsWithIgnoreCase(subtype, "+json");
}

std::optional<HttpReply> ReadJsonBody(HttpRequest& request) {
  if (!IsJsonContentType(request.Header("Content-Type"))) {
    return ErrorReply(400, "Content-Type must be application/json");
  }
  return RefuseUnreadable(request);
}

Handler WithJsonBody(Handler handler) {
  return [handler = std::move(handler)](HttpRequest& request) {
    if (std::optional<HttpReply> refusal = ReadJsonBody(request)) return *std::move(refusal);
    return handler(request);
  };
}

Handler WithBodyIgnored(Handler handler) {
  return [handler = std::move(handler)](HttpRequest& request) {
    if (std::optional<HttpReply> refusal = RefuseUnreadable(request)) return *std::move(refusal);
    return handler(request);
  };
}

}  // namespace onair::api
