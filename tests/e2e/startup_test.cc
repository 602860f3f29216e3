// onaird's start: the addresses it writes to run.json, and the configurations it refuses with a
// clear message and exit code 1.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"

namespace onair::e2e {
namespace {

constexpr std::chrono::seconds kExitDeadline{60};

// Runs onaird with a config file holding `toml` and a fresh data directory, plus `more_args`.
ProgramRun RunOnaird(const std::string& toml, const std::vector<std::string>& more_args) {
  TempDir dir;
  const std::string config = dir.path() + "/onair.toml";
  std::ofstream(config) << toml;
  std::vector<std::string> args{"--config",           config,     "--data-dir",
                                dir.path() + "/data", "--listen", "127.0.0.1:0"};
  args.insert(args.end(), more_args.begin(), more_args.end());
  return RunProgram(OnairdPath(), args, kExitDeadline);
}

TEST_CASE("onaird refuses an admin address off loopback") {
  ProgramRun run;
  SUBCASE("given on the command line") {
    run = RunOnaird("", {"--admin-listen", "0.0.0.0:0"});
  }
  SUBCASE("given in the config file") {
    run = RunOnaird("[server]\nadmin_listen = \"0.0.0.0:0\"\n", {});
  }

  CHECK(1 == run.exit_code);
  CHECK(run.err.find("admin_listen") != std::string::npos);
  CHECK(run.err.find("loopback") != std::string::npos);
}

TEST_CASE("onaird refuses an unknown config key, naming it and its line") {
  ProgramRun run =
      RunOnaird("[server]\n\nlisen = \"127.0.0.1:0\"\n", {"--admin-listen", "127.0.0.1:0"});

  CHECK(1 == run.exit_code);
  CHECK(run.err.find("onair.toml:3: unknown key server.lisen") != std::string::npos);
}

TEST_CASE("run.json names the loopback addresses onaird bound") {
  const Daemon& daemon = SharedDaemon();
  std::ifstream in(daemon.data_dir() + "/run.json");
  std::string run_json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  CHECK("127.0.0.1:" + std::to_string(daemon.port()) == Str(run_json, "/listen"));
  CHECK("127.0.0.1:" + std::to_string(daemon.admin_port()) == Str(run_json, "/admin_listen"));
  CHECK(daemon.port() != daemon.admin_port());
}

}  // namespace
}  // namespace onair::e2e
