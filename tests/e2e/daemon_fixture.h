// Daemon: the real onaird started for one test on a fresh temporary data directory (free ports,
// its own config file), with clients for its customer and admin listeners and a runner for
// onairctl. Removes the process and the directory when destroyed. Not thread-safe to start or
// stop; the request helpers may be called from several threads at once.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "http_answer.h"

namespace onair::e2e {

// The paths of the programs under test, from the environment meson sets (ONAIRD_PATH,
// ONAIRCTL_PATH).
std::string OnairdPath();
std::string OnairctlPath();

// How to run onaird: its TOML config and extra environment variables. The config starts as
// `[orders] time_zone = "Asia/Manila"`, so times end in "+08:00" whatever the machine's zone.
class DaemonConfig {
 public:
  DaemonConfig();

  // Sets `key` of `table` to `toml_value` (written as is: "3", "\"Asia/Manila\"").
  DaemonConfig& Set(const std::string& table, const std::string& key,
                    const std::string& toml_value);
  DaemonConfig& Remove(const std::string& table, const std::string& key);
  // Sets an environment variable for onaird (the rest of the environment is inherited).
  DaemonConfig& Environment(const std::string& name, const std::string& value);

  std::string Toml() const;
  const std::map<std::string, std::string>& environment() const { return environment_; }

 private:
  std::map<std::string, std::map<std::string, std::string>> tables_;
  std::map<std::string, std::string> environment_;
};

// What a finished program did.
struct ProgramRun {
  int exit_code = -1;  // -1: did not finish before the deadline (then killed)
  std::string out;
  std::string err;
};

// Runs `path` with `args`, waits up to `deadline`, and captures its output.
ProgramRun RunProgram(const std::string& path, const std::vector<std::string>& args,
                      std::chrono::seconds deadline);

// A fresh directory under /tmp, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class Daemon {
 public:
  // Writes the config and starts onaird; a failed start fails the test (REQUIRE) and shows the
  // daemon's log.
  explicit Daemon(const DaemonConfig& config = DaemonConfig());
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Starts onaird on the same data directory (after Kill or Stop) and waits for its run.json.
  void Start();
  // SIGKILL, then reaps the process.
  void Kill();
  // Sends `signal` (SIGTERM, SIGINT) and waits; returns the exit code (128 + signal when killed
  // by one, -1 if it did not exit in time and had to be killed).
  int Stop(int signal = SIGTERM);
  // The two halves of Stop, for tests that act between them.
  void Signal(int signal);
  int WaitForExit();
  bool running() const { return pid_ > 0; }

  uint16_t port() const { return port_; }
  uint16_t admin_port() const { return admin_port_; }
  const std::string& data_dir() const { return data_dir_; }
  const std::string& config_path() const { return config_path_; }
  const std::string& admin_token() const { return admin_token_; }
  // Everything onaird wrote to stdout and stderr so far, for failure messages.
  std::string Log() const;

  // Customer API. An empty `key` sends no X-API-Key header; an empty `content_type` sends no
  // Content-Type header.
  HttpAnswer Get(const std::string& path, const std::string& key) const;
  HttpAnswer PostOrder(const std::string& key, const std::string& body,
                       const std::string& content_type = "application/json") const;
  HttpAnswer Request(const std::string& method, const std::string& path, const std::string& key,
                     const std::string& body = "",
                     const std::string& content_type = "application/json") const;

  // Admin API with the admin token.
  HttpAnswer Admin(const std::string& method, const std::string& path,
                   const std::string& body = "") const;

  // Admin API with `token` as the bearer token (none when empty).
  HttpAnswer AdminWithToken(const std::string& method, const std::string& path,
                            const std::string& token, const std::string& body = "") const;

  // Admin helpers that REQUIRE success. `AddCustomer` returns the customer's first key;
  // `extra_fields` are more members of the request object ("\"rate_limit\": 2").
  void AddService(int id, const std::string& name, int quantity_min, int quantity_max,
                  bool active = true) const;
  // The guide's services 1, 2 and 3 ("60/120/180 Minutes Live Viewers"), quantities 10..5000.
  void AddGuideServices() const;
  std::string AddCustomer(const std::string& name, const std::string& extra_fields = "") const;
  // Another key for customer `name`; returns {key_id (as Text shows it), key}.
  std::pair<std::string, std::string> AddKey(const std::string& name) const;

  // onairctl pointed at this daemon's data directory: `onairctl --data-dir DIR args...`.
  ProgramRun Ctl(const std::vector<std::string>& args) const;

 private:
  TempDir root_;
  std::string data_dir_;
  std::string config_path_;
  std::string log_path_;
  std::map<std::string, std::string> environment_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  uint16_t admin_port_ = 0;
  std::string admin_token_;
};

// One daemon per test program, started on first use, with the guide's services 1-3, the
// inactive service 7 "Retired Viewers" (10..5000) and the customer "shared", for tests whose
// answers depend neither on order ids nor on counts. Not thread-safe on first use.
const Daemon& SharedDaemon();
// The first key of the customer "shared".
const std::string& SharedKey();

// The guide's three example bodies, byte for byte, and its curl line's body.
inline constexpr const char* kGuideWithoutOrderId =
    R"({ "url": "https://facebook.com/username", "services": [ { "service_id": 3,)"
    R"( "quantity": 200 } ] })";
inline constexpr const char* kGuideWithOrderId =
    R"({ "order_id": "321421321", "url": "https://facebook.com/username",)"
    R"( "services": [ { "service_id": 3, "quantity": 200 } ] })";
inline constexpr const char* kGuideWithOptions =
    R"({ "url": "https://facebook.com/username", "daily_limit": 5, "days": 15,)"
    R"( "services": [ { "service_id": 3, "quantity": 200, "min_viewers": 100 } ] })";
inline constexpr const char* kGuideCurlBody =
    R"({ "url": "https://facebook.com/username", "services": [ { "service_id": 3,)"
    R"( "quantity": 200 } ] })";

// The body of a valid order for service 3 with the given customer order id (none when empty).
std::string OrderBody(const std::string& order_id = "");

}  // namespace onair::e2e
