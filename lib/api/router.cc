#include "api/router.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

#include "api/error_reply.h"

namespace onair::api {

Router::Router(std::string component) : component_(std::move(component)) {}

void Router::Add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back({std::move(method), std::regex(pattern), std::move(handler)});
}

HttpReply Router::Dispatch(HttpRequest& request) const {
  HttpReply reply = Serve(request);

  // Bytes of a body nobody read would be taken for the next request on this connection.
  if (request.body_left_unread()) reply.close_connection = true;

  if (reply.status >= 500) {
    spdlog::warn("{}: request_failed request={} method={} path={} status={}", component_,
                 request.request_id, request.method, request.path, reply.status);
  } else {
    spdlog::debug("{}: request request={} method={} path={} status={}", component_,
                  request.request_id, request.method, request.path, reply.status);
  }
  return reply;
}

HttpReply Router::Serve(HttpRequest& request) const {
  std::vector<std::string> allowed;
  for (const auto& route : routes_) {
    std::smatch match;
    if (!std::regex_match(request.path, match, route.pattern)) continue;
    if (route.method != request.method) {
      allowed.push_back(route.method);
      continue;
    }
    request.captures.clear();
    for (size_t i = 1; i < match.size(); ++i) request.captures.push_back(match[i].str());
    return RunGuarded(route.handler, request);
  }

  if (allowed.empty()) {
    return ErrorReply(404, "Not found: " + request.method + " " + request.path);
  }
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  std::string allow;
  for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;

  HttpReply reply = ErrorReply(405, "Method not allowed: " + request.method + " " + request.path);
  reply.SetHeader("Allow", allow);
  return reply;
}

HttpReply Router::RunGuarded(const Handler& handler, HttpRequest& request) const {
  // NOTE: the one place exceptions stop; nothing below HTTP throws on purpose, so whatever
  // arrives here is a bug (or std::bad_alloc) and the client learns only "Internal error".
  try {
    return handler(request);
  } catch (const std::exception& e) {
    spdlog::error("{}: handler_exception request={} path={} what=\"{}\"", component_,
                  request.request_id, request.path, e.what());
  } catch (...) {
    spdlog::error("{}: handler_exception request={} path={} what=unknown", component_,
                  request.request_id, request.path);
  }
  return ErrorReply(500, "Internal error");
}

}  // namespace onair::api
