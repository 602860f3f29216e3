#include "npm_receiver.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>
#include <simdjson.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace onair::testing {

namespace {

// The first line the child writes, up to the newline (or what came before it closed stdout).
std::string ReadLine(int fd) {
  std::string line;
  char c;
  while (read(fd, &c, 1) == 1 && c != '\n') line.push_back(c);
  return line;
}

}  // namespace

NpmReceiver::NpmReceiver(const std::string& secret, int fail_first) {
  int to_child[2];
  int from_child[2];
  REQUIRE(pipe(to_child) == 0);
  REQUIRE(pipe(from_child) == 0);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);
  std::string fail = std::to_string(fail_first);
  std::vector<std::string> args = {"node", ONAIR_WEBHOOK_RECEIVER, "--secret",
                                   secret, "--fail-first",         fail};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int spawned = posix_spawnp(&pid_, "node", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(to_child[0]);
  close(from_child[1]);
  stdin_fd_ = to_child[1];
  REQUIRE_MESSAGE(spawned == 0, "node is not installed (scripts/setup installs it)");

  std::string line = ReadLine(from_child[0]);
  close(from_child[0]);
  REQUIRE_MESSAGE(line.starts_with("listening "),
                  "webhook_receiver.mjs did not start: is the npm package standardwebhooks "
                  "installed (npm ci at the top of the checkout, done by scripts/setup)?");
  port_ = std::stoi(line.substr(10));
}

NpmReceiver::~NpmReceiver() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (pid_ > 0) {
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::string NpmReceiver::Url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/onair";
}

std::vector<NpmDelivery> NpmReceiver::Deliveries() const {
  httplib::Client client("127.0.0.1", port_);
  httplib::Result answer = client.Get("/deliveries");
  REQUIRE(answer);
  REQUIRE(200 == answer->status);

  simdjson::dom::parser parser;
  simdjson::dom::element root;
  REQUIRE(parser.parse(answer->body).get(root) == simdjson::SUCCESS);
  simdjson::dom::array list;
  REQUIRE(root["deliveries"].get_array().get(list) == simdjson::SUCCESS);
  std::vector<NpmDelivery> deliveries;
  for (simdjson::dom::element item : list) {
    NpmDelivery delivery;
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

}  // namespace onair::testing
