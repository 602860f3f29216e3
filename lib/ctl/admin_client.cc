#include "ctl/admin_client.h"

#include <httplib.h>

#include <cstdio>

namespace onair::ctl {
namespace {

// The admin API is on loopback: a connection that takes longer than this is not coming.
constexpr int kConnectTimeoutSeconds = 5;
// Listing many orders can take a while on a busy machine; still, never hang forever.
constexpr int kReadTimeoutSeconds = 60;

Code CodeForHttpStatus(int status) {
  switch (status) {
    case 400:
      return Code::kInvalidArgument;
    case 401:
      return Code::kUnauthenticated;
    case 403:
      return Code::kPermissionDenied;
    case 404:
      return Code::kNotFound;
    case 409:
      return Code::kAlreadyExists;
    case 503:
      return Code::kUnavailable;
    default:
      return Code::kInternal;
  }
}

// httplib's own names for its errors are terse ("Read"); say what happened.
std::string Describe(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "cannot connect (is onaird running?)";
    case httplib::Error::ConnectionTimeout:
      return "connecting timed out";
    case httplib::Error::Read:
      return "no answer (the connection failed or timed out while reading)";
    case httplib::Error::Write:
      return "the request could not be sent";
    default:
      return httplib::to_string(error);
  }
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

AdminAnswer::AdminAnswer(std::unique_ptr<simdjson::dom::parser> parser, simdjson::dom::object root,
                         simdjson::dom::element data)
    : parser_(std::move(parser)), root_(root), data_(data) {}

Result<AdminAnswer> AdminAnswer::Parse(int http_status, const std::string& body) {
  auto parser = std::make_unique<simdjson::dom::parser>();
  simdjson::dom::object root;
  if (parser->parse(simdjson::padded_string(body)).get(root) != simdjson::SUCCESS) {
    return Status::Internal("onaird answered HTTP " + std::to_string(http_status) +
                            " with a body that is not a JSON object");
  }

  bool success = false;
  if (root["success"].get(success) != simdjson::SUCCESS) {
    return Status::Internal("onaird answered HTTP " + std::to_string(http_status) +
                            " without \"success\"");
  }
  if (!success || http_status < 200 || http_status > 299) {
    std::string_view error;
    if (root["error"].get(error) != simdjson::SUCCESS) {
      return Status::Internal("onaird answered HTTP " + std::to_string(http_status) +
                              " without an error message");
    }
    return Status(CodeForHttpStatus(http_status), std::string(error));
  }

  simdjson::dom::element data;
  if (root["data"].get(data) != simdjson::SUCCESS) {
    return Status::Internal("onaird answered HTTP " + std::to_string(http_status) +
                            " without \"data\"");
  }
  return AdminAnswer(std::move(parser), root, data);
}

std::optional<std::string> AdminAnswer::next_cursor() const {
  std::string_view cursor;
  if (root_["next_cursor"].get(cursor) != simdjson::SUCCESS) return std::nullopt;
  return std::string(cursor);
}

std::string AdminAnswer::DataJson() const {
  return simdjson::minify(data_);
}

AdminClient::AdminClient(DaemonAddress address)
    : address_(std::move(address)),
      http_(std::make_unique<httplib::Client>(address_.host, address_.port)) {
  http_->set_connection_timeout(kConnectTimeoutSeconds, 0);
  http_->set_read_timeout(kReadTimeoutSeconds, 0);
  http_->set_write_timeout(kReadTimeoutSeconds, 0);
  http_->set_bearer_token_auth(address_.token.c_str());
}

AdminClient::~AdminClient() = default;

Result<AdminAnswer> AdminClient::Get(const std::string& path, const QueryParams& query) {
  httplib::Params params(query.begin(), query.end());
  httplib::Result result = http_->Get(path.c_str(), params, httplib::Headers{});
  return Finish(result);
}

Result<AdminAnswer> AdminClient::Post(const std::string& path, const std::string& json_body) {
  httplib::Result result = http_->Post(path.c_str(), json_body, "application/json");
  return Finish(result);
}

Result<AdminAnswer> AdminClient::Patch(const std::string& path, const std::string& json_body) {
  httplib::Result result = http_->Patch(path.c_str(), json_body, "application/json");
  return Finish(result);
}

Result<AdminAnswer> AdminClient::Finish(httplib::Result& http_result) {
  if (!http_result) {
    return Status::Unavailable("cannot reach onaird's admin API at " + Where() + ": " +
                               Describe(http_result.error()));
  }
  return AdminAnswer::Parse(http_result->status, http_result->body);
}

std::string AdminClient::Where() const {
  bool ipv6 = address_.host.find(':') != std::string::npos;
  std::string host = ipv6 ? "[" + address_.host + "]" : address_.host;
  return host + ":" + std::to_string(address_.port);
}

std::string PathSegment(std::string_view text) {
  std::string encoded;
  for (unsigned char c : text) {
    if (IsUnreserved(c)) {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", c);
      encoded += hex;
    }
  }
  return encoded;
}

}  // namespace onair::ctl
