// Detector: answers "is this page live, with how many viewers?" for pages the scheduler polls.
// Implementations must be thread-safe and must never block the caller of Probe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/live.h"
#include "core/result.h"

namespace onair::watch {

class Detector {
 public:
  using Done = std::function<void(Result<LiveReport>)>;
  virtual ~Detector() = default;

  // Starts a probe of canonical `page` and returns at once; `done` runs exactly once, on any
  // thread, with the report or the reason the probe failed (errors and timeouts alike).
  virtual void Probe(const std::string& page, Done done) = 0;

  // Stops accepting probes and waits for those under way. Idempotent.
  virtual void Shutdown() = 0;

  virtual std::string_view name() const = 0;  // "http", "graph"
};

}  // namespace onair::watch
