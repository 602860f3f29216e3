#include "live_services.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "watch/graph_detector.h"
#include "watch/http_detector.h"

namespace onair::daemon {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// The scheduler gives up on a probe after this long, or four of the detector's timeouts if that
// is longer: a probe may wait for a free probe thread before its own timeouts start.
constexpr seconds kMinProbeTimeout{60};

Result<std::unique_ptr<watch::Detector>> MakeDetector(
    const Config& config, const store::PageConnectionStore* connections) {
  if (config.detector_kind == "http") {
    watch::HttpDetectorOptions options;
    options.url_template = config.detector_http_url;
    options.timeout = seconds(config.detector_timeout_seconds);
    options.max_concurrent = config.max_concurrent_probes;
    Result<std::unique_ptr<watch::HttpDetector>> detector =
        watch::HttpDetector::Create(std::move(options));
    if (!detector.ok()) return detector.status().WithContext("detector.http_url");
    return std::unique_ptr<watch::Detector>(std::move(detector).value());
  }
  if (config.detector_kind == "graph") {
    watch::GraphDetectorOptions options;
    options.base_url = config.graph_base_url;
    options.api_version = config.graph_api_version;
    options.app_secret = config.graph_app_secret;
    options.timeout = seconds(config.graph_timeout_seconds);
    options.max_concurrent = config.graph_max_concurrent_probes;
    Result<std::unique_ptr<watch::GraphDetector>> detector =
        watch::GraphDetector::Create(std::move(options), connections);
    if (!detector.ok()) return detector.status().WithContext("graph detector");
    return std::unique_ptr<watch::Detector>(std::move(detector).value());
  }
  return std::unique_ptr<watch::Detector>();  // push: reports only
}

}  // namespace

watch::SchedulerOptions SchedulerOptionsFrom(const Config& config) {
  const int timeout_seconds = config.detector_kind == "graph" ? config.graph_timeout_seconds
                                                              : config.detector_timeout_seconds;
  watch::SchedulerOptions options;
  options.poll_interval = seconds(config.poll_interval_seconds);
  options.poll_jitter = config.poll_jitter;
  options.failure_backoff_max = seconds(config.failure_backoff_max_seconds);
  options.probe_timeout = std::max(kMinProbeTimeout, seconds(4 * timeout_seconds));
  options.live_state_max_age = seconds(config.live_state_max_age_seconds);
  return options;
}

deliver::DeliveryOptions DeliveryOptionsFrom(const Config& config) {
  deliver::DeliveryOptions options;
  options.workers = config.delivery_workers;
  options.timeout = seconds(config.delivery_timeout_seconds);
  options.max_response_bytes = static_cast<size_t>(config.max_response_bytes);
  options.retry_initial = seconds(config.retry_initial_seconds);
  options.retry_max = seconds(config.retry_max_seconds);
  options.retry_jitter = config.retry_jitter;
  options.max_attempts = config.max_attempts;
  options.order_id_prefix = config.order_id_prefix;
  options.ca_file = config.ca_file;
  return options;
}

Result<std::unique_ptr<LiveServices>> LiveServices::Create(const Config& config, const Clock& clock,
                                                           const TimeZone& zone,
                                                           store::Database* db,
                                                           store::OrderStore* orders,
                                                           store::CustomerStore* customers) {
  std::unique_ptr<LiveServices> services(new LiveServices());
  Result<std::unique_ptr<store::DispatchStore>> dispatches = store::DispatchStore::Open(db);
  if (!dispatches.ok()) return dispatches.status().WithContext("open dispatches");
  services->dispatches_ = std::move(dispatches).value();
  services->watch_ = std::make_unique<store::WatchStore>(db, services->dispatches_.get());
  services->page_connections_ = std::make_unique<store::PageConnectionStore>(db);

  if (config.GraphWebhookEnabled()) {
    services->graph_webhook_ = std::make_unique<watch::GraphWebhook>(
        watch::GraphWebhookOptions{config.graph_app_secret, config.graph_verify_token},
        services->page_connections_.get());
  }

  services->delivery_ = std::make_unique<deliver::DeliveryService>(
      deliver::DeliveryDeps{&clock, &zone, services->dispatches_.get(), orders, customers, {}},
      DeliveryOptionsFrom(config));

  Result<std::unique_ptr<watch::Detector>> detector =
      MakeDetector(config, services->page_connections_.get());
  if (!detector.ok()) return detector.status();
  services->detector_ = std::move(detector).value();

  deliver::DeliveryService* delivery = services->delivery_.get();
  watch::SchedulerDeps deps;
  deps.clock = &clock;
  deps.zone = &zone;
  deps.orders = orders;
  deps.watch = services->watch_.get();
  deps.dispatches = services->dispatches_.get();
  deps.detector = services->detector_.get();
  deps.on_dispatches = [delivery] { delivery->Notify(); };
  services->scheduler_ =
      std::make_unique<watch::Scheduler>(std::move(deps), SchedulerOptionsFrom(config));
  return services;
}

LiveServices::~LiveServices() {
  Stop();
}

Status LiveServices::Load() {
  return scheduler_->Load().WithContext("load watched pages");
}

void LiveServices::Start() {
  delivery_->Start();
  scheduler_->Start();
  started_ = true;
}

void LiveServices::Stop() {
  if (!started_) return;
  started_ = false;
  scheduler_->Stop();
  if (detector_) detector_->Shutdown();
  delivery_->Stop();
}

}  // namespace onair::daemon
