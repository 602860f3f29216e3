#include "deliver/webhook_sender.h"

#include <httplib.h>

#include <mutex>
#include <unordered_map>

namespace onair::deliver {

namespace {

// Origins beyond this many keep no idle connections, so a customer base with many endpoints
// does not hold a socket open to each.
constexpr size_t kMaxOrigins = 256;

std::string DescribeError(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "connection failed";
    case httplib::Error::ConnectionTimeout:
      return "connect timed out";
    case httplib::Error::Read:
      return "no complete answer (timed out or closed)";
    case httplib::Error::Write:
      return "sending failed (timed out or closed)";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts:
      return "TLS trusted certificates could not be loaded";
    case httplib::Error::SSLServerVerification:
      return "TLS certificate not trusted";
    default:
      return "request failed: " + httplib::to_string(error);
  }
}

std::string DescribeStatus(int status) {
  std::string text = "HTTP " + std::to_string(status);
  if (status >= 300 && status < 400) text += " (redirects are not followed)";
  return text;
}

bool IsSuccess(int status) {
  return status >= 200 && status < 300;
}

}  // namespace

struct WebhookSender::Impl {
  explicit Impl(SenderOptions o) : options(std::move(o)) {}

  std::unique_ptr<httplib::Client> Acquire(const std::string& origin);
  void Release(const std::string& origin, std::unique_ptr<httplib::Client> client);

  // Immutable after construction.
  const SenderOptions options;

  // Guarded by mutex: idle clients by origin, each with at most one kept-alive connection.
  std::mutex mutex;
  std::unordered_map<std::string, std::vector<std::unique_ptr<httplib::Client>>> idle;
};

std::unique_ptr<httplib::Client> WebhookSender::Impl::Acquire(const std::string& origin) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = idle.find(origin);
    if (it != idle.end() && !it->second.empty()) {
      std::unique_ptr<httplib::Client> client = std::move(it->second.back());
      it->second.pop_back();
      return client;
    }
  }

  auto client = std::make_unique<httplib::Client>(origin);
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options.timeout);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(options.timeout - seconds);
  client->set_connection_timeout(seconds.count(), micros.count());
  client->set_read_timeout(seconds.count(), micros.count());
  client->set_write_timeout(seconds.count(), micros.count());
  client->set_keep_alive(true);
  client->set_follow_location(false);
  // The answer is only counted, never used: no Accept-Encoding, and its bytes stay as sent.
  client->set_decompress(false);
  client->enable_server_certificate_verification(true);
  if (!options.ca_file.empty()) client->set_ca_cert_path(options.ca_file);
  return client;
}

void WebhookSender::Impl::Release(const std::string& origin,
                                  std::unique_ptr<httplib::Client> client) {
  std::lock_guard<std::mutex> lock(mutex);
  auto it = idle.find(origin);
  if (it == idle.end()) {
    if (idle.size() >= kMaxOrigins) return;
    it = idle.emplace(origin, std::vector<std::unique_ptr<httplib::Client>>()).first;
  }
  if (it->second.size() < options.idle_connections_per_origin) {
    it->second.push_back(std::move(client));
  }
}

WebhookSender::WebhookSender(SenderOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

WebhookSender::~WebhookSender() = default;

PostOutcome WebhookSender::Post(const WebhookEndpoint& endpoint, const HeaderList& headers,
                                std::string_view body) {
  const std::string origin = endpoint.Origin();
  std::unique_ptr<httplib::Client> client = impl_->Acquire(origin);

  PostOutcome outcome;
  bool cut_short = false;  // we stopped reading the answer, not the endpoint
  const auto deadline = std::chrono::steady_clock::now() + impl_->options.timeout;
  const size_t max_bytes = impl_->options.max_response_bytes;

  httplib::Request request;
  request.method = "POST";
  request.path = endpoint.target;
  for (const auto& [name, value] : headers) request.headers.emplace(name, value);
  request.body = std::string(body);
  // Read timeouts bound each wait; the deadline bounds an answer that trickles in.
  request.content_receiver = [&](const char*, size_t n, uint64_t, uint64_t) {
    outcome.response_bytes += n;
    if (outcome.response_bytes > max_bytes || std::chrono::steady_clock::now() > deadline) {
      outcome.response_bytes = std::min(outcome.response_bytes, max_bytes);
      cut_short = true;
      return false;
    }
    return true;
  };

  httplib::Response response;
  httplib::Error error = httplib::Error::Success;
  bool completed = client->send(request, response, error);
  impl_->Release(origin, std::move(client));

  if (completed || (cut_short && error == httplib::Error::Canceled)) {
    outcome.status = response.status;
    outcome.delivered = IsSuccess(response.status);
    if (!outcome.delivered) outcome.error = DescribeStatus(response.status);
    return outcome;
  }
  outcome.error = DescribeError(error);
  return outcome;
}

}  // namespace onair::deliver
