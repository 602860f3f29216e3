// AdminClient: one HTTP client for onaird's admin API (docs/api.md, "Admin API"). It sends the
// bearer token with every request and turns answers into AdminAnswer or a Status carrying the
// API's own error message. Not thread-safe; onairctl makes one per run.
#pragma once

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "ctl/daemon_address.h"

namespace httplib {
class Client;
class Result;
}  // namespace httplib

namespace onair::ctl {

// A successful answer, {"success": true, "data": ..., ["next_cursor": ...]}. Owns the parsed
// document; the elements it hands out live as long as the answer.
class AdminAnswer {
 public:
  // kInternal when `body` is not the admin API's envelope; otherwise, for "success": false, a
  // status whose message is the answer's "error".
  static Result<AdminAnswer> Parse(int http_status, const std::string& body);

  simdjson::dom::element data() const { return data_; }
  // The "next_cursor" beside "data" of a paged list; nullopt when absent or null.
  std::optional<std::string> next_cursor() const;
  // `data` as compact JSON text.
  std::string DataJson() const;

 private:
  AdminAnswer(std::unique_ptr<simdjson::dom::parser> parser, simdjson::dom::object root,
              simdjson::dom::element data);

  // NOTE: the elements point into the parser's document, so the parser stays on the heap where
  // moving the answer does not move it.
  std::unique_ptr<simdjson::dom::parser> parser_;
  simdjson::dom::object root_;
  simdjson::dom::element data_;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

class AdminClient {
 public:
  explicit AdminClient(DaemonAddress address);
  ~AdminClient();
  AdminClient(const AdminClient&) = delete;
  AdminClient& operator=(const AdminClient&) = delete;

  // `path` is already percent-encoded where needed (see PathSegment); `query` values are
  // encoded here. Failures: kUnavailable when onaird cannot be reached, the API's error
  // otherwise.
  Result<AdminAnswer> Get(const std::string& path, const QueryParams& query = {});
  Result<AdminAnswer> Post(const std::string& path, const std::string& json_body);
  Result<AdminAnswer> Patch(const std::string& path, const std::string& json_body);

 private:
  Result<AdminAnswer> Finish(httplib::Result& http_result);
  std::string Where() const;

  DaemonAddress address_;
  std::unique_ptr<httplib::Client> http_;
};

// Percent-encodes one path segment (a customer name, an order id) so it cannot change the path.
std::string PathSegment(std::string_view text);

}  // namespace onair::ctl
