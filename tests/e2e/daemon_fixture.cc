#include "daemon_fixture.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>
#include <httplib.h>
#include <simdjson.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "json_view.h"

extern char** environ;

namespace onair::e2e {
namespace {

using Clock = std::chrono::steady_clock;

// The machine is small and shared: starting RocksDB and fsyncs can be slow, so deadlines are
// generous; every wait polls and returns as soon as the condition holds.
constexpr std::chrono::seconds kStartDeadline{60};
constexpr std::chrono::seconds kStopDeadline{60};
constexpr std::chrono::milliseconds kPollInterval{20};

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  REQUIRE_MESSAGE(value != nullptr, name << " is not set; run the tests through meson test");
  return value;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE_MESSAGE(out.good(), "cannot write " << path);
}

// The environment of this process with `extra` set, minus NOTIFY_SOCKET, so a daemon under test
// never talks to a service manager the test runner may run under.
std::vector<std::string> ChildEnvironment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    std::string name(text.substr(0, text.find('=')));
    if (name != "NOTIFY_SOCKET" && extra.count(name) == 0) env.emplace_back(text);
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

// Spawns `path args...` with stdin from /dev/null, stdout to `out_path` and stderr to
// `err_path` (the same file when equal; appended when `append`). Returns the pid or -1.
pid_t Spawn(const std::string& path, const std::vector<std::string>& args,
            const std::string& out_path, const std::string& err_path, bool append,
            const std::map<std::string, std::string>& extra_env = {}) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(path.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = ChildEnvironment(extra_env);
  std::vector<char*> env;
  for (auto& entry : env_strings) env.push_back(entry.data());
  env.push_back(nullptr);

  // No O_CLOEXEC: these descriptors are the child's stdout and stderr after exec.
  const int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), flags, 0644);
  if (err_path == out_path) {
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
  } else {
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), flags, 0644);
  }
  pid_t pid = -1;
  int error = posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) return -1;
  return pid;
}

// Waits for `pid` up to `deadline`; returns its exit code (128 + signal when a signal ended
// it), or -1 when it is still running at the deadline.
int WaitFor(pid_t pid, std::chrono::milliseconds deadline) {
  const auto end = Clock::now() + deadline;
  while (true) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return -1;
    }
    if (done < 0 && errno != EINTR) return -1;
    if (Clock::now() >= end) return -1;
    std::this_thread::sleep_for(kPollInterval);
  }
}

bool TcpConnects(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  close(fd);
  return ok;
}

// The port of "127.0.0.1:8080" or "[::1]:8080"; 0 when there is none.
uint16_t PortOf(std::string_view address) {
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return 0;
  long port = std::strtol(std::string(address.substr(colon + 1)).c_str(), nullptr, 10);
  return port > 0 && port < 65536 ? static_cast<uint16_t>(port) : 0;
}

// Reads the customer and admin ports from onaird's run.json ({"listen": "127.0.0.1:P",
// "admin_listen": "127.0.0.1:Q", ...}); false while the file is missing or incomplete.
bool ReadRunJson(const std::string& path, uint16_t& port, uint16_t& admin_port) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return false;
  std::string text = ReadFile(path);
  port = PortOf(Str(text, "/listen"));
  admin_port = PortOf(Str(text, "/admin_listen"));
  return port != 0 && admin_port != 0;
}

HttpAnswer ToAnswer(const httplib::Result& result) {
  HttpAnswer answer;
  if (!result) {
    answer.error = httplib::to_string(result.error());
    return answer;
  }
  answer.status = result->status;
  answer.body = result->body;
  for (const auto& [name, value] : result->headers) answer.headers.emplace_back(name, value);
  return answer;
}

HttpAnswer Send(uint16_t port, const std::string& method, const std::string& path,
                httplib::Headers headers, const std::string& body,
                const std::string& content_type) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(30);
  client.set_read_timeout(120);
  client.set_write_timeout(60);
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.headers = std::move(headers);
  if (!content_type.empty()) request.headers.emplace("Content-Type", content_type);
  request.body = body;
  const auto start = Clock::now();
  HttpAnswer answer = ToAnswer(client.send(request));
  if (answer.status == 0) {
    // How long the failed attempt took tells a refused connection from a timeout.
    answer.error +=
        " after " +
        std::to_string(
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count()) +
        " ms";
  }
  return answer;
}

}  // namespace

std::string OnairdPath() {
  return RequiredEnv("ONAIRD_PATH");
}
std::string OnairctlPath() {
  return RequiredEnv("ONAIRCTL_PATH");
}

DaemonConfig::DaemonConfig() {
  Set("orders", "time_zone", "\"Asia/Manila\"");
}

DaemonConfig& DaemonConfig::Set(const std::string& table, const std::string& key,
                                const std::string& toml_value) {
  tables_[table][key] = toml_value;
  return *this;
}

DaemonConfig& DaemonConfig::Remove(const std::string& table, const std::string& key) {
  tables_[table].erase(key);
  if (tables_[table].empty()) tables_.erase(table);
  return *this;
}

DaemonConfig& DaemonConfig::Environment(const std::string& name, const std::string& value) {
  environment_[name] = value;
  return *this;
}

std::string DaemonConfig::Toml() const {
  std::string toml;
  for (const auto& [table, settings] : tables_) {
    toml += "[" + table + "]\n";
    for (const auto& [key, value] : settings) toml += key + " = " + value + "\n";
    toml += "\n";
  }
  return toml;
}

ProgramRun RunProgram(const std::string& path, const std::vector<std::string>& args,
                      std::chrono::seconds deadline) {
  TempDir scratch;
  const std::string out_path = scratch.path() + "/out";
  const std::string err_path = scratch.path() + "/err";
  ProgramRun run;
  pid_t pid = Spawn(path, args, out_path, err_path, /*append=*/false);
  if (pid < 0) {
    run.err = "cannot start " + path;
    return run;
  }
  run.exit_code = WaitFor(pid, deadline);
  if (run.exit_code == -1) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  run.out = ReadFile(out_path);
  run.err = ReadFile(err_path);
  return run;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "onair-e2e-XXXXXX").string();
  REQUIRE_MESSAGE(mkdtemp(pattern.data()) != nullptr, "mkdtemp: " << std::strerror(errno));
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Daemon::Daemon(const DaemonConfig& config)
    : data_dir_(root_.path() + "/data"),
      config_path_(root_.path() + "/onair.toml"),
      log_path_(root_.path() + "/onaird.log"),
      environment_(config.environment()) {
  std::filesystem::create_directory(data_dir_);
  WriteFile(config_path_, config.Toml());
  Start();
}

Daemon::~Daemon() {
  // No assertions here: a shared daemon is destroyed after the test run has ended.
  if (running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void Daemon::Start() {
  REQUIRE_FALSE(running());
  // A run.json left by the previous process names ports that are gone.
  std::error_code ignored;
  std::filesystem::remove(data_dir_ + "/run.json", ignored);

  // NOTE: no assertion may run inside an assertion's message (doctest would deadlock when it
  // prints passing assertions with -s), so the path is looked up first.
  const std::string onaird = OnairdPath();
  pid_ = Spawn(onaird,
               {"--config", config_path_, "--data-dir", data_dir_, "--listen", "127.0.0.1:0",
                "--admin-listen", "127.0.0.1:0"},
               log_path_, log_path_, /*append=*/true, environment_);
  REQUIRE_MESSAGE(pid_ > 0, "cannot start " << onaird);

  const auto end = Clock::now() + kStartDeadline;
  while (true) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL("onaird exited (status " << status << ") before it was ready; its log:\n" << Log());
    }
    if (ReadRunJson(data_dir_ + "/run.json", port_, admin_port_)) {
      admin_token_ = ReadFile(data_dir_ + "/admin.token");
      while (!admin_token_.empty() && std::isspace(static_cast<unsigned char>(admin_token_.back())))
        admin_token_.pop_back();
      if (!admin_token_.empty() && TcpConnects(port_) && TcpConnects(admin_port_)) return;
    }
    if (Clock::now() >= end) {
      Kill();
      FAIL("onaird was not ready after " << kStartDeadline.count() << " s; its log:\n" << Log());
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

void Daemon::Kill() {
  REQUIRE(running());
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int Daemon::Stop(int signal) {
  Signal(signal);
  return WaitForExit();
}

void Daemon::Signal(int signal) {
  REQUIRE(running());
  kill(pid_, signal);
}

int Daemon::WaitForExit() {
  REQUIRE(running());
  int code = WaitFor(pid_, kStopDeadline);
  if (code == -1) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
  return code;
}

std::string Daemon::Log() const {
  return ReadFile(log_path_);
}

HttpAnswer Daemon::Get(const std::string& path, const std::string& key) const {
  return Request("GET", path, key, "", "");
}

HttpAnswer Daemon::PostOrder(const std::string& key, const std::string& body,
                             const std::string& content_type) const {
  return Request("POST", "/api/order", key, body, content_type);
}

HttpAnswer Daemon::Request(const std::string& method, const std::string& path,
                           const std::string& key, const std::string& body,
                           const std::string& content_type) const {
  httplib::Headers headers;
  if (!key.empty()) headers.emplace("X-API-Key", key);
  return Send(port_, method, path, std::move(headers), body, content_type);
}

HttpAnswer Daemon::Admin(const std::string& method, const std::string& path,
                         const std::string& body) const {
  return AdminWithToken(method, path, admin_token_, body);
}

HttpAnswer Daemon::AdminWithToken(const std::string& method, const std::string& path,
                                  const std::string& token, const std::string& body) const {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return Send(admin_port_, method, path, std::move(headers), body,
              body.empty() ? "" : "application/json");
}

void Daemon::AddService(int id, const std::string& name, int quantity_min, int quantity_max,
                        bool active) const {
  std::string body = "{\"service_id\": " + std::to_string(id) + ", \"name\": \"" + name +
                     "\", \"quantity_min\": " + std::to_string(quantity_min) +
                     ", \"quantity_max\": " + std::to_string(quantity_max) +
                     ", \"active\": " + (active ? "true" : "false") + "}";
  HttpAnswer answer = Admin("POST", "/admin/services", body);
  REQUIRE_MESSAGE(answer.status == 200, "POST /admin/services " << body << " -> " << answer.status
                                                                << " " << answer.body
                                                                << answer.error);
}

void Daemon::AddGuideServices() const {
  AddService(1, "60 Minutes Live Viewers", 10, 5000);
  AddService(2, "120 Minutes Live Viewers", 10, 5000);
  AddService(3, "180 Minutes Live Viewers", 10, 5000);
}

std::string Daemon::AddCustomer(const std::string& name, const std::string& extra_fields) const {
  std::string body =
      "{\"name\": \"" + name + "\"" + (extra_fields.empty() ? "" : ", " + extra_fields) + "}";
  HttpAnswer answer = Admin("POST", "/admin/customers", body);
  REQUIRE_MESSAGE(answer.status == 200, "POST /admin/customers " << body << " -> " << answer.status
                                                                 << " " << answer.body
                                                                 << answer.error);
  std::string key = Str(answer.body, "/data/key");
  REQUIRE_MESSAGE(key.rfind("oak_", 0) == 0, "no key in " << answer.body);
  return key;
}

std::pair<std::string, std::string> Daemon::AddKey(const std::string& name) const {
  HttpAnswer answer = Admin("POST", "/admin/keys", "{\"customer\": \"" + name + "\"}");
  REQUIRE_MESSAGE(answer.status == 200,
                  "POST /admin/keys -> " << answer.status << " " << answer.body << answer.error);
  std::string key = Str(answer.body, "/data/key");
  REQUIRE_MESSAGE(key.rfind("oak_", 0) == 0, "no key in " << answer.body);
  return {Text(answer.body, "/data/key_id"), key};
}

ProgramRun Daemon::Ctl(const std::vector<std::string>& args) const {
  std::vector<std::string> full{"--data-dir", data_dir_};
  full.insert(full.end(), args.begin(), args.end());
  return RunProgram(OnairctlPath(), full, std::chrono::seconds(60));
}

namespace {

struct Shared {
  Daemon daemon;
  std::string key;

  Shared() {
    daemon.AddGuideServices();
    daemon.AddService(7, "Retired Viewers", 10, 5000, /*active=*/false);
    key = daemon.AddCustomer("shared");
  }
};

Shared& TheShared() {
  static Shared shared;
  return shared;
}

}  // namespace

const Daemon& SharedDaemon() {
  return TheShared().daemon;
}
const std::string& SharedKey() {
  return TheShared().key;
}

std::string OrderBody(const std::string& order_id) {
  std::string body = "{";
  if (!order_id.empty()) body += "\"order_id\": \"" + order_id + "\", ";
  body += R"("url": "https://facebook.com/username",)"
          R"( "services": [{"service_id": 3, "quantity": 200}]})";
  return body;
}

}  // namespace onair::e2e
