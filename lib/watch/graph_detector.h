// GraphDetector: asks the Facebook Graph API whether a connected page is live, with one GET of
// the page's live_videos edge (broadcast_status ["LIVE"], fields id, status, live_views) per
// probe, using the page access token kept in the PageConnectionStore. A fixed pool of probe
// threads bounds the probes under way; each thread keeps its own connection. Thread-safe.
// NOTE: the page token is a secret: it goes into the request only, never into an error or a log.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/page_connection_store.h"
#include "watch/detector.h"

namespace onair::watch {

struct GraphDetectorOptions {
  // Scheme and host (and port) of the Graph API, without a path; tests point it at a fake.
  std::string base_url = "https://graph.facebook.com";
  std::string api_version = "v19.0";  // "v" + major + "." + minor
  // When set, each request carries appsecret_proof (hex HMAC-SHA256 of the token keyed with the
  // app secret), which apps with "Require App Secret" on must send.
  std::string app_secret;
  std::chrono::milliseconds timeout{10000};  // connect, and each read and write, of one probe
  int max_concurrent = 8;                    // probe threads
  size_t max_answer_bytes = 256 * 1024;      // a longer answer is an error
};

class GraphDetector final : public Detector {
 public:
  // Starts the probe threads. `connections` must outlive the detector. kInvalidArgument when
  // base_url is not http(s)://host[:port], api_version is not like v19.0, or max_concurrent is
  // not positive.
  static Result<std::unique_ptr<GraphDetector>> Create(
      GraphDetectorOptions options, const store::PageConnectionStore* connections);
  ~GraphDetector() override;  // Shutdown

  // Queues a probe for the next free thread, which reads the page's connection and asks Graph.
  // After Shutdown, `done` runs at once with kUnavailable. A page without a connection fails
  // with kFailedPrecondition "page not connected"; a connection error or timeout, a status other
  // than 2xx (Graph's error message included), an answer too long or one ParseLiveVideosAnswer
  // refuses fail with kUnavailable "GET <base>/<version>/<page id>/live_videos: <cause>".
  void Probe(const std::string& page, Done done) override;
  // Fails the probes still queued, waits for those under way, joins the threads.
  void Shutdown() override;
  std::string_view name() const override { return "graph"; }

  // The path and query probed for `connection`, token included: for tests only.
  std::string TargetFor(const store::PageConnection& connection) const;

 private:
  struct Impl;
  explicit GraphDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace onair::watch
