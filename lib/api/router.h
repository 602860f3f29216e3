// Router: the route table of one listener. Each route is a method, a regular expression over
// the whole path and a handler. Routing comes before anything else (docs/api.md): an unknown
// path is a 404 and a known path with another method a 405 with an Allow header, whoever asks.
// Add routes before serving; Dispatch is then thread-safe (the table is read-only).
#pragma once

#include <atomic>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "api/http_message.h"

namespace onair::api {

using Handler = std::function<HttpReply(HttpRequest& request)>;

class Router {
 public:
  // `component` names the listener in log lines ("api", "admin").
  explicit Router(std::string component);

  // REQUIRES: not serving yet. `pattern` must match the whole path; its groups become
  // HttpRequest::captures.
  void Add(std::string method, const std::string& pattern, Handler handler);

  // Routes `request` and runs its handler behind one exception guard (an exception is a 500,
  // logged). Marks the answer Connection: close when body bytes are left unread.
  // NOTE: no 503 while the listener stops: a request httplib hands over has been accepted and
  // is served in full (httplib ends kept-alive connections after it), so a client whose body
  // was still on the way when SIGTERM came gets its answer and its order is kept.
  HttpReply Dispatch(HttpRequest& request) const;

  const std::string& component() const { return component_; }

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };

  HttpReply Serve(HttpRequest& request) const;
  HttpReply RunGuarded(const Handler& handler, HttpRequest& request) const;

  // Immutable once serving.
  const std::string component_;
  std::vector<Route> routes_;
};

}  // namespace onair::api
