// ProbePool: a fixed number of threads answering a detector's probes in the order they were
// asked, which bounds the probes under way. Each thread builds its own runner once, so it can
// keep a connection across probes. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "watch/detector.h"

namespace onair::watch {

class ProbePool {
 public:
  // Answers one page's probe; used by one thread only.
  using Runner = std::function<Result<LiveReport>(const std::string& page)>;
  // Called once on each pool thread as it starts.
  using RunnerFactory = std::function<Runner()>;

  // Starts `threads` threads (at least 1). Probes asked after Shutdown, and those still queued
  // by it, fail as kUnavailable with `shut_down_message`.
  ProbePool(int threads, RunnerFactory make_runner, std::string shut_down_message);
  ~ProbePool();  // Shutdown
  ProbePool(const ProbePool&) = delete;
  ProbePool& operator=(const ProbePool&) = delete;

  // Queues the probe; `done` runs on a pool thread, or on this one once the pool is shut down.
  void Probe(const std::string& page, Detector::Done done);
  // Fails the probes still queued, waits for those under way, joins the threads. Idempotent.
  void Shutdown();

 private:
  struct Job {
    std::string page;
    Detector::Done done;
  };

  void Work();

  // Immutable after construction.
  const RunnerFactory make_runner_;
  const std::string shut_down_message_;

  std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_.
  std::deque<Job> jobs_;
  bool stopping_ = false;

  std::mutex shutdown_mu_;  // serialises Shutdown, which joins the threads
  std::vector<std::thread> threads_;
};

}  // namespace onair::watch
