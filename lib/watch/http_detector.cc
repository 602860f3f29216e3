#include "watch/http_detector.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

#include "watch/detector_answer.h"
#include "watch/probe_pool.h"

namespace onair::watch {

namespace {

constexpr std::string_view kPagePlaceholder = "{page}";

// "http://host:port" and "/path?query" of a template; the host part may not hold {page}, so
// every probe of one detector goes to the same server and a thread's connection can be reused.
Result<std::pair<std::string, std::string>> SplitTemplate(const std::string& url_template) {
  const size_t scheme_end = url_template.find("://");
  if (scheme_end == std::string::npos) {
    return Status::InvalidArgument("detector URL must start with http:// or https://");
  }
  const std::string scheme = url_template.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    return Status::InvalidArgument("detector URL must start with http:// or https://");
  }
  const size_t path_start = url_template.find('/', scheme_end + 3);
  if (path_start == std::string::npos || path_start == scheme_end + 3) {
    return Status::InvalidArgument("detector URL needs a host and a path");
  }
  std::string base = url_template.substr(0, path_start);
  std::string path = url_template.substr(path_start);
  if (base.find('{') != std::string::npos) {
    return Status::InvalidArgument("detector URL may hold {page} only after the host");
  }
  if (path.find(kPagePlaceholder) == std::string::npos) {
    return Status::InvalidArgument("detector URL must hold {page}");
  }
  return std::make_pair(std::move(base), std::move(path));
}

std::string Expand(const std::string& path_template, const std::string& page) {
  // NOTE: httplib's query encoder leaves only letters, digits and -_.!~*'() as they are, so a
  // page's "://", "/" and "?" cannot change the shape of the URL.
  const std::string encoded = httplib::detail::encode_query_param(page);
  std::string path;
  size_t from = 0;
  for (size_t at; (at = path_template.find(kPagePlaceholder, from)) != std::string::npos;
       from = at + kPagePlaceholder.size()) {
    path.append(path_template, from, at - from);
    path += encoded;
  }
  path.append(path_template, from);
  return path;
}

}  // namespace

struct HttpDetector::Impl {
  Result<LiveReport> Run(httplib::Client& client, const std::string& page) const;
  std::unique_ptr<httplib::Client> NewClient() const;

  // Immutable after Create.
  HttpDetectorOptions options;
  std::string base;           // "http://127.0.0.1:9000"
  std::string path_template;  // "/live?page={page}"

  // Last, so it is destroyed first: its threads use the members above.
  std::unique_ptr<ProbePool> pool;
};

std::unique_ptr<httplib::Client> HttpDetector::Impl::NewClient() const {
  auto client = std::make_unique<httplib::Client>(base);
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

Result<LiveReport> HttpDetector::Impl::Run(httplib::Client& client, const std::string& page) const {
  const std::string path = Expand(path_template, page);
  std::string body;
  bool too_long = false;
  httplib::Result answer = client.Get(path, [&](const char* data, size_t length) {
    if (body.size() + length > options.max_answer_bytes) {
      too_long = true;
      return false;
    }
    body.append(data, length);
    return true;
  });

  const std::string where = "GET " + base + path;
  if (too_long) {
    return Status::Unavailable(
        fmt::format("{}: answer longer than {} bytes", where, options.max_answer_bytes));
  }
  if (!answer) {
    return Status::Unavailable(fmt::format("{}: {}", where, httplib::to_string(answer.error())));
  }
  if (answer->status < 200 || answer->status > 299) {
    return Status::Unavailable(fmt::format("{}: status {}", where, answer->status));
  }
  Result<LiveReport> report = ParseDetectorAnswer(body);
  if (!report.ok()) {
    return Status::Unavailable(fmt::format("{}: bad answer: {}", where, report.status().message()));
  }
  report->page = page;
  return report;
}

Result<std::unique_ptr<HttpDetector>> HttpDetector::Create(HttpDetectorOptions options) {
  if (options.max_concurrent <= 0) {
    return Status::InvalidArgument("max_concurrent_probes must be at least 1");
  }
  Result<std::pair<std::string, std::string>> parts = SplitTemplate(options.url_template);
  if (!parts.ok()) return parts.status();

  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->base = std::move(parts->first);
  impl->path_template = std::move(parts->second);
  impl->pool = std::make_unique<ProbePool>(
      impl->options.max_concurrent,
      [raw = impl.get()]() -> ProbePool::Runner {
        std::shared_ptr<httplib::Client> client = raw->NewClient();
        return [raw, client](const std::string& page) { return raw->Run(*client, page); };
      },
      "http detector is shut down");
  return std::unique_ptr<HttpDetector>(new HttpDetector(std::move(impl)));
}

HttpDetector::HttpDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpDetector::~HttpDetector() {
  Shutdown();
}

void HttpDetector::Probe(const std::string& page, Done done) {
  impl_->pool->Probe(page, std::move(done));
}

void HttpDetector::Shutdown() {
  impl_->pool->Shutdown();
}

std::string HttpDetector::UrlFor(const std::string& page) const {
  return impl_->base + Expand(impl_->path_template, page);
}

}  // namespace onair::watch
