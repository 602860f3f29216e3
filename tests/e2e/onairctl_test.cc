// onairctl against a running onaird, found through --data-dir: customers, keys, services,
// orders and status, its exit codes (0, 1 with a message on stderr, 2 for usage) and --json.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"

namespace onair::e2e {
namespace {

const std::regex kApiKey("oak_[A-Za-z0-9_-]{43}");

// "exit N" plus stderr when it is not empty, for checks that show why a command failed.
std::string Outcome(const ProgramRun& run) {
  return "exit " + std::to_string(run.exit_code) + (run.err.empty() ? "" : ": " + run.err);
}

std::set<std::string> AsSet(const std::vector<std::string>& cells) {
  return {cells.begin(), cells.end()};
}

TEST_CASE("customer create --json prints id, name, key_id and a key that places orders") {
  Daemon daemon;
  daemon.AddGuideServices();

  ProgramRun run = daemon.Ctl({"customer", "create", "--name", "acme", "--json"});

  REQUIRE("exit 0" == Outcome(run));
  CHECK("acme" == Str(run.out, "/name"));
  CHECK("<absent>" != Raw(run.out, "/id"));
  CHECK("<absent>" != Raw(run.out, "/key_id"));
  std::string key = Str(run.out, "/key");
  CHECK(std::regex_match(key, kApiKey));
  CHECK(200 == daemon.PostOrder(key, kGuideWithoutOrderId).status);
}

TEST_CASE("customer create prints the new key once in its readable output") {
  Daemon daemon;
  daemon.AddGuideServices();

  ProgramRun run = daemon.Ctl({"customer", "create", "--name", "acme"});

  REQUIRE("exit 0" == Outcome(run));
  std::smatch key;
  REQUIRE(std::regex_search(run.out, key, kApiKey));
  CHECK(200 == daemon.PostOrder(key.str(), kGuideWithoutOrderId).status);
  ProgramRun list = daemon.Ctl({"customer", "list"});
  CHECK(list.out.find(key.str()) == std::string::npos);
}

TEST_CASE("customer create --rate-limit and customer update set the customer's own budget") {
  Daemon daemon;
  daemon.AddGuideServices();
  ProgramRun created =
      daemon.Ctl({"customer", "create", "--name", "acme", "--rate-limit", "2", "--json"});
  REQUIRE("exit 0" == Outcome(created));
  std::string key = Str(created.out, "/key");
  CHECK("2" == Raw(created.out, "/rate_limit"));

  SUBCASE("as created") {
    REQUIRE(200 == daemon.PostOrder(key, OrderBody()).status);
    REQUIRE(200 == daemon.PostOrder(key, OrderBody()).status);
    CHECK(R"(429 {"error":"Rate limit exceeded: 2 per hour"})" ==
          Shown(daemon.PostOrder(key, OrderBody())));
  }
  SUBCASE("after customer update") {
    ProgramRun updated = daemon.Ctl({"customer", "update", "acme", "--rate-limit", "1", "--json"});
    REQUIRE("exit 0" == Outcome(updated));
    CHECK("1" == Raw(updated.out, "/rate_limit"));
    REQUIRE(200 == daemon.PostOrder(key, OrderBody()).status);
    CHECK(R"(429 {"error":"Rate limit exceeded: 1 per hour"})" ==
          Shown(daemon.PostOrder(key, OrderBody())));
  }
  SUBCASE("back to the configured default") {
    ProgramRun updated =
        daemon.Ctl({"customer", "update", "acme", "--rate-limit", "default", "--json"});
    REQUIRE("exit 0" == Outcome(updated));
    CHECK("1000" == Raw(updated.out, "/rate_limit"));
    HttpAnswer order = daemon.PostOrder(key, OrderBody());
    CHECK("1000 999" ==
          order.Header("RateLimit-Limit") + " " + order.Header("RateLimit-Remaining"));
  }
}

TEST_CASE("customer list --json lists every customer") {
  Daemon daemon;
  daemon.AddCustomer("acme");
  daemon.AddCustomer("zeta");

  ProgramRun run = daemon.Ctl({"customer", "list", "--json"});

  REQUIRE("exit 0" == Outcome(run));
  CHECK(std::set<std::string>{"\"acme\"", "\"zeta\""} == AsSet(Column(run.out, "", "/name")));
}

TEST_CASE("key create gives the customer another working key") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string first_key = daemon.AddCustomer("acme");

  ProgramRun run = daemon.Ctl({"key", "create", "--customer", "acme", "--json"});

  REQUIRE("exit 0" == Outcome(run));
  CHECK("acme" == Str(run.out, "/customer"));
  std::string key = Str(run.out, "/key");
  CHECK(std::regex_match(key, kApiKey));
  CHECK(key != first_key);
  CHECK(StartsWith(key, Str(run.out, "/hint")));
  CHECK(200 == daemon.PostOrder(key, OrderBody()).status);
}

TEST_CASE("key list shows every key without the key itself") {
  Daemon daemon;
  std::string first_key = daemon.AddCustomer("acme");
  auto [second_id, second_key] = daemon.AddKey("acme");
  daemon.AddCustomer("other");

  ProgramRun all = daemon.Ctl({"key", "list", "--json"});
  ProgramRun acme = daemon.Ctl({"key", "list", "--customer", "acme", "--json"});

  REQUIRE("exit 0" == Outcome(all));
  CHECK(3 == ArrayLength(all.out, ""));
  CHECK(std::vector<std::string>{"\"acme\"", "\"acme\""} == Column(acme.out, "", "/customer"));
  CHECK(std::vector<std::string>{"false", "false"} == Column(acme.out, "", "/revoked"));
  CHECK(all.out.find(first_key) == std::string::npos);
  CHECK(all.out.find(second_key) == std::string::npos);
}

TEST_CASE("key revoke makes that key get 403 while the customer's other key works") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string first_key = daemon.AddCustomer("acme");
  auto [second_id, second_key] = daemon.AddKey("acme");
  REQUIRE(200 == daemon.PostOrder(second_key, OrderBody()).status);

  ProgramRun run = daemon.Ctl({"key", "revoke", second_id});

  REQUIRE("exit 0" == Outcome(run));
  CHECK(R"(403 {"detail":"Invalid or missing API key"})" ==
        Shown(daemon.PostOrder(second_key, OrderBody())));
  CHECK(200 == daemon.PostOrder(first_key, OrderBody()).status);
  ProgramRun list = daemon.Ctl({"key", "list", "--customer", "acme", "--json"});
  CHECK(AsSet(Column(list.out, "", "/revoked")) == std::set<std::string>{"true", "false"});
}

TEST_CASE("service add, disable and enable change what customers may order") {
  Daemon daemon;
  std::string key = daemon.AddCustomer("acme");

  ProgramRun added =
      daemon.Ctl({"service", "add", "--id", "3", "--name", "180 Minutes Live Viewers", "--min",
                  "10", "--max", "5000", "--json"});
  REQUIRE("exit 0" == Outcome(added));
  CHECK("3" == Raw(added.out, "/service_id"));
  CHECK("180 Minutes Live Viewers" == Str(added.out, "/name"));
  CHECK("true" == Raw(added.out, "/active"));
  CHECK(200 == daemon.PostOrder(key, OrderBody()).status);

  REQUIRE("exit 0" == Outcome(daemon.Ctl({"service", "disable", "3"})));
  CHECK(ErrorAnswer(400, "Service 3 not found or inactive") ==
        Shown(daemon.PostOrder(key, OrderBody())));
  CHECK(R"(200 {"success":true,"data":[]})" == Shown(daemon.Get("/api/services", key)));

  REQUIRE("exit 0" == Outcome(daemon.Ctl({"service", "enable", "3"})));
  CHECK(200 == daemon.PostOrder(key, OrderBody()).status);
}

TEST_CASE("service list --json shows every service, active or not") {
  Daemon daemon;
  daemon.AddGuideServices();
  REQUIRE("exit 0" == Outcome(daemon.Ctl({"service", "disable", "2"})));

  ProgramRun run = daemon.Ctl({"service", "list", "--json"});

  REQUIRE("exit 0" == Outcome(run));
  CHECK(std::vector<std::string>{"1", "2", "3"} == Column(run.out, "", "/service_id"));
  CHECK(std::vector<std::string>{"true", "false", "true"} == Column(run.out, "", "/active"));
}

TEST_CASE("service update changes a service's bounds") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");

  ProgramRun run = daemon.Ctl({"service", "update", "3", "--min", "100", "--max", "150"});

  REQUIRE("exit 0" == Outcome(run));
  CHECK(ErrorAnswer(400, "services[0].quantity must be between 100 and 150 for service 3") ==
        Shown(daemon.PostOrder(key, OrderBody())));
}

TEST_CASE("order list and order show present the orders with their customer") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string acme = daemon.AddCustomer("acme");
  std::string other = daemon.AddCustomer("other");
  REQUIRE(200 == daemon.PostOrder(acme, kGuideWithOrderId).status);
  REQUIRE(200 == daemon.PostOrder(other, kGuideWithoutOrderId).status);

  ProgramRun list = daemon.Ctl({"order", "list", "--json"});
  ProgramRun mine = daemon.Ctl({"order", "list", "--customer", "acme", "--json"});
  ProgramRun show = daemon.Ctl({"order", "show", "MP-000001", "--json"});

  REQUIRE("exit 0" == Outcome(list));
  CHECK(std::vector<std::string>{"\"MP-000002\"", "\"MP-000001\""} ==
        Column(list.out, "", "/order_id"));
  CHECK(std::vector<std::string>{"\"other\"", "\"acme\""} == Column(list.out, "", "/customer"));
  CHECK(std::vector<std::string>{"\"MP-000001\""} == Column(mine.out, "", "/order_id"));
  REQUIRE("exit 0" == Outcome(show));
  CHECK("MP-000001" == Str(show.out, "/order_id"));
  CHECK("acme" == Str(show.out, "/customer"));
  CHECK("321421321" == Str(show.out, "/customer_order_id"));
}

TEST_CASE("status --json reports the daemon and its counts") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  REQUIRE(200 == daemon.PostOrder(key, OrderBody()).status);
  REQUIRE(200 == daemon.PostOrder(key, OrderBody()).status);

  ProgramRun run = daemon.Ctl({"status", "--json"});

  REQUIRE("exit 0" == Outcome(run));
  CHECK("Asia/Manila" == Str(run.out, "/time_zone"));
  CHECK("127.0.0.1:" + std::to_string(daemon.port()) == Str(run.out, "/listen"));
  CHECK("127.0.0.1:" + std::to_string(daemon.admin_port()) == Str(run.out, "/admin_listen"));
  CHECK("MP-000002" == Str(run.out, "/last_order_id"));
  CHECK("2" == Raw(run.out, "/orders/active"));
  CHECK("1" == Raw(run.out, "/customers"));
  CHECK("3" == Raw(run.out, "/services"));
  CHECK(ParseOffsetTime(Str(run.out, "/started_at")).has_value());
  CHECK("<absent>" != Raw(run.out, "/version"));
}

TEST_CASE("a command the daemon refuses exits 1 with its message on stderr") {
  Daemon daemon;
  std::vector<std::string> args;
  std::string message;
  SUBCASE("a key for an unknown customer") {
    args = {"key", "create", "--customer", "nobody"};
    message = "Customer nobody not found";
  }
  SUBCASE("updating an unknown customer") {
    args = {"customer", "update", "nobody", "--rate-limit", "5"};
    message = "Customer nobody not found";
  }
  SUBCASE("an unknown order") {
    args = {"order", "show", "MP-000009"};
    message = "Order MP-000009 not found";
  }
  SUBCASE("a customer that exists") {
    daemon.AddCustomer("acme");
    args = {"customer", "create", "--name", "acme"};
    message = "Customer acme already exists";
  }
  CAPTURE(args);

  ProgramRun run = daemon.Ctl(args);

  CHECK(1 == run.exit_code);
  CHECK("" == run.out);
  CHECK(run.err.find(message) != std::string::npos);
}

TEST_CASE("a wrong command line exits 2") {
  Daemon daemon;
  std::vector<std::string> args;
  SUBCASE("no command") {}
  SUBCASE("an unknown command") {
    args = {"frobnicate"};
  }
  SUBCASE("a group without its command") {
    args = {"customer"};
  }
  SUBCASE("a missing required option") {
    args = {"customer", "create"};
  }
  SUBCASE("an option that is not a number") {
    args = {"service", "add", "--id", "x", "--name", "n", "--min", "1", "--max", "2"};
  }
  CAPTURE(args);

  ProgramRun run = daemon.Ctl(args);

  CHECK(2 == run.exit_code);
  CHECK_FALSE(run.err.empty());
}

TEST_CASE("onairctl without a running daemon exits 1 and says so") {
  Daemon daemon;
  REQUIRE(0 == daemon.Stop());

  ProgramRun run = daemon.Ctl({"status"});

  CHECK(1 == run.exit_code);
  CHECK(StartsWith(run.err, "onairctl: "));
}

}  // namespace
}  // namespace onair::e2e
