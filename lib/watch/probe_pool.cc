#include "watch/probe_pool.h"

#include <utility>

namespace onair::watch {

ProbePool::ProbePool(int threads, RunnerFactory make_runner, std::string shut_down_message)
    : make_runner_(std::move(make_runner)), shut_down_message_(std::move(shut_down_message)) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

ProbePool::~ProbePool() {
  Shutdown();
}

void ProbePool::Work() {
  Runner run = make_runner_();
  while (true) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to answer
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job.done(run(job.page));
  }
}

void ProbePool::Probe(const std::string& page, Detector::Done done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      jobs_.push_back({page, std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(Status::Unavailable(shut_down_message_));
}

void ProbePool::Shutdown() {
  std::lock_guard shutdown_lock(shutdown_mu_);
  std::deque<Job> unstarted;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    unstarted.swap(jobs_);
  }
  cv_.notify_all();
  for (Job& job : unstarted) job.done(Status::Unavailable(shut_down_message_));
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace onair::watch
