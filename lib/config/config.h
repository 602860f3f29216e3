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
};

struct ConfigOverrides {
  std::optional<std::string> data_dir;
  std::optional<std::string> listen;
  std::optional<std::string> admin_listen;
};

// Reads `path` (TOML) and applies `overrides`. A missing file is all defaults when
// `path_is_default`, an error otherwise. Unknown keys, wrong types and values out of range are
// kInvalidArgument naming the key and its line ("onair.toml:7: unknown key server.lisen").
Result<Config> LoadConfig(const std::string& path, bool path_is_default,
                          const ConfigOverrides& overrides);

// "127.0.0.1:8080", "[::1]:0", "localhost:8081" → host and port.
Result<HostPort> ParseHostPort(const std::string& text);

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(const std::string& host);

}  // namespace onair
