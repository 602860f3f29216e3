#include "api/http_listener.h"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <strings.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>

#include "api/error_reply.h"
#include "config/config.h"
#include "wire/json_out.h"

namespace onair::api {
namespace {

bool EqualsIgnoreCase(const std::string& a, const char* b) {
  return strcasecmp(a.c_str(), b) == 0;
}

// The body's framing as the request announces it.
struct Framing {
  enum class Kind { kNone, kLength, kChunked, kUnknown } kind = Kind::kNone;
  uint64_t length = 0;  // kLength
};

Framing FramingOf(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) {
    // cpp-httplib decodes only a Transfer-Encoding that is exactly "chunked".
    if (EqualsIgnoreCase(req.get_header_value("Transfer-Encoding"), "chunked")) {
      return {Framing::Kind::kChunked};
    }
    return {Framing::Kind::kUnknown};
  }
  if (!req.has_header("Content-Length")) return {Framing::Kind::kNone};

  const std::string text = req.get_header_value("Content-Length");
  if (text.empty() || text.size() > 19 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return {Framing::Kind::kUnknown};
  }
  return {Framing::Kind::kLength, std::strtoull(text.c_str(), nullptr, 10)};
}

// Reads the body through cpp-httplib's reader, which undoes chunking and any content coding,
// counting the bytes it hands over so no framing can get past kMaxBodyBytes.
BodyRead ReadLimited(const httplib::ContentReader& reader, std::string* body) {
  bool too_large = false;
  const bool complete = reader([&](const char* data, size_t size) {
    if (body->size() + size > kMaxBodyBytes) {
      too_large = true;
      return false;
    }
    body->append(data, size);
    return true;
  });
  if (too_large) return BodyRead::kTooLarge;
  return complete ? BodyRead::kOk : BodyRead::kBroken;
}

// Sets where `request` gets its body from. `reader` is null for methods cpp-httplib reads no
// body for (GET, HEAD, OPTIONS, ...): any body they announce stays unread.
void AttachBody(const httplib::Request& req, const httplib::ContentReader* reader,
                HttpRequest& request) {
  const Framing framing = FramingOf(req);
  const bool pending = framing.kind == Framing::Kind::kChunked ||
                       framing.kind == Framing::Kind::kUnknown ||
                       (framing.kind == Framing::Kind::kLength && framing.length > 0);
  if (!pending) {
    // NOTE: without framing there is no body; asking cpp-httplib to read one would wait for
    // the client to close the connection.
    request.SetBody("");
    return;
  }
  if (reader == nullptr) {
    request.SetBodyReader(nullptr, /*pending=*/true);
    return;
  }
  request.SetBodyReader(
      [reader, framing](std::string* body) {
        if (framing.kind == Framing::Kind::kUnknown) return BodyRead::kBroken;
        if (framing.kind == Framing::Kind::kLength && framing.length > kMaxBodyBytes) {
          return BodyRead::kTooLarge;
        }
        return ReadLimited(*reader, body);
      },
      /*pending=*/true);
}

// NOTE: cpp-httplib 0.11.4 keeps the connection open whatever Connection header a handler
// sets; it closes only when writing the answer fails. So a reply that must close is written by
// a content provider that sends the whole body and then reports failure: the client gets a
// complete answer and the socket is closed before any unread body could be taken for a request.
void SetClosingBody(httplib::Response& res, std::string body,
                    const std::string& content_type = "application/json") {
  if (body.empty()) body = "{}";
  auto shared = std::make_shared<std::string>(std::move(body));
  res.set_header("Connection", "close");
  res.set_content_provider(shared->size(), content_type.c_str(),
                           [shared](size_t offset, size_t length, httplib::DataSink& sink) {
                             sink.write(shared->data() + offset, length);
                             return false;
                           });
}

void WriteReply(HttpReply reply, httplib::Response& res) {
  res.status = reply.status;
  for (auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  if (reply.close_connection) {
    SetClosingBody(res, std::move(reply.body), reply.content_type);
  } else {
    res.set_content(reply.body, reply.content_type.c_str());
  }
}

// The message for an error cpp-httplib answers by itself, before any route runs.
const char* LibraryErrorMessage(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 413:
      return "Request body is larger than 65536 bytes";
    case 414:
      return "Request URI is too long";
    case 416:
      return "Range not satisfiable";
    default:
      return "Request could not be handled";
  }
}

std::string FormatAddress(const std::string& host, uint16_t port) {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

}  // namespace

HttpListener::HttpListener(Router* router, ListenerOptions options)
    : router_(router), options_(options), server_(std::make_unique<httplib::Server>()) {
  Install();
}

HttpListener::~HttpListener() {
  Stop();
}

void HttpListener::Install() {
  ConfigureConnections();
  InstallRoutes();
  InstallLibraryAnswers();
}

void HttpListener::ConfigureConnections() {
  httplib::Server& server = *server_;
  const size_t threads = static_cast<size_t>(std::max(1, options_.threads));
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(static_cast<size_t>(options_.keep_alive_max_requests));
  server.set_keep_alive_timeout(options_.keep_alive_seconds);
  server.set_read_timeout(options_.read_timeout_seconds, 0);
  server.set_write_timeout(options_.write_timeout_seconds, 0);
  // cpp-httplib's default sets SO_REUSEPORT, which lets a second onaird bind the same port
  // without an error. SO_REUSEADDR alone still allows a restart while old sockets linger.
  server.set_socket_options([this](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_socket_ = sock;
  });
}

void HttpListener::Serve(const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader* reader) {
  HttpRequest request;
  request.method = req.method;
  request.path = req.path;
  request.headers.insert(req.headers.begin(), req.headers.end());
  request.query.insert(req.params.begin(), req.params.end());
  request.remote = req.remote_addr;
  request.request_id = options_.request_id_prefix + std::to_string(next_request_++);
  AttachBody(req, reader, request);
  // NOTE: answers are whole JSON documents; a Range header must not cut them into pieces.
  const_cast<httplib::Request&>(req).ranges.clear();
  WriteReply(router_->Dispatch(request), res);
}

void HttpListener::InstallRoutes() {
  // Every route is matched by the Router, so 404 and 405 come before auth and are JSON. The
  // body-carrying methods get content-reader handlers: only those read the body on demand.
  httplib::Server& server = *server_;
  const std::string kAnyPath = "[\\s\\S]*";
  auto with_reader = [this](const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader& reader) { Serve(req, res, &reader); };
  auto without_reader = [this](const httplib::Request& req, httplib::Response& res) {
    Serve(req, res, nullptr);
  };
  server.Post(kAnyPath, with_reader);
  server.Put(kAnyPath, with_reader);
  server.Patch(kAnyPath, with_reader);
  server.Delete(kAnyPath, with_reader);
  server.Get(kAnyPath, without_reader);  // GET and HEAD
  server.Options(kAnyPath, without_reader);
  // CONNECT, TRACE and PRI have no handler family in cpp-httplib: route them here.
  server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    static const char* kHandled[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    for (const char* method : kHandled) {
      if (req.method == method) return httplib::Server::HandlerResponse::Unhandled;
    }
    Serve(req, res, nullptr);
    return httplib::Server::HandlerResponse::Handled;
  });
}

void HttpListener::InstallLibraryAnswers() {
  httplib::Server& server = *server_;
  // An Expect: 100-continue request that announces too large a body is refused before the
  // client sends it. This answer bypasses the routed path, so it sets its own Content-Length.
  server.set_expect_100_continue_handler([](const httplib::Request& req, httplib::Response& res) {
    const Framing framing = FramingOf(req);
    if (framing.kind != Framing::Kind::kLength || framing.length <= kMaxBodyBytes) return 100;
    HttpReply reply = ErrorReply(413, LibraryErrorMessage(413));
    res.status = 413;
    res.set_header("Content-Length", std::to_string(reply.body.size()));
    SetClosingBody(res, std::move(reply.body));
    return 413;
  });

  // Errors cpp-httplib answers by itself (a malformed request line, say) get a JSON body too.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        res.set_content(wire::ErrorBody(LibraryErrorMessage(res.status)), "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));

  // cpp-httplib adds Keep-Alive to answers it believes keep the connection; drop it from the
  // ones that close it.
  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.get_header_value("Connection") == "close") res.headers.erase("Keep-Alive");
  });

  server.set_exception_handler([component = router_->component()](const httplib::Request& req,
                                                                  httplib::Response& res,
                                                                  std::exception_ptr) {
    spdlog::error("{}: library_exception path={}", component, req.path);
    WriteReply(ErrorReply(500, "Internal error"), res);
  });
}

Status HttpListener::Bind(const std::string& address) {
  Result<HostPort> host_port = ParseHostPort(address);
  if (!host_port.ok()) return host_port.status();
  if (options_.loopback_only && !IsLoopbackHost(host_port->host)) {
    return Status::InvalidArgument(address + " is not a loopback address");
  }

  int port = host_port->port;
  if (port == 0) {
    port = server_->bind_to_any_port(host_port->host);
  } else if (!server_->bind_to_port(host_port->host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return Status::Unavailable("cannot listen on " + address +
                               " (in use, or not an address of this machine)");
  }
  // NOTE: Debian's cpp-httplib listens with a backlog of 5, so a burst of connections
  // overflows the accept queue and clients see resets. Listening again on the bound socket
  // only raises the backlog (Linux updates it in place).
  if (::listen(listen_socket_, SOMAXCONN) != 0) {
    spdlog::warn("{}: listen_backlog_unchanged address={} errno={}", router_->component(), address,
                 errno);
  }
  port_ = static_cast<uint16_t>(port);
  bound_address_ = FormatAddress(host_port->host, port_);
  return Status::Ok();
}

Status HttpListener::Start() {
  if (port_ == 0) return Status::FailedPrecondition("listener started before it was bound");
  started_ = true;
  thread_ = std::thread([this] { server_->listen_after_bind(); });

  // Stop() before the server counts as running would not stop it; wait for that (it is the
  // first thing listen_after_bind does, so this is short).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!server_->is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Internal("listener on " + bound_address_ + " did not start");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return Status::Ok();
}

void HttpListener::Stop() {
  if (!started_) return;
  started_ = false;
  // stop() closes the listening socket; the pool then finishes the requests in flight and
  // listen_after_bind returns once every worker is done.
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace onair::api
