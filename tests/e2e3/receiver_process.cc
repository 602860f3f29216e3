#include "receiver_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>
#include <httplib.h>
#include <simdjson.h>

#include <chrono>

extern char** environ;

namespace onair::e2e3 {
namespace {

// node loads the script and the library from disk; on a busy machine that can take seconds.
constexpr std::chrono::seconds kStartDeadline{60};

// The first line `fd` gives, without its newline; what came before the deadline or the end of
// the stream when no newline arrived.
std::string ReadLine(int fd, std::chrono::steady_clock::time_point deadline) {
  std::string line;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd watched{fd, POLLIN, 0};
    int ready = poll(&watched, 1, 50);
    if (ready <= 0) continue;
    char c;
    if (read(fd, &c, 1) != 1 || c == '\n') break;
    line.push_back(c);
  }
  return line;
}

}  // namespace

ReceiverProcess::ReceiverProcess(const std::string& secret, int fail_first, uint16_t port) {
  int to_child[2];
  int from_child[2];
  REQUIRE(pipe2(to_child, O_CLOEXEC) == 0);
  REQUIRE(pipe2(from_child, O_CLOEXEC) == 0);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  std::vector<std::string> args = {"node",   ONAIR_WEBHOOK_RECEIVER, "--secret",
                                   secret,   "--fail-first",         std::to_string(fail_first),
                                   "--port", std::to_string(port)};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const int spawned = posix_spawnp(&pid_, "node", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(to_child[0]);
  close(from_child[1]);
  stdin_fd_ = to_child[1];
  if (spawned != 0) pid_ = -1;
  REQUIRE_MESSAGE(spawned == 0, "node is not installed (scripts/setup installs it)");

  const std::string line =
      ReadLine(from_child[0], std::chrono::steady_clock::now() + kStartDeadline);
  close(from_child[0]);
  REQUIRE_MESSAGE(line.rfind("listening ", 0) == 0,
                  "webhook_receiver.mjs did not start (got \""
                      << line
                      << "\"): is the npm package standardwebhooks installed (npm ci at the "
                         "top of the checkout, done by scripts/setup)?");
  port_ = static_cast<uint16_t>(std::stoi(line.substr(10)));
}

ReceiverProcess::~ReceiverProcess() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (pid_ > 0) {
    // The closed stdin ends it; SIGTERM too, in case it is stuck in a request.
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

std::string ReceiverProcess::Url() const {
  return ReceiverUrl(port_);
}

std::vector<ReceivedDelivery> ReceiverProcess::Deliveries() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(30);
  client.set_read_timeout(30);
  httplib::Result answer = client.Get("/deliveries");
  REQUIRE_MESSAGE(answer,
                  "GET /deliveries of the receiver: " << httplib::to_string(answer.error()));
  REQUIRE(200 == answer->status);

  simdjson::dom::parser parser;
  simdjson::dom::element root;
  REQUIRE(parser.parse(answer->body).get(root) == simdjson::SUCCESS);
  simdjson::dom::array list;
  REQUIRE(root["deliveries"].get_array().get(list) == simdjson::SUCCESS);
  std::vector<ReceivedDelivery> deliveries;
  for (simdjson::dom::element item : list) {
    ReceivedDelivery delivery;
    std::string_view text;
    if (item["id"].get_string().get(text) == simdjson::SUCCESS) delivery.id = text;
    if (item["timestamp"].get_string().get(text) == simdjson::SUCCESS) delivery.timestamp = text;
    if (item["body"].get_string().get(text) == simdjson::SUCCESS) delivery.body = text;
    REQUIRE(item["verified"].get_bool().get(delivery.verified) == simdjson::SUCCESS);
    int64_t status = 0;
    REQUIRE(item["status"].get_int64().get(status) == simdjson::SUCCESS);
    delivery.status = static_cast<int>(status);
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

std::string ReceiverUrl(uint16_t port) {
  return "http://127.0.0.1:" + std::to_string(port) + "/onair";
}

std::set<std::string> VerifiedIds(const std::vector<ReceivedDelivery>& deliveries) {
  std::set<std::string> ids;
  for (const ReceivedDelivery& delivery : deliveries) {
    if (delivery.verified) ids.insert(delivery.id);
  }
  return ids;
}

}  // namespace onair::e2e3
