// WebhookSender: POSTs one signed body to a webhook endpoint and says how it went. Keeps idle
// keep-alive connections per origin for the next attempt, never follows redirects, bounds every
// wait by the timeout and reads at most max_response_bytes of an answer. Thread-safe: concurrent
// posts to one origin use separate connections.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deliver/webhook_url.h"

namespace onair::deliver {

struct SenderOptions {
  std::chrono::milliseconds timeout{10'000};  // connect, each read and write, and the answer
  size_t max_response_bytes = 64 * 1024;
  std::string ca_file;  // PEM CAs trusted for https instead of the system's; empty: the system's
  size_t idle_connections_per_origin = 4;
};

struct PostOutcome {
  bool delivered = false;  // the endpoint answered 2xx
  int status = 0;          // the answer's status; 0 when there was none
  std::string error;       // why not delivered, for logs and admins: "HTTP 500", "timed out", ...
  size_t response_bytes = 0;  // of the answer's body read (at most max_response_bytes)
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class WebhookSender {
 public:
  explicit WebhookSender(SenderOptions options);
  ~WebhookSender();

  // POSTs `body` with `headers` (the caller's, e.g. Content-Type and the signature) to
  // `endpoint`. A 2xx whose answer is longer than max_response_bytes counts as delivered; the
  // rest of that answer is not read (the connection is dropped).
  PostOutcome Post(const WebhookEndpoint& endpoint, const HeaderList& headers,
                   std::string_view body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace onair::deliver
