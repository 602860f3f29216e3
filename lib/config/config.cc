#include "config/config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <system_error>
#include <variant>

// Debian's libtomlplusplus is built with exceptions only (there is no toml::noex in the shared
// library), so parse errors arrive as toml::parse_error; they are caught in LoadConfig and never
// leave this file.
#include <toml++/toml.h>

namespace onair {
namespace {

// A string setting's check; returns the problem ("server.listen: missing port in ...").
using StringCheck = Status (*)(std::string_view name, const std::string& value);

struct IntRange {
  int64_t min;
  int64_t max;
};

struct FractionRange {
  double min;
  double max;
};

// One key of the file: [section] key, the Config field it sets and what it accepts.
struct Setting {
  std::string_view section;
  std::string_view key;
  std::variant<int Config::*, int64_t Config::*, double Config::*, std::string Config::*> field;
  IntRange range = {0, 0};          // integer settings
  StringCheck check = nullptr;      // string settings; nullptr accepts any string
  FractionRange fraction = {0, 0};  // floating-point settings
};

Status CheckListen(std::string_view name, const std::string& value) {
  Result<HostPort> parsed = ParseHostPort(value);
  if (!parsed.ok()) return parsed.status().WithContext(name);
  return Status::Ok();
}

Status CheckAdminListen(std::string_view name, const std::string& value) {
  Result<HostPort> parsed = ParseHostPort(value);
  if (!parsed.ok()) return parsed.status().WithContext(name);
  if (!IsLoopbackHost(parsed->host)) {
    return Status::InvalidArgument(fmt::format(
        "{} must be a loopback address (127.0.0.1, ::1 or localhost), got {}", name, parsed->host));
  }
  return Status::Ok();
}

Status CheckNotEmpty(std::string_view name, const std::string& value) {
  if (value.empty()) return Status::InvalidArgument(fmt::format("{} must not be empty", name));
  return Status::Ok();
}

Status CheckOrderIdPrefix(std::string_view name, const std::string& value) {
  bool valid = !value.empty() && value.size() <= 16 &&
               std::all_of(value.begin(), value.end(),
                           [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; });
  if (valid) return Status::Ok();
  return Status::InvalidArgument(fmt::format(
      "{} must be 1 to 16 characters of A-Z, a-z, 0-9, _ and -, got \"{}\"", name, value));
}

Status CheckLogLevel(std::string_view name, const std::string& value) {
  for (std::string_view level : {"trace", "debug", "info", "warn", "error"}) {
    if (value == level) return Status::Ok();
  }
  return Status::InvalidArgument(
      fmt::format("{} must be one of trace, debug, info, warn, error, got \"{}\"", name, value));
}

Status CheckDetectorKind(std::string_view name, const std::string& value) {
  if (value == "push" || value == "http" || value == "graph") return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("{} must be one of push, http, graph, got \"{}\"", name, value));
}

bool StartsWithHttpScheme(std::string_view url) {
  return url.substr(0, 7) == "http://" || url.substr(0, 8) == "https://";
}

// The detector checks the whole template when it starts; this catches the usual slips with a
// line number. Empty is fine here: only kind = "http" needs it (checked with the other keys).
Status CheckDetectorUrl(std::string_view name, const std::string& value) {
  if (value.empty() || (StartsWithHttpScheme(value) && value.find("{page}") != std::string::npos)) {
    return Status::Ok();
  }
  return Status::InvalidArgument(fmt::format(
      "{} must be an http:// or https:// URL with {{page}} in it, got \"{}\"", name, value));
}

Status CheckGraphBaseUrl(std::string_view name, const std::string& value) {
  std::string_view rest = value;
  if (StartsWithHttpScheme(rest)) rest.remove_prefix(rest.find("//") + 2);
  if (StartsWithHttpScheme(value) && !rest.empty() && rest.find('/') == std::string_view::npos) {
    return Status::Ok();
  }
  return Status::InvalidArgument(fmt::format(
      "{} must be http:// or https:// and a host (and port), without a path, got \"{}\"", name,
      value));
}

Status CheckGraphApiVersion(std::string_view name, const std::string& value) {
  auto digits = [](std::string_view text) {
    return !text.empty() && text.size() <= 4 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
  };
  const size_t dot = value.find('.');
  if (value.size() > 1 && value[0] == 'v' && dot != std::string::npos &&
      digits(std::string_view(value).substr(1, dot - 1)) &&
      digits(std::string_view(value).substr(dot + 1))) {
    return Status::Ok();
  }
  return Status::InvalidArgument(fmt::format("{} must be like v19.0, got \"{}\"", name, value));
}

// Read now rather than at the first https delivery, so a wrong path stops the start.
Status CheckReadableFile(std::string_view name, const std::string& value) {
  if (value.empty() || ::access(value.c_str(), R_OK) == 0) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("{}: cannot read {}: {}", name, value, std::generic_category().message(errno)));
}

constexpr IntRange kThreads = {1, 1024};
constexpr IntRange kSeconds = {1, 3600};
constexpr IntRange kRate = {1, 10'000'000};
constexpr IntRange kProbes = {1, 256};
constexpr IntRange kLongSeconds = {1, 86'400};
constexpr IntRange kRequestSeconds = {1, 300};
constexpr FractionRange kJitter = {0.0, 0.5};

const Setting kSettings[] = {
    {"server", "listen", &Config::listen, {}, &CheckListen},
    {"server", "admin_listen", &Config::admin_listen, {}, &CheckAdminListen},
    {"server", "http_threads", &Config::http_threads, kThreads},
    {"server", "admin_threads", &Config::admin_threads, kThreads},
    {"server", "keep_alive_seconds", &Config::keep_alive_seconds, kSeconds},
    {"server", "keep_alive_max_requests", &Config::keep_alive_max_requests, {1, 1'000'000}},
    {"server", "read_timeout_seconds", &Config::read_timeout_seconds, kSeconds},
    {"server", "write_timeout_seconds", &Config::write_timeout_seconds, kSeconds},
    {"storage", "data_dir", &Config::data_dir, {}, &CheckNotEmpty},
    {"orders", "order_id_prefix", &Config::order_id_prefix, {}, &CheckOrderIdPrefix},
    // The zone name is resolved (and refused if unknown) by TimeZone::Load when onaird starts.
    {"orders", "time_zone", &Config::time_zone},
    {"orders", "default_daily_limit", &Config::default_daily_limit, {1, 1000}},
    {"orders", "default_days", &Config::default_days, {1, 365}},
    {"limits", "orders_per_hour", &Config::orders_per_hour, kRate},
    {"limits", "reads_per_hour", &Config::reads_per_hour, kRate},
    {"log", "level", &Config::log_level, {}, &CheckLogLevel},
    {"detector", "kind", &Config::detector_kind, {}, &CheckDetectorKind},
    {"detector", "http_url", &Config::detector_http_url, {}, &CheckDetectorUrl},
    {"detector", "poll_interval_seconds", &Config::poll_interval_seconds, kLongSeconds},
    {"detector", "poll_jitter", &Config::poll_jitter, {}, nullptr, kJitter},
    {"detector", "timeout_seconds", &Config::detector_timeout_seconds, kRequestSeconds},
    {"detector", "max_concurrent_probes", &Config::max_concurrent_probes, kProbes},
    {"detector", "failure_backoff_max_seconds", &Config::failure_backoff_max_seconds, kLongSeconds},
    {"detector", "live_state_max_age_seconds", &Config::live_state_max_age_seconds, kLongSeconds},
    {"delivery", "workers", &Config::delivery_workers, {1, 64}},
    {"delivery", "timeout_seconds", &Config::delivery_timeout_seconds, kRequestSeconds},
    {"delivery", "retry_initial_seconds", &Config::retry_initial_seconds, kLongSeconds},
    {"delivery", "retry_max_seconds", &Config::retry_max_seconds, {1, 7 * 86'400}},
    {"delivery", "retry_jitter", &Config::retry_jitter, {}, nullptr, kJitter},
    {"delivery", "max_attempts", &Config::max_attempts, {1, 1000}},
    {"delivery", "max_response_bytes", &Config::max_response_bytes, {1024, 16 * 1024 * 1024}},
    {"delivery", "ca_file", &Config::ca_file, {}, &CheckReadableFile},
    {"graph", "base_url", &Config::graph_base_url, {}, &CheckGraphBaseUrl},
    {"graph", "api_version", &Config::graph_api_version, {}, &CheckGraphApiVersion},
    {"graph", "app_secret", &Config::graph_app_secret},
    {"graph", "verify_token", &Config::graph_verify_token},
    {"graph", "timeout_seconds", &Config::graph_timeout_seconds, kRequestSeconds},
    {"graph", "max_concurrent_probes", &Config::graph_max_concurrent_probes, kProbes},
};

const Setting* FindSetting(std::string_view section, std::string_view key) {
  for (const Setting& setting : kSettings) {
    if (setting.section == section && setting.key == key) return &setting;
  }
  return nullptr;
}

bool IsSection(std::string_view name) {
  return std::any_of(std::begin(kSettings), std::end(kSettings),
                     [&](const Setting& s) { return s.section == name; });
}

// Stores `node` into the field of `setting`, or says why it cannot ("server.x must be ...").
Status Apply(const Setting& setting, const toml::node& node, Config* config) {
  const std::string name = fmt::format("{}.{}", setting.section, setting.key);

  if (auto* field = std::get_if<std::string Config::*>(&setting.field)) {
    const toml::value<std::string>* text = node.as_string();
    if (text == nullptr) return Status::InvalidArgument(fmt::format("{} must be a string", name));
    if (setting.check != nullptr) ONAIR_RETURN_IF_ERROR(setting.check(name, text->get()));
    config->** field = text->get();
    return Status::Ok();
  }

  if (auto* field = std::get_if<double Config::*>(&setting.field)) {
    // A whole number is a fraction too ("poll_jitter = 0").
    std::optional<double> fraction = node.value<double>();
    if (!node.is_number() || !fraction) {
      return Status::InvalidArgument(fmt::format("{} must be a number", name));
    }
    if (!(*fraction >= setting.fraction.min && *fraction <= setting.fraction.max)) {
      return Status::InvalidArgument(fmt::format("{} must be between {} and {}, got {}", name,
                                                 setting.fraction.min, setting.fraction.max,
                                                 *fraction));
    }
    config->** field = *fraction;
    return Status::Ok();
  }

  const toml::value<int64_t>* number = node.as_integer();
  if (number == nullptr) return Status::InvalidArgument(fmt::format("{} must be an integer", name));
  int64_t value = number->get();
  if (value < setting.range.min || value > setting.range.max) {
    return Status::InvalidArgument(fmt::format("{} must be between {} and {}, got {}", name,
                                               setting.range.min, setting.range.max, value));
  }
  if (auto* field = std::get_if<int Config::*>(&setting.field)) {
    config->** field = static_cast<int>(value);
  } else {
    config->*std::get<int64_t Config::*>(setting.field) = value;
  }
  return Status::Ok();
}

Status AtLine(const std::string& path, const toml::source_region& where, const Status& status) {
  return Status(status.code(), fmt::format("{}:{}: {}", path, where.begin.line, status.message()));
}

// The line of a key; toml++ leaves it 0 for keys it made up itself, so fall back to the value's.
const toml::source_region& WhereKey(const toml::key& key, const toml::node& value) {
  return key.source().begin.line != 0 ? key.source() : value.source();
}

// The line of [section] key in `root`; 0 when the file does not set it.
uint32_t LineOf(const toml::table& root, std::string_view section, std::string_view key) {
  const toml::node* node = root.at_path(fmt::format("{}.{}", section, key)).node();
  return node == nullptr ? 0 : node->source().begin.line;
}

Status AtLineNumber(const std::string& path, uint32_t line, std::string message) {
  return Status::InvalidArgument(fmt::format("{}:{}: {}", path, line, message));
}

// Settings that are fine one by one but not together. Each error names the line of the key
// the file set (a default is never to blame).
Status CheckTogether(const std::string& path, const toml::table& root, const Config& config) {
  if (config.detector_kind == "http" && config.detector_http_url.empty()) {
    return AtLineNumber(path, LineOf(root, "detector", "kind"),
                        "detector.kind = \"http\" needs detector.http_url");
  }
  if (!config.graph_verify_token.empty() && config.graph_app_secret.empty()) {
    return AtLineNumber(path, LineOf(root, "graph", "verify_token"),
                        "graph.verify_token needs graph.app_secret, which checks the webhook's "
                        "deliveries");
  }
  if (config.retry_initial_seconds > config.retry_max_seconds) {
    uint32_t line = LineOf(root, "delivery", "retry_initial_seconds");
    if (line == 0) line = LineOf(root, "delivery", "retry_max_seconds");
    return AtLineNumber(path, line,
                        fmt::format("delivery.retry_initial_seconds ({}) must not exceed "
                                    "delivery.retry_max_seconds ({})",
                                    config.retry_initial_seconds, config.retry_max_seconds));
  }
  return Status::Ok();
}

Status ApplyTable(const std::string& path, const toml::table& root, Config* config) {
  for (const auto& [section_key, section_node] : root) {
    const std::string_view section = section_key.str();
    if (!IsSection(section)) {
      return AtLine(path, WhereKey(section_key, section_node),
                    Status::InvalidArgument(fmt::format("unknown key {}", section)));
    }
    const toml::table* table = section_node.as_table();
    if (table == nullptr) {
      return AtLine(path, section_node.source(),
                    Status::InvalidArgument(fmt::format("{} must be a table", section)));
    }
    for (const auto& [key, node] : *table) {
      const Setting* setting = FindSetting(section, key.str());
      if (setting == nullptr) {
        return AtLine(
            path, WhereKey(key, node),
            Status::InvalidArgument(fmt::format("unknown key {}.{}", section, key.str())));
      }
      Status applied = Apply(*setting, node, config);
      if (!applied.ok()) return AtLine(path, node.source(), applied);
    }
  }
  return Status::Ok();
}

// Reads all of `path`; errno tells why not ("cannot read config file x: Permission denied").
Result<std::string> ReadFile(const std::string& path, int* error) {
  *error = 0;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = errno;
  } else {
    std::string content;
    char buffer[8192];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) content.append(buffer, n);
    if (n < 0) *error = errno;
    ::close(fd);
    if (*error == 0) return content;
  }
  return Status::InvalidArgument(
      fmt::format("cannot read config file {}: {}", path, std::generic_category().message(*error)));
}

Status ApplyOverride(const std::optional<std::string>& value, std::string_view name,
                     StringCheck check, std::string* field) {
  if (!value) return Status::Ok();
  ONAIR_RETURN_IF_ERROR(check(name, *value));
  *field = *value;
  return Status::Ok();
}

bool IsHostChar(unsigned char c) {
  return std::isalnum(c) || c == '.' || c == '-' || c == '_';
}

}  // namespace

Result<Config> LoadConfig(const std::string& path, bool path_is_default,
                          const ConfigOverrides& overrides) {
  Config config;

  int error = 0;
  Result<std::string> content = ReadFile(path, &error);
  if (!content.ok() && !(path_is_default && error == ENOENT)) return content.status();
  if (content.ok()) {
    toml::table root;
    try {
      root = toml::parse(*content, path);
    } catch (const toml::parse_error& e) {
      return AtLine(path, e.source(), Status::InvalidArgument(std::string(e.description())));
    }
    ONAIR_RETURN_IF_ERROR(ApplyTable(path, root, &config));
    ONAIR_RETURN_IF_ERROR(CheckTogether(path, root, config));
  }

  ONAIR_RETURN_IF_ERROR(
      ApplyOverride(overrides.data_dir, "data_dir", &CheckNotEmpty, &config.data_dir));
  ONAIR_RETURN_IF_ERROR(ApplyOverride(overrides.listen, "listen", &CheckListen, &config.listen));
  ONAIR_RETURN_IF_ERROR(ApplyOverride(overrides.admin_listen, "admin_listen", &CheckAdminListen,
                                      &config.admin_listen));
  return config;
}

Result<HostPort> ParseHostPort(const std::string& text) {
  std::string_view in = text;
  std::string_view host;
  std::string_view port;
  bool bracketed = !in.empty() && in.front() == '[';

  if (bracketed) {
    size_t close = in.find(']');
    if (close == std::string_view::npos) {
      return Status::InvalidArgument(fmt::format("missing ] in \"{}\"", text));
    }
    host = in.substr(1, close - 1);
    if (close + 1 >= in.size() || in[close + 1] != ':') {
      return Status::InvalidArgument(
          fmt::format("missing port in \"{}\" (expected [address]:port)", text));
    }
    port = in.substr(close + 2);
  } else {
    size_t colon = in.rfind(':');
    if (colon == std::string_view::npos) {
      return Status::InvalidArgument(
          fmt::format("missing port in \"{}\" (expected host:port)", text));
    }
    host = in.substr(0, colon);
    port = in.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) {
      return Status::InvalidArgument(
          fmt::format("an IPv6 address must be in brackets, as in [::1]:8080, got \"{}\"", text));
    }
  }

  if (host.empty()) {
    return Status::InvalidArgument(
        fmt::format("missing host in \"{}\" (expected host:port)", text));
  }
  if (bracketed) {
    in6_addr ignored;
    if (inet_pton(AF_INET6, std::string(host).c_str(), &ignored) != 1) {
      return Status::InvalidArgument(fmt::format("\"{}\" is not an IPv6 address", host));
    }
  } else if (!std::all_of(host.begin(), host.end(), IsHostChar)) {
    return Status::InvalidArgument(fmt::format("\"{}\" is not a host name or address", host));
  }

  bool port_ok =
      !port.empty() && port.size() <= 5 &&
      std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); });
  int port_number = port_ok ? std::stoi(std::string(port)) : -1;
  if (!port_ok || port_number > 65535) {
    if (port.empty()) {
      return Status::InvalidArgument(
          fmt::format("missing port in \"{}\" (expected host:port)", text));
    }
    return Status::InvalidArgument(
        fmt::format("port must be a number from 0 to 65535, got \"{}\"", port));
  }
  return HostPort{std::string(host), static_cast<uint16_t>(port_number)};
}

bool IsLoopbackHost(const std::string& host) {
  std::string name = host;
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower == "localhost") return true;

  in_addr v4;
  if (inet_pton(AF_INET, name.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, name.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

}  // namespace onair
