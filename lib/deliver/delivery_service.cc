#include "deliver/delivery_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "core/dispatch.h"
#include "core/order_id.h"
#include "deliver/retry_policy.h"
#include "deliver/webhook_sender.h"
#include "deliver/webhook_signature.h"
#include "deliver/webhook_url.h"
#include "wire/dispatch_json.h"

namespace onair::deliver {

namespace {

// A worker wakes at least this often, so a clock step or a missed wake-up costs no more.
constexpr std::chrono::seconds kMaxSleep{60};
// A worker that finds due dispatches it cannot take (all under way elsewhere, or the store
// failing) waits at most this long for a change before it looks again.
constexpr std::chrono::seconds kBusyRecheck{1};
// RunDue takes every due dispatch in one read; no test has more.
constexpr size_t kRunDueLimit = 100'000;

RetryOptions ToRetryOptions(const DeliveryOptions& options) {
  RetryOptions retry;
  retry.initial = options.retry_initial;
  retry.max = options.retry_max;
  retry.jitter = options.retry_jitter;
  retry.max_attempts = options.max_attempts;
  return retry;
}

SenderOptions ToSenderOptions(const DeliveryOptions& options) {
  SenderOptions sender;
  sender.timeout = options.timeout;
  sender.max_response_bytes = options.max_response_bytes;
  sender.ca_file = options.ca_file;
  sender.idle_connections_per_origin = static_cast<size_t>(std::max(1, options.workers));
  return sender;
}

// Why an attempt ended without a POST, or what the POST brought back.
struct AttemptResult {
  bool delivered = false;
  std::string error;         // for last_error and the log; never the secret or the body
  std::string host;          // the endpoint's, for the log; empty when the URL was unusable
  bool give_up_now = false;  // nothing to retry: the customer is gone
};

}  // namespace

struct DeliveryService::Impl {
  Impl(DeliveryDeps d, DeliveryOptions o)
      : deps(std::move(d)),
        options(std::move(o)),
        retry(ToRetryOptions(options)),
        sender(ToSenderOptions(options)),
        random(std::random_device()()) {}

  std::optional<Dispatch> Claim(TimePoint now);
  void Release(uint64_t seq);
  // Sends `dispatch` (or sets it aside for pulling). Returns whether it counted as an attempt.
  bool Process(const Dispatch& dispatch);
  AttemptResult Send(const Dispatch& dispatch, const Customer& customer);
  void Record(const Dispatch& dispatch, const AttemptResult& result);
  void AwaitPull(const Dispatch& dispatch);
  double Uniform();
  void WorkerLoop();
  void Sleep(uint64_t seen_generation);

  // Immutable after construction.
  const DeliveryDeps deps;
  const DeliveryOptions options;
  const RetryPolicy retry;
  WebhookSender sender;  // thread-safe itself

  // Guarded by mutex.
  std::mutex mutex;
  std::condition_variable wake;
  uint64_t generation = 0;  // bumped by Notify and by every finished attempt
  bool stopping = false;
  std::set<uint64_t> under_way;  // seqs a worker has taken, so no two workers send one
  std::vector<std::thread> workers;

  // Guarded by random_mutex.
  std::mutex random_mutex;
  std::mt19937_64 random;
};

std::optional<Dispatch> DeliveryService::Impl::Claim(TimePoint now) {
  // One more than the workers: the others hold at most workers - 1 of the due ones.
  Result<std::vector<Dispatch>> due =
      deps.dispatches->Due(now, static_cast<size_t>(std::max(1, options.workers)) + 1);
  if (!due.ok()) {
    spdlog::error("deliver: outbox_read_failed error=\"{}\"", due.status().ToString());
    return std::nullopt;
  }
  for (const Dispatch& candidate : *due) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!under_way.insert(candidate.seq).second) continue;
    }
    // The list may predate another worker's attempt that finished since: read it again now
    // that no other worker can take it.
    Result<Dispatch> fresh = deps.dispatches->Get(candidate.seq);
    if (fresh.ok() && fresh->state == DispatchState::kPending && fresh->next_attempt_at <= now) {
      return std::move(fresh).value();
    }
    std::lock_guard<std::mutex> lock(mutex);
    under_way.erase(candidate.seq);
  }
  return std::nullopt;
}

void DeliveryService::Impl::Release(uint64_t seq) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    under_way.erase(seq);
    ++generation;
  }
  wake.notify_all();
}

double DeliveryService::Impl::Uniform() {
  std::lock_guard<std::mutex> lock(random_mutex);
  if (deps.uniform) return deps.uniform();
  return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

bool DeliveryService::Impl::Process(const Dispatch& dispatch) {
  AttemptResult result;
  Result<Customer> customer = deps.customers->Get(dispatch.customer_id);
  if (customer.ok() && customer->webhook_url.empty()) {
    AwaitPull(dispatch);
    return false;
  }
  if (customer.ok()) {
    result = Send(dispatch, *customer);
  } else if (customer.status().code() == Code::kNotFound) {
    result.error = "customer not found";
    result.give_up_now = true;
  } else {
    result.error = "customer could not be read";
    spdlog::error("deliver: customer_read_failed dispatch={} error=\"{}\"",
                  FormatDispatchId(dispatch.seq), customer.status().ToString());
  }
  Record(dispatch, result);
  return true;
}

AttemptResult DeliveryService::Impl::Send(const Dispatch& dispatch, const Customer& customer) {
  AttemptResult result;
  Result<WebhookEndpoint> endpoint = ParseWebhookUrl(customer.webhook_url);
  if (!endpoint.ok()) {
    result.error = endpoint.status().message();
    return result;
  }
  result.host = endpoint->host;
  Result<std::string> key = DecodeWebhookSecret(customer.webhook_secret);
  if (!key.ok()) {
    result.error = key.status().message();
    return result;
  }
  Result<Order> order = deps.orders->Get(dispatch.order_seq);
  if (!order.ok()) {
    result.error = "order could not be read";
    spdlog::error("deliver: order_read_failed dispatch={} error=\"{}\"",
                  FormatDispatchId(dispatch.seq), order.status().ToString());
    return result;
  }

  // Rendered and signed afresh for each attempt, over exactly the bytes sent.
  wire::RenderContext ctx{options.order_id_prefix, deps.zone, deps.clock->Now()};
  const std::string body = wire::WebhookBody(dispatch, *order, ctx);
  const std::string id = FormatDispatchId(dispatch.seq);
  const int64_t timestamp =
      std::chrono::duration_cast<std::chrono::seconds>(ctx.now.time_since_epoch()).count();
  HeaderList headers = {
      {"Content-Type", "application/json"},
      {"User-Agent", "onair-webhooks"},
      {"webhook-id", id},
      {"webhook-timestamp", std::to_string(timestamp)},
      {"webhook-signature", SignWebhook(*key, id, timestamp, body)},
  };
  PostOutcome outcome = sender.Post(*endpoint, headers, body);
  result.delivered = outcome.delivered;
  result.error = outcome.error;
  return result;
}

void DeliveryService::Impl::Record(const Dispatch& dispatch, const AttemptResult& result) {
  const TimePoint now = deps.clock->Now();
  const double draw = result.delivered ? 0.5 : Uniform();
  Result<Dispatch> written = deps.dispatches->Update(dispatch.seq, [&](Dispatch& d) -> Status {
    // Acked, cancelled or set aside while the attempt was under way: that word stands.
    if (d.state != DispatchState::kPending || d.next_attempt_at == kAwaitingPull) {
      return Status::FailedPrecondition("no longer pending");
    }
    ++d.attempts;
    if (result.delivered) {
      d.state = DispatchState::kSent;
      d.sent_at = now;
      d.last_error.clear();
    } else if (result.give_up_now || retry.GivesUp(d.attempts)) {
      d.state = DispatchState::kUndeliverable;
      d.last_error = result.error;
    } else {
      d.next_attempt_at = now + retry.Delay(d.attempts, draw);
      d.last_error = result.error;
    }
    return Status::Ok();
  });

  const std::string id = FormatDispatchId(dispatch.seq);
  if (!written.ok()) {
    if (written.status().code() == Code::kFailedPrecondition) {
      spdlog::info("deliver: attempt_outcome_dropped dispatch={} reason=\"no longer pending\"", id);
    } else {
      spdlog::error("deliver: record_failed dispatch={} error=\"{}\"", id,
                    written.status().ToString());
    }
    return;
  }
  if (written->state == DispatchState::kUndeliverable) {
    spdlog::error("deliver: undeliverable dispatch={} host={} attempts={} error=\"{}\"", id,
                  result.host, written->attempts, result.error);
  } else if (written->state == DispatchState::kPending) {
    auto wait = std::chrono::duration_cast<std::chrono::seconds>(written->next_attempt_at - now);
    spdlog::warn("deliver: attempt_failed dispatch={} host={} attempt={} error=\"{}\" retry_in={}s",
                 id, result.host, written->attempts, result.error, wait.count());
  }
}

void DeliveryService::Impl::AwaitPull(const Dispatch& dispatch) {
  Result<Dispatch> written = deps.dispatches->Update(dispatch.seq, [](Dispatch& d) -> Status {
    if (d.state != DispatchState::kPending) return Status::FailedPrecondition("no longer pending");
    d.next_attempt_at = kAwaitingPull;
    return Status::Ok();
  });
  if (!written.ok() && written.status().code() != Code::kFailedPrecondition) {
    spdlog::error("deliver: set_aside_failed dispatch={} error=\"{}\"",
                  FormatDispatchId(dispatch.seq), written.status().ToString());
  }
}

void DeliveryService::Impl::Sleep(uint64_t seen_generation) {
  std::optional<TimePoint> next = deps.dispatches->NextDue();
  const TimePoint now = deps.clock->Now();
  std::chrono::steady_clock::duration wait = kMaxSleep;
  if (next && *next < kAwaitingPull) {
    // Due already but not taken: the dispatches are under way elsewhere or the store failed.
    wait = *next <= now ? std::chrono::steady_clock::duration(kBusyRecheck)
                        : std::min<std::chrono::steady_clock::duration>(*next - now, kMaxSleep);
  }
  std::unique_lock<std::mutex> lock(mutex);
  wake.wait_for(lock, wait, [&] { return stopping || generation != seen_generation; });
}

void DeliveryService::Impl::WorkerLoop() {
  for (;;) {
    uint64_t seen_generation;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (stopping) return;
      seen_generation = generation;
    }
    std::optional<Dispatch> dispatch = Claim(deps.clock->Now());
    if (!dispatch) {
      Sleep(seen_generation);
      continue;
    }
    Process(*dispatch);
    Release(dispatch->seq);
  }
}

DeliveryService::DeliveryService(DeliveryDeps deps, DeliveryOptions options)
    : impl_(std::make_unique<Impl>(std::move(deps), std::move(options))) {}

DeliveryService::~DeliveryService() {
  Stop();
}

void DeliveryService::Start() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->workers.empty()) return;
  impl_->stopping = false;
  const int count = std::max(1, impl_->options.workers);
  for (int i = 0; i < count; ++i) {
    impl_->workers.emplace_back([this] { impl_->WorkerLoop(); });
  }
  spdlog::info("deliver: started workers={} max_attempts={}", count, impl_->options.max_attempts);
}

void DeliveryService::Stop() {
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (impl_->workers.empty()) return;
    impl_->stopping = true;
    workers.swap(impl_->workers);
  }
  impl_->wake.notify_all();
  for (std::thread& worker : workers) worker.join();
  spdlog::info("deliver: stopped");
}

void DeliveryService::Notify() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ++impl_->generation;
  }
  impl_->wake.notify_all();
}

int DeliveryService::RunDue() {
  Result<std::vector<Dispatch>> due =
      impl_->deps.dispatches->Due(impl_->deps.clock->Now(), kRunDueLimit);
  if (!due.ok()) {
    spdlog::error("deliver: outbox_read_failed error=\"{}\"", due.status().ToString());
    return 0;
  }
  int attempts = 0;
  for (const Dispatch& dispatch : *due) {
    if (impl_->Process(dispatch)) ++attempts;
  }
  return attempts;
}

}  // namespace onair::deliver
