// HttpDetector: asks the operator's detector service whether a page is live, with one GET per
// probe to a URL made from a template, and reads the answer with ParseDetectorAnswer. A fixed
// pool of probe threads bounds the probes under way; each thread keeps its own connection.
// Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "watch/detector.h"

namespace onair::watch {

struct HttpDetectorOptions {
  // "http://127.0.0.1:9000/live?page={page}": {page} becomes the canonical page,
  // percent-encoded. http or https; {page} only after the host.
  std::string url_template;
  std::chrono::milliseconds timeout{10000};  // connect, and each read and write, of one probe
  int max_concurrent = 8;                    // probe threads
  size_t max_answer_bytes = 64 * 1024;       // a longer answer is an error
};

class HttpDetector final : public Detector {
 public:
  // Starts the probe threads. kInvalidArgument when the template is not an http or https URL
  // with a path holding {page}, or max_concurrent is not positive.
  static Result<std::unique_ptr<HttpDetector>> Create(HttpDetectorOptions options);
  ~HttpDetector() override;  // Shutdown

  // Queues a probe for the next free thread. After Shutdown, `done` runs at once with
  // kUnavailable. A probe fails (kUnavailable) on a connection error or timeout, a status other
  // than 2xx, an answer too long, or an answer ParseDetectorAnswer refuses.
  void Probe(const std::string& page, Done done) override;
  // Fails the probes still queued, waits for those under way, joins the threads.
  void Shutdown() override;
  std::string_view name() const override { return "http"; }

  // The URL probed for canonical `page`.
  std::string UrlFor(const std::string& page) const;

 private:
  struct Impl;
  explicit HttpDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace onair::watch
