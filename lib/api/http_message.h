// HttpRequest and HttpReply: what a route handler sees of a request and what it answers, free of
// the HTTP library so handlers, auth and the error mapper read (and test) as plain functions.
// Value types; one request is handled by one thread.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace onair::api {

// The most a request body may hold, whatever its framing (docs/api.md, "Body size").
inline constexpr size_t kMaxBodyBytes = 65536;

struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

using HeaderMap = std::multimap<std::string, std::string, CaseInsensitiveLess>;

// How reading the body went.
enum class BodyRead {
  kOk,        // the whole body is in HttpRequest::body
  kTooLarge,  // more than kMaxBodyBytes; the rest is left unread
  kBroken,    // the client stopped sending, sent bad framing or an unknown content coding
};

class HttpRequest {
 public:
  // Reads the body on first call, at most kMaxBodyBytes; later calls repeat the outcome.
  using BodyReader = std::function<BodyRead(std::string* body)>;

  std::string method;
  std::string path;
  std::vector<std::string> captures;  // the route pattern's groups, in order
  HeaderMap headers;
  std::multimap<std::string, std::string> query;
  std::string remote;      // peer address, for logs
  std::string request_id;  // ties log lines of one request together

  // "" when absent; the first value when repeated.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  // nullopt when absent; the first value when repeated.
  std::optional<std::string> Query(std::string_view name) const;

  // Sets where the body comes from. `pending` is true when bytes of a body wait on the
  // connection, so an answer that leaves them unread must close it.
  void SetBodyReader(BodyReader reader, bool pending);
  // A request whose body is already in memory (tests, requests without framing).
  void SetBody(std::string body);

  BodyRead ReadBody();
  const std::string& body() const { return body_; }
  // True while body bytes wait unread on the connection (never read, or reading stopped early).
  bool body_left_unread() const { return body_pending_; }

 private:
  BodyReader reader_;
  std::optional<BodyRead> outcome_;
  bool body_pending_ = false;
  std::string body_;
};

struct HttpReply {
  int status = 200;
  std::string body;  // JSON text, unless content_type says otherwise
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  bool close_connection = false;

  void SetHeader(std::string name, std::string value);
  // "" when absent.
  std::string Header(std::string_view name) const;
};

// A reply with `status` and the JSON text `body`.
HttpReply JsonReply(int status, std::string body);
// A reply with `status` and `text` as text/plain; for the one answer a caller outside onair
// fixes (the Graph webhook's handshake echoes its challenge).
HttpReply TextReply(int status, std::string text);

}  // namespace onair::api
