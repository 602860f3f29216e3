// Raw HTTP exchanges over a plain TCP socket, for the framing cases a well-behaved client
// library will not produce (no framing, chunked bodies past the limit, Expect: 100-continue).
// Thread-safe (no shared state).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "http_answer.h"

namespace onair::e2e {

// Connects to 127.0.0.1:`port`, sends `head` (request line and headers, ending in a blank line),
// then `body` in pieces while watching the socket: as soon as the server starts answering,
// sending stops, so an early answer (413) is read rather than lost to a reset; an interim 1xx
// answer lets sending go on. With `await_continue` the body waits for that interim answer, as
// an Expect: 100-continue client does. Reads one final answer until its Content-Length is
// complete or the server closes. Gives up at `deadline` with status 0 and error "timed out".
struct RawExchangeResult {
  HttpAnswer answer;
  int interim_status = 0;      // the last 1xx status before the answer (100), 0 when none came
  size_t body_bytes_sent = 0;  // how much of `body` went out before the answer
  bool server_closed = false;  // the server closed the connection after its answer
};

// `on_interim`, when given, runs once when the first interim answer arrives, before any of the
// body is sent.
RawExchangeResult RawExchange(uint16_t port, const std::string& head, const std::string& body,
                              std::chrono::milliseconds deadline, bool await_continue = false,
                              const std::function<void()>& on_interim = {});

// One kept-alive connection driven request by request, as a client that reuses its connection
// does. Not thread-safe.
class RawSession {
 public:
  explicit RawSession(uint16_t port);
  ~RawSession();
  RawSession(const RawSession&) = delete;
  RawSession& operator=(const RawSession&) = delete;

  // Sends `request` (head and body) whole, then reads one final answer framed by its
  // Content-Length. After a failure (status 0) the session stays broken.
  HttpAnswer Exchange(const std::string& request, std::chrono::milliseconds deadline);

 private:
  int fd_ = -1;
  std::string error_;    // why the session broke; empty while it works
  std::string pending_;  // bytes received past the last answer
};

// `body` as one chunk of at most `chunk_size` bytes each, then the last-chunk and an empty
// trailer: the bytes of a chunked request body.
std::string ChunkedEncoding(const std::string& body, size_t chunk_size);

}  // namespace onair::e2e
