// Config: every setting of onaird, read once at start from a TOML file plus command-line
// overrides, immutable afterwards (share it by const reference between threads).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"

namespace onair {

inline constexpr const char* kDefaultConfigPath = "/etc/onair/onair.toml";

struct HostPort {
  std::string host;
  uint16_t port = 0;  // 0: pick a free port
};

struct Config {
  // [server]
  std::string listen = "0.0.0.0:8080";          // customer API
  std::string admin_listen = "127.0.0.1:8081";  // loopback only
  int http_threads = 64;  // one per kept-alive connection, so sized for many clients
  int admin_threads = 4;
  int keep_alive_seconds = 5;
  int keep_alive_max_requests = 1000;
  int read_timeout_seconds = 5;
  int write_timeout_seconds = 5;

  // [storage]
  std::string data_dir = "/var/lib/onair";

  // [orders]
  std::string order_id_prefix = "MP-";
  std::string time_zone;  // IANA name; empty: TZ, then /etc/localtime
  int64_t default_daily_limit = 10;
  int64_t default_days = 30;

  // [limits]
  int64_t orders_per_hour = 1000;  // per customer, unless the customer has its own
  int64_t reads_per_hour = 10000;

  // [log]
  std::string log_level = "info";  // trace, debug, info, warn, error

  // [detector]: where live states come from besides pushed reports (docs/firing-rules.md).
  std::string detector_kind = "push";  // push, http, graph
  std::string detector_http_url;       // http: a URL template with {page}
  int poll_interval_seconds = 60;
  double poll_jitter = 0.1;  // ± fraction of the interval
  int detector_timeout_seconds = 10;
  int max_concurrent_probes = 8;
  int failure_backoff_max_seconds = 900;
  int live_state_max_age_seconds = 1800;

  // [delivery]: the webhook workers and their retry schedule (docs/webhooks.md).
  int delivery_workers = 4;
  int delivery_timeout_seconds = 10;
  int retry_initial_seconds = 30;
  int retry_max_seconds = 7200;
  double retry_jitter = 0.2;
  int max_attempts = 18;
  int64_t max_response_bytes = 65536;
  std::string ca_file;  // PEM CAs for https webhooks; empty: the system's

  // [graph]: the Facebook Graph API detector and webhook.
  std::string graph_base_url = "https://graph.facebook.com";
  std::string graph_api_version = "v19.0";
  std::string graph_app_secret;    // NOTE: a secret; never logged
  std::string graph_verify_token;  // NOTE: a secret; never logged
  int graph_timeout_seconds = 10;
  int graph_max_concurrent_probes = 8;

  // True when the Graph webhook routes are served: both secrets are set.
  bool GraphWebhookEnabled() const {
    return !graph_app_secret.empty() && !graph_verify_token.empty();
  }
};

struct ConfigOverrides {
  std::optional<std::string> data_dir;
  std::optional<std::string> listen;
  std::optional<std::string> admin_listen;
};

// Reads `path` (TOML) and applies `overrides`. A missing file is all defaults when
// `path_is_default`, an error otherwise. Unknown keys, wrong types, values out of range and
// settings that contradict each other are kInvalidArgument naming the key and its line
// ("onair.toml:7: unknown key server.lisen").
Result<Config> LoadConfig(const std::string& path, bool path_is_default,
                          const ConfigOverrides& overrides);

// "127.0.0.1:8080", "[::1]:0", "localhost:8081" → host and port.
Result<HostPort> ParseHostPort(const std::string& text);

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(const std::string& host);

}  // namespace onair
