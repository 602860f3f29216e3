// onaird: the daemon. Wiring, signals and process life only: it reads the config, opens the
// database and the stores, starts live detection and delivery, serves the customer and admin
// APIs, tells systemd when it is ready and stops cleanly on SIGTERM or SIGINT.
#include <signal.h>
#include <systemd/sd-daemon.h>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "api/api_server.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/rate_limiter.h"
#include "core/zoned_time.h"
#include "live_services.h"
#include "logging.h"
#include "state_files.h"
#include "store/customer_store.h"
#include "store/database.h"
#include "store/order_store.h"

#ifndef ONAIR_VERSION
#define ONAIR_VERSION "unknown"
#endif

namespace onair::daemon {
namespace {

int StartFailed(const Status& status) {
  spdlog::error("onaird: start_failed error=\"{}\"", status.message());
  return 1;
}

// Creates the data directory (owner and group only) unless it exists.
Status EnsureDataDir(const std::string& dir) {
  std::error_code error;
  if (std::filesystem::is_directory(dir, error)) return Status::Ok();
  std::filesystem::create_directories(dir, error);
  if (error)
    return Status::Internal("cannot create data directory " + dir + ": " + error.message());
  std::filesystem::permissions(dir,
                               std::filesystem::perms::owner_all |
                                   std::filesystem::perms::group_read |
                                   std::filesystem::perms::group_exec,
                               error);
  return Status::Ok();
}

// Waits for SIGTERM or SIGINT, which every thread has blocked; returns the signal's name.
const char* WaitForStopSignal(const sigset_t& signals) {
  int signal_number = 0;
  while (sigwait(&signals, &signal_number) != 0) {
  }
  return signal_number == SIGTERM ? "SIGTERM" : "SIGINT";
}

int Run(const Config& config, const sigset_t& stop_signals) {
  Result<TimeZone> zone = TimeZone::Load(config.time_zone);
  if (!zone.ok()) return StartFailed(zone.status());
  spdlog::info("onaird: starting version={} data_dir={} time_zone={}", ONAIR_VERSION,
               config.data_dir, zone->name());

  if (Status s = EnsureDataDir(config.data_dir); !s.ok()) return StartFailed(s);
  // The database first: its lock keeps a second onaird off this data directory.
  const std::string db_dir = (std::filesystem::path(config.data_dir) / "db").string();
  Result<std::unique_ptr<store::Database>> db = store::Database::Open(db_dir);
  if (!db.ok()) return StartFailed(db.status().WithContext("open database " + db_dir));
  Result<std::unique_ptr<store::OrderStore>> orders = store::OrderStore::Open(db->get());
  if (!orders.ok()) return StartFailed(orders.status().WithContext("open orders"));
  store::CustomerStore customers(db->get());
  store::KeyStore keys(db->get());
  store::ServiceStore services(db->get());

  Result<std::string> admin_token = LoadOrCreateAdminToken(config.data_dir);
  if (!admin_token.ok()) return StartFailed(admin_token.status());

  SystemClock clock;
  // Loaded before the API takes orders, so the scheduler starts from every stored one.
  Result<std::unique_ptr<LiveServices>> live =
      LiveServices::Create(config, clock, *zone, db->get(), orders->get(), &customers);
  if (!live.ok()) return StartFailed(live.status());
  if (Status s = (*live)->Load(); !s.ok()) return StartFailed(s);
  (*live)->Start();

  RateLimiter order_limiter(&clock);
  RateLimiter read_limiter(&clock);
  const TimePoint started_at = clock.Now();
  api::ApiServer server(api::ApiContext{.config = config,
                                        .clock = clock,
                                        .zone = *zone,
                                        .orders = **orders,
                                        .customers = customers,
                                        .keys = keys,
                                        .services = services,
                                        .dispatches = (*live)->dispatches(),
                                        .watch = (*live)->watch(),
                                        .page_connections = (*live)->page_connections(),
                                        .scheduler = (*live)->scheduler(),
                                        .delivery = (*live)->delivery(),
                                        .graph_webhook = (*live)->graph_webhook(),
                                        .order_limiter = order_limiter,
                                        .read_limiter = read_limiter,
                                        .admin_token = *admin_token,
                                        .version = ONAIR_VERSION,
                                        .started_at = started_at,
                                        .listen_address = "",
                                        .admin_listen_address = ""});
  if (Status s = server.Start(); !s.ok()) return StartFailed(s);

  Status written =
      WriteRunJson(config.data_dir, RunInfo{server.listen_address(), server.admin_listen_address(),
                                            ONAIR_VERSION, zone->Format(started_at)});
  if (!written.ok()) return StartFailed(written);
  sd_notify(0, "READY=1");
  spdlog::info(
      "onaird: started listen={} admin_listen={} last_order_seq={} detector={} graph_webhook={}",
      server.listen_address(), server.admin_listen_address(), (*orders)->last_seq(),
      config.detector_kind, config.GraphWebhookEnabled() ? "on" : "off");

  const char* signal_name = WaitForStopSignal(stop_signals);
  spdlog::info("onaird: stopping signal={}", signal_name);
  sd_notify(0, "STOPPING=1");
  // Nothing new arrives once the listeners are down; then the scheduler, the detector's probes
  // and the delivery workers stop, in that order.
  server.Stop();
  (*live)->Stop();
  RemoveRunJson(config.data_dir);
  spdlog::info("onaird: stopped");
  return 0;  // the stores, then the database, close as they go out of scope
}

}  // namespace
}  // namespace onair::daemon

int main(int argc, char** argv) {
  using namespace onair;

  CLI::App app{"onaird: takes Facebook-live viewer orders over HTTP and keeps them in RocksDB"};
  std::string config_path = kDefaultConfigPath;
  std::string data_dir;
  std::string listen;
  std::string admin_listen;
  CLI::Option* config_option =
      app.add_option("--config", config_path, "TOML config file")->capture_default_str();
  CLI::Option* data_dir_option = app.add_option("--data-dir", data_dir, "data directory");
  CLI::Option* listen_option =
      app.add_option("--listen", listen, "customer API address, HOST:PORT (port 0: any free)");
  CLI::Option* admin_listen_option = app.add_option(
      "--admin-listen", admin_listen, "admin API address, loopback HOST:PORT (port 0: any free)");
  app.set_version_flag("--version", "onaird " ONAIR_VERSION);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  // Blocked before any thread starts, so every thread inherits the mask and only sigwait in
  // the main thread sees these signals.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A shell starting onaird in the background may have set SIGINT to be ignored, and an
  // ignored signal never reaches sigwait; these two are how onaird is told to stop.
  signal(SIGTERM, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  signal(SIGPIPE, SIG_IGN);

  daemon::SetUpLogging();
  ConfigOverrides overrides;
  if (data_dir_option->count() > 0) overrides.data_dir = data_dir;
  if (listen_option->count() > 0) overrides.listen = listen;
  if (admin_listen_option->count() > 0) overrides.admin_listen = admin_listen;
  Result<Config> config = LoadConfig(config_path, config_option->count() == 0, overrides);
  if (!config.ok()) return daemon::StartFailed(config.status());
  if (Status s = daemon::SetLogLevel(config->log_level); !s.ok()) {
    return daemon::StartFailed(s);
  }
  return daemon::Run(*config, stop_signals);
}
