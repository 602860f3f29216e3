#include "config/config.h"

#include <doctest/doctest.h>

#include <fstream>

#include "temp_dir.h"

namespace onair {
namespace {

using onair::testing::TempDir;

// A config file in its own temp directory.
class ConfigFile {
 public:
  explicit ConfigFile(const std::string& text) : path_(dir_.Sub("onair.toml")) {
    std::ofstream(path_) << text;
  }
  const std::string& path() const { return path_; }

  Result<Config> Load(const ConfigOverrides& overrides = {}) const {
    return LoadConfig(path_, /*path_is_default=*/false, overrides);
  }
  // "invalid_argument: <path>:3: ..." with the path written as "onair.toml", or "ok".
  std::string Error(const ConfigOverrides& overrides = {}) const {
    Result<Config> config = Load(overrides);
    if (config.ok()) return "ok";
    std::string text = config.status().ToString();
    size_t at = text.find(path_);
    if (at != std::string::npos) text.replace(at, path_.size(), "onair.toml");
    return text;
  }

 private:
  TempDir dir_;
  std::string path_;
};

void CheckDefaults(const Config& config) {
  CHECK("0.0.0.0:8080" == config.listen);
  CHECK("127.0.0.1:8081" == config.admin_listen);
  CHECK(64 == config.http_threads);
  CHECK(4 == config.admin_threads);
  CHECK(5 == config.keep_alive_seconds);
  CHECK(1000 == config.keep_alive_max_requests);
  CHECK(5 == config.read_timeout_seconds);
  CHECK(5 == config.write_timeout_seconds);
  CHECK("/var/lib/onair" == config.data_dir);
  CHECK("MP-" == config.order_id_prefix);
  CHECK("" == config.time_zone);
  CHECK(10 == config.default_daily_limit);
  CHECK(30 == config.default_days);
  CHECK(1000 == config.orders_per_hour);
  CHECK(10000 == config.reads_per_hour);
  CHECK("info" == config.log_level);

  CHECK("push" == config.detector_kind);
  CHECK("" == config.detector_http_url);
  CHECK(60 == config.poll_interval_seconds);
  CHECK(0.1 == config.poll_jitter);
  CHECK(10 == config.detector_timeout_seconds);
  CHECK(8 == config.max_concurrent_probes);
  CHECK(900 == config.failure_backoff_max_seconds);
  CHECK(1800 == config.live_state_max_age_seconds);

  CHECK(4 == config.delivery_workers);
  CHECK(10 == config.delivery_timeout_seconds);
  CHECK(30 == config.retry_initial_seconds);
  CHECK(7200 == config.retry_max_seconds);
  CHECK(0.2 == config.retry_jitter);
  CHECK(18 == config.max_attempts);
  CHECK(65536 == config.max_response_bytes);
  CHECK("" == config.ca_file);

  CHECK("https://graph.facebook.com" == config.graph_base_url);
  CHECK("v19.0" == config.graph_api_version);
  CHECK("" == config.graph_app_secret);
  CHECK("" == config.graph_verify_token);
  CHECK(10 == config.graph_timeout_seconds);
  CHECK(8 == config.graph_max_concurrent_probes);
  CHECK(!config.GraphWebhookEnabled());
}

TEST_CASE("a missing config file at the default path means every default") {
  TempDir dir;

  Result<Config> config = LoadConfig(dir.Sub("onair.toml"), /*path_is_default=*/true, {});

  REQUIRE(config.ok());
  CheckDefaults(*config);
}

TEST_CASE("a missing config file named explicitly is an error naming it") {
  TempDir dir;
  const std::string path = dir.Sub("onair.toml");

  Result<Config> config = LoadConfig(path, /*path_is_default=*/false, {});

  CHECK("invalid_argument: cannot read config file " + path + ": No such file or directory" ==
        config.status().ToString());
}

TEST_CASE("a config path that is a directory is an error, even at the default path") {
  TempDir dir;

  Result<Config> config = LoadConfig(dir.path().string(), /*path_is_default=*/true, {});

  CHECK("invalid_argument: cannot read config file " + dir.path().string() + ": Is a directory" ==
        config.status().ToString());
}

TEST_CASE("an empty config file means every default") {
  ConfigFile file("# nothing set\n");

  Result<Config> config = file.Load();

  REQUIRE(config.ok());
  CheckDefaults(*config);
}

TEST_CASE("every setting is read from its section") {
  ConfigFile file(R"([server]
listen = "127.0.0.1:9000"
admin_listen = "[::1]:0"
http_threads = 128
admin_threads = 2
keep_alive_seconds = 10
keep_alive_max_requests = 500
read_timeout_seconds = 3
write_timeout_seconds = 4

[storage]
data_dir = "/srv/onair"

[orders]
order_id_prefix = "ORD_"
time_zone = "Asia/Manila"
default_daily_limit = 20
default_days = 60

[limits]
orders_per_hour = 50
reads_per_hour = 700

[log]
level = "debug"
)");

  Result<Config> config = file.Load();

  REQUIRE(config.ok());
  CHECK("127.0.0.1:9000" == config->listen);
  CHECK("[::1]:0" == config->admin_listen);
  CHECK(128 == config->http_threads);
  CHECK(2 == config->admin_threads);
  CHECK(10 == config->keep_alive_seconds);
  CHECK(500 == config->keep_alive_max_requests);
  CHECK(3 == config->read_timeout_seconds);
  CHECK(4 == config->write_timeout_seconds);
  CHECK("/srv/onair" == config->data_dir);
  CHECK("ORD_" == config->order_id_prefix);
  CHECK("Asia/Manila" == config->time_zone);
  CHECK(20 == config->default_daily_limit);
  CHECK(60 == config->default_days);
  CHECK(50 == config->orders_per_hour);
  CHECK(700 == config->reads_per_hour);
  CHECK("debug" == config->log_level);
}

TEST_CASE("every detector, delivery and graph setting is read from its section") {
  TempDir dir;
  const std::string ca = dir.Sub("ca.pem");
  std::ofstream(ca) << "not checked here\n";
  ConfigFile file(R"([detector]
kind = "http"
http_url = "http://127.0.0.1:9000/live?page={page}"
poll_interval_seconds = 30
poll_jitter = 0.25
timeout_seconds = 5
max_concurrent_probes = 16
failure_backoff_max_seconds = 600
live_state_max_age_seconds = 900

[delivery]
workers = 2
timeout_seconds = 3
retry_initial_seconds = 1
retry_max_seconds = 4
retry_jitter = 0
max_attempts = 3
max_response_bytes = 4096
ca_file = ")" + ca +
                  R"("

[graph]
base_url = "http://127.0.0.1:9001"
api_version = "v20.0"
app_secret = "s3cret"
verify_token = "tok"
timeout_seconds = 7
max_concurrent_probes = 2
)");

  Result<Config> config = file.Load();

  REQUIRE(config.ok());
  CHECK("http" == config->detector_kind);
  CHECK("http://127.0.0.1:9000/live?page={page}" == config->detector_http_url);
  CHECK(30 == config->poll_interval_seconds);
  CHECK(0.25 == config->poll_jitter);
  CHECK(5 == config->detector_timeout_seconds);
  CHECK(16 == config->max_concurrent_probes);
  CHECK(600 == config->failure_backoff_max_seconds);
  CHECK(900 == config->live_state_max_age_seconds);
  CHECK(2 == config->delivery_workers);
  CHECK(3 == config->delivery_timeout_seconds);
  CHECK(1 == config->retry_initial_seconds);
  CHECK(4 == config->retry_max_seconds);
  CHECK(0.0 == config->retry_jitter);
  CHECK(3 == config->max_attempts);
  CHECK(4096 == config->max_response_bytes);
  CHECK(ca == config->ca_file);
  CHECK("http://127.0.0.1:9001" == config->graph_base_url);
  CHECK("v20.0" == config->graph_api_version);
  CHECK("s3cret" == config->graph_app_secret);
  CHECK("tok" == config->graph_verify_token);
  CHECK(7 == config->graph_timeout_seconds);
  CHECK(2 == config->graph_max_concurrent_probes);
  CHECK(config->GraphWebhookEnabled());
}

TEST_CASE("settings left out keep their defaults") {
  ConfigFile file("[orders]\ndefault_days = 7\n");

  Result<Config> config = file.Load();

  REQUIRE(config.ok());
  CHECK(7 == config->default_days);
  CHECK(10 == config->default_daily_limit);
  CHECK(64 == config->http_threads);
}

TEST_CASE("dotted keys set the same settings as sections") {
  ConfigFile file("server.http_threads = 8\nlog.level = \"warn\"\n");

  Result<Config> config = file.Load();

  REQUIRE(config.ok());
  CHECK(8 == config->http_threads);
  CHECK("warn" == config->log_level);
}

TEST_CASE("an unknown key is refused naming the key and its line") {
  ConfigFile file(R"(# onair
[server]
http_threads = 8

[storage]
data_dir = "/tmp/x"
[server.tls]
[orders]
)");
  CHECK("invalid_argument: onair.toml:7: unknown key server.tls" == file.Error());

  ConfigFile typo("[server]\nadmin_threads = 2\n\n\n\n\nlisen = \"0.0.0.0:80\"\n");
  CHECK("invalid_argument: onair.toml:7: unknown key server.lisen" == typo.Error());
}

TEST_CASE("an unknown section or top-level key is refused with its line") {
  CHECK("invalid_argument: onair.toml:2: unknown key srever" ==
        ConfigFile("\n[srever]\nlisten = \"x\"\n").Error());
  CHECK("invalid_argument: onair.toml:1: unknown key data_dir" ==
        ConfigFile("data_dir = \"/x\"\n").Error());
}

TEST_CASE("a section that is not a table is refused") {
  CHECK("invalid_argument: onair.toml:1: server must be a table" ==
        ConfigFile("server = 1\n").Error());
}

TEST_CASE("a value of the wrong type is refused naming the key and its line") {
  SUBCASE("a string for an integer") {
    CHECK("invalid_argument: onair.toml:3: server.http_threads must be an integer" ==
          ConfigFile("[server]\nlisten = \"127.0.0.1:1\"\nhttp_threads = \"64\"\n").Error());
  }
  SUBCASE("a float for an integer") {
    CHECK("invalid_argument: onair.toml:2: orders.default_days must be an integer" ==
          ConfigFile("[orders]\ndefault_days = 30.0\n").Error());
  }
  SUBCASE("an integer for a string") {
    CHECK("invalid_argument: onair.toml:2: log.level must be a string" ==
          ConfigFile("[log]\nlevel = 3\n").Error());
  }
}

TEST_CASE("integers out of range are refused with the bounds") {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"[server]\nhttp_threads = 0",
       "onair.toml:2: server.http_threads must be between 1 and 1024, got 0"},
      {"[server]\nadmin_threads = 1025",
       "onair.toml:2: server.admin_threads must be between 1 and 1024, got 1025"},
      {"[server]\nread_timeout_seconds = 3601",
       "onair.toml:2: server.read_timeout_seconds must be between 1 and 3600, got 3601"},
      {"[server]\nwrite_timeout_seconds = -1",
       "onair.toml:2: server.write_timeout_seconds must be between 1 and 3600, got -1"},
      {"[server]\nkeep_alive_seconds = 0",
       "onair.toml:2: server.keep_alive_seconds must be between 1 and 3600, got 0"},
      {"[server]\nkeep_alive_max_requests = 0",
       "onair.toml:2: server.keep_alive_max_requests must be between 1 and 1000000, got 0"},
      {"[orders]\ndefault_daily_limit = 1001",
       "onair.toml:2: orders.default_daily_limit must be between 1 and 1000, got 1001"},
      {"[orders]\ndefault_days = 366",
       "onair.toml:2: orders.default_days must be between 1 and 365, got 366"},
      {"[limits]\norders_per_hour = 0",
       "onair.toml:2: limits.orders_per_hour must be between 1 and 10000000, got 0"},
      {"[limits]\nreads_per_hour = 10000001",
       "onair.toml:2: limits.reads_per_hour must be between 1 and 10000000, got 10000001"},
      {"[server]\nhttp_threads = 9223372036854775807",
       "onair.toml:2: server.http_threads must be between 1 and 1024, got 9223372036854775807"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(std::string("invalid_argument: ") + c.error == ConfigFile(c.text).Error());
  }
}

TEST_CASE("the largest and smallest values in range are accepted") {
  ConfigFile file(
      "[server]\nhttp_threads = 1024\nadmin_threads = 1\n[orders]\ndefault_days = 365\n"
      "default_daily_limit = 1\n[limits]\norders_per_hour = 10000000\n");

  Result<Config> config = file.Load();

  REQUIRE(config.ok());
  CHECK(1024 == config->http_threads);
  CHECK(10000000 == config->orders_per_hour);
}

TEST_CASE("a TOML syntax error names its line") {
  ConfigFile file("[server]\nhttp_threads = 8\nlisten = \"127.0.0.1:80\n");

  std::string error = file.Error();

  const std::string prefix = "invalid_argument: onair.toml:3: ";
  CHECK(prefix == error.substr(0, prefix.size()));
  CHECK(error.size() > prefix.size());
}

TEST_CASE("a key given twice is a syntax error on its second line") {
  std::string error = ConfigFile("[log]\nlevel = \"info\"\nlevel = \"warn\"\n").Error();

  const std::string prefix = "invalid_argument: onair.toml:3: ";
  CHECK(prefix == error.substr(0, prefix.size()));
}

TEST_CASE("a listen address that does not parse is refused saying why") {
  CHECK(
      "invalid_argument: onair.toml:2: server.listen: missing port in \"127.0.0.1\" (expected "
      "host:port)" == ConfigFile("[server]\nlisten = \"127.0.0.1\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: server.listen: port must be a number from 0 to 65535, "
      "got \"70000\"" == ConfigFile("[server]\nlisten = \"0.0.0.0:70000\"\n").Error());
}

TEST_CASE("an admin address that is not loopback is refused") {
  CHECK(
      "invalid_argument: onair.toml:2: server.admin_listen must be a loopback address "
      "(127.0.0.1, ::1 or localhost), got 0.0.0.0" ==
      ConfigFile("[server]\nadmin_listen = \"0.0.0.0:8081\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: server.admin_listen: missing port in \"localhost\" "
      "(expected host:port)" == ConfigFile("[server]\nadmin_listen = \"localhost\"\n").Error());
}

TEST_CASE("an order id prefix must be 1 to 16 letters, digits, _ or -") {
  CHECK(
      "invalid_argument: onair.toml:2: orders.order_id_prefix must be 1 to 16 characters of "
      "A-Z, a-z, 0-9, _ and -, got \"M P\"" ==
      ConfigFile("[orders]\norder_id_prefix = \"M P\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: orders.order_id_prefix must be 1 to 16 characters of "
      "A-Z, a-z, 0-9, _ and -, got \"\"" ==
      ConfigFile("[orders]\norder_id_prefix = \"\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: orders.order_id_prefix must be 1 to 16 characters of "
      "A-Z, a-z, 0-9, _ and -, got \"ABCDEFGHIJKLMNOPQ\"" ==
      ConfigFile("[orders]\norder_id_prefix = \"ABCDEFGHIJKLMNOPQ\"\n").Error());
  CHECK("ok" == ConfigFile("[orders]\norder_id_prefix = \"ABCDEFGHIJKLMNOP\"\n").Error());
}

TEST_CASE("a log level must be one of the five names") {
  CHECK(
      "invalid_argument: onair.toml:2: log.level must be one of trace, debug, info, warn, "
      "error, got \"verbose\"" == ConfigFile("[log]\nlevel = \"verbose\"\n").Error());
}

TEST_CASE("a jitter is a number from 0 to 0.5, whole numbers included") {
  CHECK("ok" == ConfigFile("[detector]\npoll_jitter = 0\n").Error());
  CHECK("ok" == ConfigFile("[delivery]\nretry_jitter = 0.5\n").Error());
  CHECK("invalid_argument: onair.toml:2: detector.poll_jitter must be between 0 and 0.5, got 0.7" ==
        ConfigFile("[detector]\npoll_jitter = 0.7\n").Error());
  CHECK("invalid_argument: onair.toml:2: delivery.retry_jitter must be between 0 and 0.5, got 1" ==
        ConfigFile("[delivery]\nretry_jitter = 1\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: delivery.retry_jitter must be between 0 and 0.5, got -0.1" ==
      ConfigFile("[delivery]\nretry_jitter = -0.1\n").Error());
  CHECK("invalid_argument: onair.toml:2: detector.poll_jitter must be a number" ==
        ConfigFile("[detector]\npoll_jitter = \"0.1\"\n").Error());
  CHECK("invalid_argument: onair.toml:2: detector.poll_jitter must be between 0 and 0.5, got nan" ==
        ConfigFile("[detector]\npoll_jitter = nan\n").Error());
}

TEST_CASE("detector, delivery and graph integers out of range are refused with the bounds") {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"[detector]\npoll_interval_seconds = 0",
       "onair.toml:2: detector.poll_interval_seconds must be between 1 and 86400, got 0"},
      {"[detector]\ntimeout_seconds = 301",
       "onair.toml:2: detector.timeout_seconds must be between 1 and 300, got 301"},
      {"[detector]\nmax_concurrent_probes = 257",
       "onair.toml:2: detector.max_concurrent_probes must be between 1 and 256, got 257"},
      {"[detector]\nfailure_backoff_max_seconds = 86401",
       "onair.toml:2: detector.failure_backoff_max_seconds must be between 1 and 86400, got "
       "86401"},
      {"[detector]\nlive_state_max_age_seconds = 0",
       "onair.toml:2: detector.live_state_max_age_seconds must be between 1 and 86400, got 0"},
      {"[delivery]\nworkers = 65",
       "onair.toml:2: delivery.workers must be between 1 and 64, got 65"},
      {"[delivery]\ntimeout_seconds = 0",
       "onair.toml:2: delivery.timeout_seconds must be between 1 and 300, got 0"},
      {"[delivery]\nretry_max_seconds = 604801",
       "onair.toml:2: delivery.retry_max_seconds must be between 1 and 604800, got 604801"},
      {"[delivery]\nmax_attempts = 0",
       "onair.toml:2: delivery.max_attempts must be between 1 and 1000, got 0"},
      {"[delivery]\nmax_response_bytes = 1023",
       "onair.toml:2: delivery.max_response_bytes must be between 1024 and 16777216, got 1023"},
      {"[graph]\ntimeout_seconds = 0",
       "onair.toml:2: graph.timeout_seconds must be between 1 and 300, got 0"},
      {"[graph]\nmax_concurrent_probes = 0",
       "onair.toml:2: graph.max_concurrent_probes must be between 1 and 256, got 0"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(std::string("invalid_argument: ") + c.error == ConfigFile(c.text).Error());
  }
}

TEST_CASE("a detector kind must be push, http or graph") {
  CHECK("ok" == ConfigFile("[detector]\nkind = \"graph\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: detector.kind must be one of push, http, graph, got "
      "\"poll\"" == ConfigFile("[detector]\nkind = \"poll\"\n").Error());
}

TEST_CASE("the http detector needs a URL template with {page}") {
  CHECK("invalid_argument: onair.toml:3: detector.kind = \"http\" needs detector.http_url" ==
        ConfigFile("[detector]\n\nkind = \"http\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: detector.http_url must be an http:// or https:// URL "
      "with {page} in it, got \"http://127.0.0.1:9000/live\"" ==
      ConfigFile("[detector]\nhttp_url = \"http://127.0.0.1:9000/live\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: detector.http_url must be an http:// or https:// URL "
      "with {page} in it, got \"ftp://x/{page}\"" ==
      ConfigFile("[detector]\nhttp_url = \"ftp://x/{page}\"\n").Error());
}

TEST_CASE("the first retry may not wait longer than the longest") {
  CHECK(
      "invalid_argument: onair.toml:3: delivery.retry_initial_seconds (60) must not exceed "
      "delivery.retry_max_seconds (30)" ==
      ConfigFile("[delivery]\nretry_max_seconds = 30\nretry_initial_seconds = 60\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: delivery.retry_initial_seconds (30) must not exceed "
      "delivery.retry_max_seconds (10)" ==
      ConfigFile("[delivery]\nretry_max_seconds = 10\n").Error());
}

TEST_CASE("a CA file must be readable") {
  TempDir dir;
  const std::string missing = dir.Sub("missing.pem");

  CHECK("invalid_argument: onair.toml:2: delivery.ca_file: cannot read " + missing +
            ": No such file or directory" ==
        ConfigFile("[delivery]\nca_file = \"" + missing + "\"\n").Error());
}

TEST_CASE("the graph base URL is a scheme and a host, the API version like v19.0") {
  CHECK("ok" == ConfigFile("[graph]\nbase_url = \"https://[::1]:8443\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: graph.base_url must be http:// or https:// and a host "
      "(and port), without a path, got \"https://graph.facebook.com/v19.0\"" ==
      ConfigFile("[graph]\nbase_url = \"https://graph.facebook.com/v19.0\"\n").Error());
  CHECK(
      "invalid_argument: onair.toml:2: graph.base_url must be http:// or https:// and a host "
      "(and port), without a path, got \"graph.facebook.com\"" ==
      ConfigFile("[graph]\nbase_url = \"graph.facebook.com\"\n").Error());
  CHECK("invalid_argument: onair.toml:2: graph.api_version must be like v19.0, got \"19.0\"" ==
        ConfigFile("[graph]\napi_version = \"19.0\"\n").Error());
  CHECK("invalid_argument: onair.toml:2: graph.api_version must be like v19.0, got \"v19\"" ==
        ConfigFile("[graph]\napi_version = \"v19\"\n").Error());
}

TEST_CASE("a graph verify token without the app secret is refused; the secret alone is fine") {
  CHECK(
      "invalid_argument: onair.toml:3: graph.verify_token needs graph.app_secret, which checks "
      "the webhook's deliveries" == ConfigFile("[graph]\n\nverify_token = \"tok\"\n").Error());

  Result<Config> secret_only = ConfigFile("[graph]\napp_secret = \"s\"\n").Load();
  REQUIRE(secret_only.ok());
  CHECK(!secret_only->GraphWebhookEnabled());
}

TEST_CASE("an empty data directory is refused") {
  CHECK("invalid_argument: onair.toml:2: storage.data_dir must not be empty" ==
        ConfigFile("[storage]\ndata_dir = \"\"\n").Error());
}

TEST_CASE("command-line overrides win over the file") {
  ConfigFile file(
      "[server]\nlisten = \"0.0.0.0:80\"\nadmin_listen = \"127.0.0.1:81\"\n"
      "[storage]\ndata_dir = \"/from/file\"\n");
  ConfigOverrides overrides;
  overrides.data_dir = "/from/flag";
  overrides.listen = "127.0.0.1:0";
  overrides.admin_listen = "localhost:0";

  Result<Config> config = file.Load(overrides);

  REQUIRE(config.ok());
  CHECK("/from/flag" == config->data_dir);
  CHECK("127.0.0.1:0" == config->listen);
  CHECK("localhost:0" == config->admin_listen);
}

TEST_CASE("overrides also apply when the default file is missing") {
  TempDir dir;
  ConfigOverrides overrides;
  overrides.data_dir = dir.Sub("data");

  Result<Config> config = LoadConfig(dir.Sub("onair.toml"), /*path_is_default=*/true, overrides);

  REQUIRE(config.ok());
  CHECK(dir.Sub("data") == config->data_dir);
}

TEST_CASE("overrides are checked like the file") {
  ConfigFile file("");
  ConfigOverrides overrides;

  SUBCASE("admin_listen") {
    overrides.admin_listen = "0.0.0.0:8081";
    CHECK(
        "invalid_argument: admin_listen must be a loopback address (127.0.0.1, ::1 or "
        "localhost), got 0.0.0.0" == file.Error(overrides));
  }
  SUBCASE("listen") {
    overrides.listen = "nonsense";
    CHECK("invalid_argument: listen: missing port in \"nonsense\" (expected host:port)" ==
          file.Error(overrides));
  }
  SUBCASE("data_dir") {
    overrides.data_dir = "";
    CHECK("invalid_argument: data_dir must not be empty" == file.Error(overrides));
  }
}

TEST_CASE("an override does not excuse a bad file") {
  ConfigFile file("[server]\nadmin_listen = \"0.0.0.0:8081\"\n");
  ConfigOverrides overrides;
  overrides.admin_listen = "127.0.0.1:8081";

  CHECK(
      "invalid_argument: onair.toml:2: server.admin_listen must be a loopback address "
      "(127.0.0.1, ::1 or localhost), got 0.0.0.0" == file.Error(overrides));
}

std::string Parse(const std::string& text) {
  Result<HostPort> parsed = ParseHostPort(text);
  if (!parsed.ok()) return parsed.status().ToString();
  return parsed->host + " port " + std::to_string(parsed->port);
}

TEST_CASE("host:port forms that parse") {
  CHECK("127.0.0.1 port 8080" == Parse("127.0.0.1:8080"));
  CHECK("::1 port 0" == Parse("[::1]:0"));
  CHECK("localhost port 8081" == Parse("localhost:8081"));
  CHECK("0.0.0.0 port 65535" == Parse("0.0.0.0:65535"));
  CHECK("2001:db8::1 port 443" == Parse("[2001:db8::1]:443"));
  CHECK("api.example.com port 80" == Parse("api.example.com:80"));
}

TEST_CASE("host:port forms that are refused say what is wrong") {
  CHECK("invalid_argument: missing port in \"127.0.0.1\" (expected host:port)" ==
        Parse("127.0.0.1"));
  CHECK("invalid_argument: missing port in \"127.0.0.1:\" (expected host:port)" ==
        Parse("127.0.0.1:"));
  CHECK("invalid_argument: missing host in \":8080\" (expected host:port)" == Parse(":8080"));
  CHECK("invalid_argument: missing port in \"\" (expected host:port)" == Parse(""));
  CHECK("invalid_argument: port must be a number from 0 to 65535, got \"65536\"" ==
        Parse("127.0.0.1:65536"));
  CHECK("invalid_argument: port must be a number from 0 to 65535, got \"80a\"" ==
        Parse("127.0.0.1:80a"));
  CHECK("invalid_argument: port must be a number from 0 to 65535, got \"-1\"" ==
        Parse("127.0.0.1:-1"));
  CHECK("invalid_argument: port must be a number from 0 to 65535, got \"000080\"" ==
        Parse("127.0.0.1:000080"));
  CHECK("invalid_argument: an IPv6 address must be in brackets, as in [::1]:8080, got \"::1:80\"" ==
        Parse("::1:80"));
  CHECK("invalid_argument: missing ] in \"[::1:80\"" == Parse("[::1:80"));
  CHECK("invalid_argument: missing port in \"[::1]\" (expected [address]:port)" == Parse("[::1]"));
  CHECK("invalid_argument: missing host in \"[]:80\" (expected host:port)" == Parse("[]:80"));
  CHECK("invalid_argument: \"localhost\" is not an IPv6 address" == Parse("[localhost]:80"));
  CHECK("invalid_argument: \"my host\" is not a host name or address" == Parse("my host:80"));
}

TEST_CASE("loopback hosts are 127.0.0.0/8, ::1 and localhost") {
  CHECK(IsLoopbackHost("127.0.0.1"));
  CHECK(IsLoopbackHost("127.1.2.3"));
  CHECK(IsLoopbackHost("::1"));
  CHECK(IsLoopbackHost("[::1]"));
  CHECK(IsLoopbackHost("0:0:0:0:0:0:0:1"));
  CHECK(IsLoopbackHost("::ffff:127.0.0.1"));
  CHECK(IsLoopbackHost("localhost"));
  CHECK(IsLoopbackHost("LOCALHOST"));
  CHECK_FALSE(IsLoopbackHost("0.0.0.0"));
  CHECK_FALSE(IsLoopbackHost("::"));
  CHECK_FALSE(IsLoopbackHost("128.0.0.1"));
  CHECK_FALSE(IsLoopbackHost("10.0.0.1"));
  CHECK_FALSE(IsLoopbackHost("localhost.example.com"));
  CHECK_FALSE(IsLoopbackHost("127.0.0.1.example.com"));
  CHECK_FALSE(IsLoopbackHost(""));
}

}  // namespace
}  // namespace onair
