// Raw HTTP exchanges over a plain TCP socket, for the framing cases a well-behaved client
// library will not produce (no framing, chunked bodies past the limit, Expect: 100-continue).
// Thread-safe (no shared state).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "http_answer.h"

namespace onair::e2e {

// Connects to 127.0.0.1:`port`, sends `head` (request line and headers, ending in a blank line),
// then `body` in pieces while watching the socket: as soon as the server starts answering,
// sending stops, so an early answer (413) is read rather than lost to a reset. Reads one final
// answer (1xx interim answers are skipped) until its Content-Length is complete or the server
// closes. Gives up at `deadline` with status 0 and error "timed out"; the answer's
// `body_bytes_sent` tells how much of `body` went out before the answer.
struct RawExchangeResult {
  HttpAnswer answer;
  size_t body_bytes_sent = 0;
  bool server_closed = false;  // the server closed the connection after its answer
};

RawExchangeResult RawExchange(uint16_t port, const std::string& head, const std::string& body,
                              std::chrono::milliseconds deadline);

// `body` as one chunk of at most `chunk_size` bytes each, then the last-chunk and an empty
// trailer: the bytes of a chunked request body.
std::string ChunkedEncoding(const std::string& body, size_t chunk_size);

}  // namespace onair::e2e
