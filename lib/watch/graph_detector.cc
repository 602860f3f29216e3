#include "watch/graph_detector.h"

#include <fmt/format.h>
#include <httplib.h>

#include <memory>
#include <utility>

#include "watch/graph_json.h"
#include "watch/graph_signature.h"
#include "watch/probe_pool.h"

namespace onair::watch {

namespace {

// The edge's query, as Meta documents it: only live broadcasts, and only the fields read here.
constexpr std::string_view kBroadcastStatus = R"(["LIVE"])";
constexpr std::string_view kFields = "id,status,live_views";
constexpr std::string_view kTokenPlaceholder = "[page token]";

// "https://graph.facebook.com" or "http://127.0.0.1:8080": a scheme and a host, and nothing
// after the host but one optional '/', which is dropped.
Result<std::string> CheckBaseUrl(const std::string& base_url) {
  const Status invalid =
      Status::InvalidArgument("graph base_url must be http:// or https:// and a host, no path");
  const size_t scheme_end = base_url.find("://");
  if (scheme_end == std::string::npos) return invalid;
  const std::string scheme = base_url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return invalid;
  std::string host = base_url.substr(scheme_end + 3);
  if (host.ends_with('/')) host.pop_back();
  if (host.empty() || host.find_first_of("/?#@ ") != std::string::npos) return invalid;
  return scheme + "://" + host;
}

// "v19.0": Graph's version path segment.
bool IsApiVersion(std::string_view version) {
  if (version.size() < 4 || version[0] != 'v') return false;
  const size_t dot = version.find('.');
  if (dot == std::string_view::npos || dot == 1 || dot == version.size() - 1) return false;
  for (size_t i = 1; i < version.size(); ++i) {
    if (i != dot && (version[i] < '0' || version[i] > '9')) return false;
  }
  return true;
}

// Graph's error messages do not repeat the token as far as Meta documents them; this makes sure.
std::string Redact(std::string text, const std::string& token) {
  if (token.empty()) return text;
  for (size_t at; (at = text.find(token)) != std::string::npos;) {
    text.replace(at, token.size(), kTokenPlaceholder);
  }
  return text;
}

}  // namespace

struct GraphDetector::Impl {
  Result<LiveReport> Run(httplib::Client& client, const std::string& page) const;
  std::unique_ptr<httplib::Client> NewClient() const;
  std::string Target(const store::PageConnection& connection) const;

  // Immutable after Create.
  GraphDetectorOptions options;
  const store::PageConnectionStore* connections = nullptr;

  // Last, so it is destroyed first: its threads use the members above.
  std::unique_ptr<ProbePool> pool;
};

std::unique_ptr<httplib::Client> GraphDetector::Impl::NewClient() const {
  auto client = std::make_unique<httplib::Client>(options.base_url);
  const auto timeout = std::chrono::duration_cast<std::chrono::microseconds>(options.timeout);
  const auto seconds = static_cast<time_t>(timeout.count() / 1000000);
  const auto micros = static_cast<time_t>(timeout.count() % 1000000);
  client->set_connection_timeout(seconds, micros);
  client->set_read_timeout(seconds, micros);
  client->set_write_timeout(seconds, micros);
  client->set_keep_alive(true);
  client->set_follow_location(false);
  return client;
}

std::string GraphDetector::Impl::Target(const store::PageConnection& connection) const {
  // NOTE: httplib's query encoder leaves only letters, digits and -_.!~*'() as they are, so the
  // brackets and quotes of ["LIVE"] and any '&' or '=' in a token stay inside their parameter.
  using httplib::detail::encode_query_param;
  std::string target = fmt::format(
      "/{}/{}/live_videos?broadcast_status={}&fields={}&access_token={}", options.api_version,
      connection.page_id, encode_query_param(std::string(kBroadcastStatus)),
      encode_query_param(std::string(kFields)), encode_query_param(connection.page_access_token));
  if (!options.app_secret.empty()) {
    target +=
        "&appsecret_proof=" + AppSecretProof(options.app_secret, connection.page_access_token);
  }
  return target;
}

Result<LiveReport> GraphDetector::Impl::Run(httplib::Client& client,
                                            const std::string& page) const {
  Result<store::PageConnection> connection = connections->Get(page);
  if (!connection.ok()) {
    if (connection.status().code() == Code::kNotFound) {
      return Status::FailedPrecondition("page not connected");
    }
    return Status::Unavailable(
        fmt::format("read page connection: {}", connection.status().message()));
  }

  std::string body;
  bool too_long = false;
  httplib::Result answer = client.Get(Target(*connection), [&](const char* data, size_t length) {
    if (body.size() + length > options.max_answer_bytes) {
      too_long = true;
      return false;
    }
    body.append(data, length);
    return true;
  });

  // The token travels in the query, so errors name the edge without it.
  const std::string where = fmt::format("GET {}/{}/{}/live_videos", options.base_url,
                                        options.api_version, connection->page_id);
  if (too_long) {
    return Status::Unavailable(
        fmt::format("{}: answer longer than {} bytes", where, options.max_answer_bytes));
  }
  if (!answer) {
    return Status::Unavailable(fmt::format("{}: {}", where, httplib::to_string(answer.error())));
  }
  if (answer->status < 200 || answer->status > 299) {
    std::optional<std::string> graph_error = DescribeGraphError(body);
    if (!graph_error)
      return Status::Unavailable(fmt::format("{}: status {}", where, answer->status));
    return Status::Unavailable(fmt::format("{}: status {}: {}", where, answer->status,
                                           Redact(*graph_error, connection->page_access_token)));
  }
  Result<LiveReport> report = ParseLiveVideosAnswer(body);
  if (!report.ok()) {
    return Status::Unavailable(fmt::format("{}: bad answer: {}", where, report.status().message()));
  }
  report->page = page;
  return report;
}

Result<std::unique_ptr<GraphDetector>> GraphDetector::Create(
    GraphDetectorOptions options, const store::PageConnectionStore* connections) {
  if (options.max_concurrent <= 0) {
    return Status::InvalidArgument("max_concurrent_probes must be at least 1");
  }
  Result<std::string> base_url = CheckBaseUrl(options.base_url);
  if (!base_url.ok()) return base_url.status();
  if (!IsApiVersion(options.api_version)) {
    return Status::InvalidArgument("graph api_version must look like v19.0");
  }

  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->options.base_url = std::move(base_url).value();
  impl->connections = connections;
  impl->pool = std::make_unique<ProbePool>(
      impl->options.max_concurrent,
      [raw = impl.get()]() -> ProbePool::Runner {
        std::shared_ptr<httplib::Client> client = raw->NewClient();
        return [raw, client](const std::string& page) { return raw->Run(*client, page); };
      },
      "graph detector is shut down");
  return std::unique_ptr<GraphDetector>(new GraphDetector(std::move(impl)));
}

GraphDetector::GraphDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

GraphDetector::~GraphDetector() {
  Shutdown();
}

void GraphDetector::Probe(const std::string& page, Done done) {
  impl_->pool->Probe(page, std::move(done));
}

void GraphDetector::Shutdown() {
  impl_->pool->Shutdown();
}

std::string GraphDetector::TargetFor(const store::PageConnection& connection) const {
  return impl_->Target(connection);
}

}  // namespace onair::watch
