// HttpListener: one cpp-httplib server bound to one address, serving one Router on its own
// thread pool. It is the only place that knows cpp-httplib: it turns its requests into
// HttpRequest (with the one body reader every POST and PATCH goes through) and HttpReply back
// into bytes, closing the connection when the reply asks for it.
// Bind, Start and Stop are called from one thread; requests are served concurrently.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "api/router.h"
#include "core/status.h"

namespace httplib {
class ContentReader;
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace onair::api {

struct ListenerOptions {
  int threads = 8;  // worker threads; each kept-alive connection holds one while it is open
  int keep_alive_seconds = 5;
  int keep_alive_max_requests = 1000;
  int read_timeout_seconds = 5;
  int write_timeout_seconds = 5;
  bool loopback_only = false;    // refuse to bind anything but a loopback address
  char request_id_prefix = 'r';  // request ids in logs: this letter and a count ("c17")
};

class HttpListener {
 public:
  // `router` must outlive the listener.
  HttpListener(Router* router, ListenerOptions options);
  ~HttpListener();  // Stop()
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  // Binds `address` ("127.0.0.1:8080", "[::1]:0"; port 0 picks a free port). kInvalidArgument
  // for a malformed or (loopback_only) non-loopback address, kUnavailable when it cannot be
  // bound (in use, not an address of this machine).
  Status Bind(const std::string& address);

  // REQUIRES: Bind succeeded. Serves on a new thread; returns once connections are accepted.
  Status Start();

  // Stops accepting, answers 503 to requests that arrive meanwhile on open connections, and
  // returns when the requests in flight are answered. Idempotent.
  void Stop();

  // The address bound, with the port chosen: "127.0.0.1:41234", "[::1]:8081".
  const std::string& bound_address() const { return bound_address_; }
  uint16_t port() const { return port_; }

 private:
  void Install();
  void ConfigureConnections();   // pool, keep-alive, timeouts, socket options
  void InstallRoutes();          // catch-all handlers that hand every request to the Router
  void InstallLibraryAnswers();  // what cpp-httplib answers by itself, made JSON
  // Turns one cpp-httplib request into an HttpRequest, routes it and writes the reply.
  void Serve(const httplib::Request& req, httplib::Response& res,
             const httplib::ContentReader* reader);

  Router* const router_;
  const ListenerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::string bound_address_;
  uint16_t port_ = 0;
  int listen_socket_ = -1;  // the socket cpp-httplib bound last (set from its socket options)
  bool started_ = false;

  std::atomic<uint64_t> next_request_ = 1;  // for request ids, unique per listener
};

}  // namespace onair::api
