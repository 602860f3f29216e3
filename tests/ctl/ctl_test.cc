// onairctl against a fake admin API: the requests each command sends (method, path, query,
// body, bearer token) and what it prints for the answers docs/api.md describes.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "ctl/commands.h"

namespace onair::ctl {
namespace {

constexpr const char* kToken = "test-admin-token-0123456789";

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "onair-ctl-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// What the fake API saw of the last request.
struct SeenRequest {
  std::string method;
  std::string target;  // path and query as sent, still percent-encoded
  std::string body;
  std::string authorization;
  std::string content_type;
};

// An admin API on a free loopback port that answers every request with the status and body the
// test sets, and remembers the requests. A data directory with run.json and admin.token
// pointing at it.
class FakeAdmin {
 public:
  FakeAdmin() {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      seen_.push_back({req.method, req.target, req.body, req.get_header_value("Authorization"),
                       req.get_header_value("Content-Type")});
      res.status = status_;
      res.set_content(body_, "application/json");
    };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    server_.Patch(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(server_.is_running());

    WriteFile(dir_.Sub("run.json"),
              "{\"pid\": 4242, \"listen\": \"127.0.0.1:1\", "
              "\"admin_listen\": \"127.0.0.1:" +
                  std::to_string(port_) + "\"}\n");
    WriteFile(dir_.Sub("admin.token"), std::string(kToken) + "\n");
  }
  ~FakeAdmin() {
    server_.stop();
    thread_.join();
  }

  void Answer(int status, const std::string& body) {
    std::lock_guard<std::mutex> lock(mutex_);
    status_ = status;
    body_ = body;
  }
  std::vector<SeenRequest> seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }
  SeenRequest last() {
    auto all = seen();
    REQUIRE(all.size() == 1);
    return all.back();
  }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  int status_ = 200;
  std::string body_ = R"({"success": true, "data": {}})";
  std::vector<SeenRequest> seen_;
};

struct CtlRun {
  int code = -1;
  std::string out;
  std::string err;
};

// onairctl args..., with `input` as its standard input.
CtlRun Run(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), "onairctl");
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::istringstream in(input);
  std::ostringstream out, err;
  CtlRun run;
  run.code = RunOnairctl(static_cast<int>(argv.size()), argv.data(), in, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

// onairctl --data-dir <fake's dir> args...
CtlRun Ctl(FakeAdmin& admin, std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), {"--data-dir", admin.dir().path()});
  return Run(std::move(args), input);
}

constexpr const char* kAcme =
    R"({"id": 1, "name": "acme", "rate_limit": 5, "read_rate_limit": 10000, "roles": [],)"
    R"( "created_at": "2025-10-09T10:00:00+08:00"})";

}  // namespace

TEST_CASE("customer create posts the name and limits with the admin token and shows the key") {
  FakeAdmin admin;
  admin.Answer(
      200, R"({"success": true, "data": {"id": 1, "name": "acme", "rate_limit": 5,)"
           R"( "read_rate_limit": 10000, "roles": [], "created_at": "2025-10-09T10:00:00+08:00",)"
           R"( "key_id": 7, "key": "oak_secretkey"}})");

  CtlRun run = Ctl(admin, {"customer", "create", "--name", "acme", "--rate-limit", "5"});

  CHECK(0 == run.code);
  CHECK("" == run.err);
  CHECK(
      "Customer acme created (id 1).\n"
      "Key 7: oak_secretkey\n"
      "This key is shown only now: onair keeps just its hash. Store it safely; if it is lost, "
      "make another with `onairctl key create` and revoke this one.\n" == run.out);
  SeenRequest seen = admin.last();
  CHECK("POST" == seen.method);
  CHECK("/admin/customers" == seen.target);
  CHECK(R"({"name":"acme","rate_limit":5})" == seen.body);
  CHECK(std::string("Bearer ") + kToken == seen.authorization);
  CHECK("application/json" == seen.content_type);
}

TEST_CASE("customer create sends only the limits that were given") {
  FakeAdmin admin;

  SUBCASE("none") {
    CHECK(0 == Ctl(admin, {"customer", "create", "--name", "acme"}).code);
    CHECK(R"({"name":"acme"})" == admin.last().body);
  }
  SUBCASE("read limit only") {
    CHECK(0 ==
          Ctl(admin, {"customer", "create", "--name", "acme", "--read-rate-limit", "50"}).code);
    CHECK(R"({"name":"acme","read_rate_limit":50})" == admin.last().body);
  }
}

TEST_CASE("--json prints the answer's data as compact JSON and nothing else") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"id": 1, "name": "acme", "key_id": 7,)"
                    R"( "key": "oak_secretkey"}})");

  CtlRun run = Ctl(admin, {"customer", "create", "--name", "acme", "--json"});

  CHECK(0 == run.code);
  CHECK(R"({"id":1,"name":"acme","key_id":7,"key":"oak_secretkey"})"
        "\n" == run.out);
  CHECK("" == run.err);
}

TEST_CASE("customer list prints a table with a column per field") {
  FakeAdmin admin;
  admin.Answer(200, std::string(R"({"success": true, "data": [)") + kAcme +
                        R"(, {"id": 2, "name": "bluebird", "rate_limit": 1000,)"
                        R"( "read_rate_limit": 10000, "roles": ["reporter"],)"
                        R"( "created_at": "2025-10-10T09:30:00+08:00"}]})");

  CtlRun run = Ctl(admin, {"customer", "list"});

  CHECK(0 == run.code);
  CHECK(
      "ID  NAME      RATE_LIMIT  READ_RATE_LIMIT  ROLES     CREATED_AT\n"
      "1   acme      5           10000            -         2025-10-09T10:00:00+08:00\n"
      "2   bluebird  1000        10000            reporter  2025-10-10T09:30:00+08:00\n" ==
      run.out);
  CHECK("GET" == admin.last().method);
  CHECK("/admin/customers" == admin.last().target);
}

TEST_CASE("an empty list prints a sentence instead of a table") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": []})");

  SUBCASE("customers") {
    CHECK("No customers.\n" == Ctl(admin, {"customer", "list"}).out);
  }
  SUBCASE("keys") {
    CHECK("No keys.\n" == Ctl(admin, {"key", "list"}).out);
  }
  SUBCASE("services") {
    CHECK("No services.\n" == Ctl(admin, {"service", "list"}).out);
  }
  SUBCASE("orders") {
    CHECK("No orders.\n" == Ctl(admin, {"order", "list"}).out);
  }
}

TEST_CASE("customer update patches the named customer; \"default\" sends null") {
  FakeAdmin admin;
  admin.Answer(200, std::string(R"({"success": true, "data": )") + kAcme + "}");

  CtlRun run = Ctl(
      admin, {"customer", "update", "acme", "--rate-limit", "5", "--read-rate-limit", "default"});

  CHECK(0 == run.code);
  CHECK(
      "id:              1\n"
      "name:            acme\n"
      "rate_limit:      5\n"
      "read_rate_limit: 10000\n"
      "roles:           -\n"
      "created_at:      2025-10-09T10:00:00+08:00\n" == run.out);
  CHECK("PATCH" == admin.last().method);
  CHECK("/admin/customers/acme" == admin.last().target);
  CHECK(R"({"rate_limit":5,"read_rate_limit":null})" == admin.last().body);
}

TEST_CASE("customer update refuses a command line it cannot send, with exit code 2") {
  FakeAdmin admin;

  SUBCASE("no limit given") {
    CtlRun run = Ctl(admin, {"customer", "update", "acme"});
    CHECK(2 == run.code);
    CHECK(
        run.err.find("give --rate-limit, --read-rate-limit, --webhook, --no-webhook or --roles") !=
        std::string::npos);
  }
  SUBCASE("--webhook and --no-webhook together") {
    CtlRun run = Ctl(admin, {"customer", "update", "acme", "--webhook", "https://acme.example/in",
                             "--no-webhook"});
    CHECK(2 == run.code);
    CHECK(run.err.find("--webhook excludes --no-webhook") != std::string::npos);
  }
  SUBCASE("a limit that is neither a number nor default") {
    CtlRun run = Ctl(admin, {"customer", "update", "acme", "--rate-limit", "lots"});
    CHECK(2 == run.code);
    CHECK(run.err.find("--rate-limit must be a whole number or \"default\", not \"lots\"") !=
          std::string::npos);
  }
  CHECK(admin.seen().empty());
}

TEST_CASE("customer update --webhook sets the URL and shows the new signing secret once") {
  FakeAdmin admin;
  admin.Answer(200,
               R"({"success": true, "data": {"id": 1, "name": "acme", "rate_limit": 1000,)"
               R"( "read_rate_limit": 10000, "roles": [], "webhook": "https://acme.example/in",)"
               R"( "created_at": "2025-10-09T10:00:00+08:00", "webhook_secret": "whsec_abc="}})");

  CtlRun run = Ctl(admin, {"customer", "update", "acme", "--webhook", "https://acme.example/in"});

  CHECK(0 == run.code);
  CHECK(
      "id:              1\n"
      "name:            acme\n"
      "rate_limit:      1000\n"
      "read_rate_limit: 10000\n"
      "roles:           -\n"
      "webhook:         https://acme.example/in\n"
      "created_at:      2025-10-09T10:00:00+08:00\n"
      "webhook_secret:  whsec_abc=\n"
      "The webhook secret is shown only now: give it to the customer to verify signatures. "
      "Setting the webhook again makes a new one.\n" == run.out);
  CHECK("PATCH" == admin.last().method);
  CHECK("/admin/customers/acme" == admin.last().target);
  CHECK(R"({"webhook":"https://acme.example/in"})" == admin.last().body);
}

TEST_CASE("customer update sends null for --webhook none and a list for --roles") {
  FakeAdmin admin;
  admin.Answer(200, std::string(R"({"success": true, "data": )") + kAcme + "}");

  SUBCASE("webhook none, one role") {
    CHECK(0 ==
          Ctl(admin, {"customer", "update", "acme", "--webhook", "none", "--roles", "reporter"})
              .code);
    CHECK(R"({"webhook":null,"roles":["reporter"]})" == admin.last().body);
  }
  SUBCASE("roles none") {
    CHECK(0 == Ctl(admin, {"customer", "update", "acme", "--roles", "none"}).code);
    CHECK(R"({"roles":[]})" == admin.last().body);
  }
  SUBCASE("--no-webhook, as --webhook none") {
    CHECK(0 == Ctl(admin, {"customer", "update", "acme", "--no-webhook"}).code);
    CHECK(R"({"webhook":null})" == admin.last().body);
  }
  SUBCASE("--role, another name for --roles") {
    CHECK(0 == Ctl(admin, {"customer", "update", "acme", "--role", "reporter"}).code);
    CHECK(R"({"roles":["reporter"]})" == admin.last().body);
  }
  SUBCASE("the answer without a secret prints no secret warning") {
    CtlRun run = Ctl(admin, {"customer", "update", "acme", "--roles", "reporter,reporter"});
    CHECK(R"({"roles":["reporter","reporter"]})" == admin.last().body);
    CHECK(run.out.find("secret") == std::string::npos);
  }
}

TEST_CASE("order cancel posts to the order's cancel route") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"order_id": "MP-000001", "customer": "acme",)"
                    R"( "status": "cancelled"}})");

  CtlRun run = Ctl(admin, {"order", "cancel", "MP-000001"});

  CHECK(0 == run.code);
  CHECK("Order MP-000001 of acme is now cancelled.\n" == run.out);
  CHECK("POST" == admin.last().method);
  CHECK("/admin/orders/MP-000001/cancel" == admin.last().target);

  SUBCASE("it counts the dispatches cancelled with the order") {
    admin.Answer(200,
                 R"({"success": true, "data": {"order_id": "MP-000001", "customer": "acme",)"
                 R"( "status": "cancelled", "dispatches": [{"id": "D-000001", "state": "sent"},)"
                 R"( {"id": "D-000002", "state": "cancelled"},)"
                 R"( {"id": "D-000003", "state": "cancelled"}]}})");
    CHECK("Order MP-000001 of acme is now cancelled, with 2 undelivered dispatches.\n" ==
          Ctl(admin, {"order", "cancel", "MP-000001"}).out);
  }
  SUBCASE("an order that is no longer active is the daemon's 409") {
    admin.Answer(409,
                 "{\"success\": false, \"error\": \"Order MP-000001 is not active (expired)\"}");
    CtlRun refused = Ctl(admin, {"order", "cancel", "MP-000001"});
    CHECK(1 == refused.code);
    CHECK("" == refused.out);
    CHECK("onairctl: Order MP-000001 is not active (expired)\n" == refused.err);
  }
}

TEST_CASE("dispatch list passes its filters and shows the delivery columns") {
  FakeAdmin admin;
  admin.Answer(200,
               R"({"success": true, "next_cursor": null, "data": [{"id": "D-000001",)"
               R"( "type": "order.live", "order_id": "MP-000001", "service_id": 3,)"
               R"( "quantity": 200, "viewers": 153, "detected_at": "2025-11-01T09:10:00+08:00",)"
               R"( "state": "pending", "attempts": 2, "result": null, "customer_id": 1,)"
               R"( "last_error": "HTTP 500", "next_attempt_at": "2025-11-01T09:11:00+08:00"}]})");

  CtlRun run = Ctl(admin, {"dispatch", "list", "--customer", "acme", "--order", "MP-000001",
                           "--status", "pending", "--limit", "5"});

  CHECK(0 == run.code);
  CHECK(
      "ID        ORDER_ID   CUSTOMER_ID  SERVICE_ID  QUANTITY  VIEWERS  STATE    RESULT  ATTEMPTS  "
      "DETECTED_AT                NEXT_ATTEMPT_AT            LAST_ERROR\n"
      "D-000001  MP-000001  1            3           200       153      pending  -       2         "
      "2025-11-01T09:10:00+08:00  2025-11-01T09:11:00+08:00  HTTP 500\n" == run.out);
  CHECK("/admin/dispatches?customer=acme&limit=5&order=MP-000001&status=pending" ==
        admin.last().target);
}

TEST_CASE("dispatch retry posts to the dispatch's retry route") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"id": "D-000001", "state": "pending"}})");

  CtlRun run = Ctl(admin, {"dispatch", "retry", "D-000001"});

  CHECK(0 == run.code);
  CHECK("Dispatch D-000001 is pending again.\n" == run.out);
  CHECK("POST" == admin.last().method);
  CHECK("/admin/dispatches/D-000001/retry" == admin.last().target);
}

TEST_CASE("live report and live end post live reports") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"page": "https://www.facebook.com/username",)"
                    R"( "live": true, "viewers": 150, "stream_id": "123"}})");

  SUBCASE("report with viewers and stream") {
    CtlRun run = Ctl(
        admin, {"live", "report", "facebook.com/username", "--viewers", "150", "--stream", "123"});
    CHECK(0 == run.code);
    CHECK(
        "page:      https://www.facebook.com/username\n"
        "live:      yes\n"
        "viewers:   150\n"
        "stream_id: 123\n" == run.out);
    CHECK("POST" == admin.last().method);
    CHECK("/admin/live-reports" == admin.last().target);
    CHECK(R"({"url":"facebook.com/username","live":true,"viewers":150,"stream_id":"123"})" ==
          admin.last().body);
  }
  SUBCASE("an empty --stream is sent, for the daemon to refuse") {
    CHECK(0 == Ctl(admin, {"live", "report", "facebook.com/username", "--stream", ""}).code);
    CHECK(R"({"url":"facebook.com/username","live":true,"stream_id":""})" == admin.last().body);
  }
  SUBCASE("report without viewers keeps the last count") {
    CHECK(0 == Ctl(admin, {"live", "report", "facebook.com/username"}).code);
    CHECK(R"({"url":"facebook.com/username","live":true})" == admin.last().body);
  }
  SUBCASE("end") {
    CHECK(0 == Ctl(admin, {"live", "end", "facebook.com/username"}).code);
    CHECK(R"({"url":"facebook.com/username","live":false})" == admin.last().body);
  }
}

TEST_CASE("page commands list watched pages and manage Graph connections") {
  FakeAdmin admin;

  SUBCASE("list") {
    admin.Answer(200, R"({"success": true, "data": [{"page": "https://www.facebook.com/username",)"
                      R"( "live": false, "orders": ["MP-000001", "MP-000002"]}]})");
    CtlRun run = Ctl(admin, {"page", "list"});
    CHECK(
        "PAGE                               LIVE  ORDERS\n"
        "https://www.facebook.com/username  no    MP-000001, MP-000002\n" == run.out);
    CHECK("/admin/pages" == admin.last().target);
  }
  SUBCASE("connect") {
    admin.Answer(200, R"({"success": true, "data": {"page": "https://www.facebook.com/username",)"
                      R"( "page_id": "123", "token_hint": "...", "connected_at": "x"}})");
    CHECK(0 == Ctl(admin, {"page", "connect", "facebook.com/username", "--page-id", "123",
                           "--token", "EAAtoken"})
                   .code);
    CHECK("/admin/page-connections" == admin.last().target);
    CHECK(R"({"url":"facebook.com/username","page_id":"123","token":"EAAtoken"})" ==
          admin.last().body);
  }
  SUBCASE("connections") {
    admin.Answer(200, R"({"success": true, "data": []})");
    CHECK("No page connections.\n" == Ctl(admin, {"page", "connections"}).out);
    CHECK("GET" == admin.last().method);
    CHECK("/admin/page-connections" == admin.last().target);
  }
  SUBCASE("disconnect") {
    admin.Answer(200,
                 R"({"success": true, "data": {"page": "https://www.facebook.com/username"}})");
    CtlRun run = Ctl(admin, {"page", "disconnect", "facebook.com/username"});
    CHECK("Page https://www.facebook.com/username disconnected.\n" == run.out);
    CHECK("/admin/page-connections/remove" == admin.last().target);
    CHECK(R"({"url":"facebook.com/username"})" == admin.last().body);
  }
}

TEST_CASE("page connect --token - reads the token from standard input and never prints it") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"page": "https://www.facebook.com/username",)"
                    R"( "page_id": "123", "token_hint": "...7890",)"
                    R"( "connected_at": "2025-10-09T10:00:00+08:00"}})");

  SUBCASE("the first line, without its line end") {
    CtlRun run =
        Ctl(admin, {"page", "connect", "facebook.com/username", "--page-id", "123", "--token", "-"},
            "EAAsecret1234567890\r\nsecond line\n");
    CHECK(0 == run.code);
    CHECK(R"({"url":"facebook.com/username","page_id":"123","token":"EAAsecret1234567890"})" ==
          admin.last().body);
    CHECK(
        "page:         https://www.facebook.com/username\n"
        "page_id:      123\n"
        "token_hint:   ...7890\n"
        "connected_at: 2025-10-09T10:00:00+08:00\n" == run.out);
    CHECK("" == run.err);
  }
  SUBCASE("a last line without a line end") {
    CHECK(0 == Ctl(admin,
                   {"page", "connect", "facebook.com/username", "--page-id", "123", "--token", "-"},
                   "EAAsecret1234567890")
                   .code);
    CHECK(R"({"url":"facebook.com/username","page_id":"123","token":"EAAsecret1234567890"})" ==
          admin.last().body);
  }
  SUBCASE("nothing on standard input is an error, and nothing is sent") {
    CtlRun run = Ctl(
        admin, {"page", "connect", "facebook.com/username", "--page-id", "123", "--token", "-"});
    CHECK(1 == run.code);
    CHECK("onairctl: no page token on standard input\n" == run.err);
    CHECK(admin.seen().empty());
  }
  SUBCASE("an empty first line is an error, and nothing is sent") {
    CtlRun run =
        Ctl(admin, {"page", "connect", "facebook.com/username", "--page-id", "123", "--token", "-"},
            "\nEAAsecret1234567890\n");
    CHECK(1 == run.code);
    CHECK("onairctl: the page token on standard input is empty\n" == run.err);
    CHECK(admin.seen().empty());
  }
  SUBCASE("--json shows the hint the daemon answered, not the token") {
    CtlRun run = Ctl(
        admin,
        {"page", "connect", "facebook.com/username", "--page-id", "123", "--token", "-", "--json"},
        "EAAsecret1234567890\n");
    CHECK(0 == run.code);
    CHECK(R"({"page":"https://www.facebook.com/username","page_id":"123","token_hint":"...7890",)"
          R"("connected_at":"2025-10-09T10:00:00+08:00"})"
          "\n" == run.out);
  }
}

TEST_CASE("key create asks for another key for the customer and shows it once") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"key_id": 8, "customer": "acme",)"
                    R"( "key": "oak_second", "hint": "oak_secon"}})");

  CtlRun run = Ctl(admin, {"key", "create", "--customer", "acme"});

  CHECK(0 == run.code);
  CHECK(
      "Key 8 for acme: oak_second\n"
      "This key is shown only now: onair keeps just its hash. Store it safely; if it is lost, "
      "make another with `onairctl key create` and revoke this one.\n" == run.out);
  CHECK("POST" == admin.last().method);
  CHECK("/admin/keys" == admin.last().target);
  CHECK(R"({"customer":"acme"})" == admin.last().body);
}

TEST_CASE("key list filters by customer through the query, percent-encoded") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": [{"key_id": 7, "customer": "a&b",)"
                    R"( "hint": "oak_Ab3dE", "revoked": false,)"
                    R"( "created_at": "2025-10-09T10:00:00+08:00"}]})");

  CtlRun run = Ctl(admin, {"key", "list", "--customer", "a&b"});

  CHECK(0 == run.code);
  CHECK(
      "KEY_ID  CUSTOMER  HINT       REVOKED  CREATED_AT\n"
      "7       a&b       oak_Ab3dE  no       2025-10-09T10:00:00+08:00\n" == run.out);
  CHECK("/admin/keys?customer=a%26b" == admin.last().target);
}

TEST_CASE("key revoke posts to the key's revoke route") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"key_id": 7, "customer": "acme",)"
                    R"( "hint": "oak_Ab3dE", "revoked": true,)"
                    R"( "created_at": "2025-10-09T10:00:00+08:00"}})");

  CtlRun run = Ctl(admin, {"key", "revoke", "7"});

  CHECK(0 == run.code);
  CHECK("Key 7 of acme revoked.\n" == run.out);
  CHECK("POST" == admin.last().method);
  CHECK("/admin/keys/7/revoke" == admin.last().target);
}

TEST_CASE("service add posts id, name and bounds and shows the service") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"service_id": 3,)"
                    R"( "name": "180 Minutes Live Viewers", "quantity_min": 10,)"
                    R"( "quantity_max": 5000, "active": true,)"
                    R"( "created_at": "2025-10-09T10:00:00+08:00"}})");

  CtlRun run = Ctl(admin, {"service", "add", "--id", "3", "--name", "180 Minutes Live Viewers",
                           "--min", "10", "--max", "5000"});

  CHECK(0 == run.code);
  CHECK(
      "service_id:   3\n"
      "name:         180 Minutes Live Viewers\n"
      "quantity_min: 10\n"
      "quantity_max: 5000\n"
      "active:       yes\n"
      "created_at:   2025-10-09T10:00:00+08:00\n" == run.out);
  CHECK("POST" == admin.last().method);
  CHECK("/admin/services" == admin.last().target);
  CHECK(
      R"({"service_id":3,"name":"180 Minutes Live Viewers","quantity_min":10,"quantity_max":5000})" ==
      admin.last().body);
}

TEST_CASE("service add without its bounds is a usage error") {
  FakeAdmin admin;
  CtlRun run = Ctl(admin, {"service", "add", "--id", "3", "--name", "x", "--min", "10"});
  CHECK(2 == run.code);
  CHECK(run.err.find("--max") != std::string::npos);
  CHECK(admin.seen().empty());
}

TEST_CASE("service update, disable and enable patch the service") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"service_id": 3,)"
                    R"( "name": "180 Minutes Live Viewers", "quantity_min": 10,)"
                    R"( "quantity_max": 5000, "active": true,)"
                    R"( "created_at": "2025-10-09T10:00:00+08:00"}})");

  SUBCASE("update sends only what was given") {
    CHECK(0 == Ctl(admin, {"service", "update", "3", "--max", "8000"}).code);
    CHECK("PATCH" == admin.last().method);
    CHECK("/admin/services/3" == admin.last().target);
    CHECK(R"({"quantity_max":8000})" == admin.last().body);
  }
  SUBCASE("update with nothing to change is a usage error") {
    CtlRun run = Ctl(admin, {"service", "update", "3"});
    CHECK(2 == run.code);
    CHECK(run.err.find("give --name, --min or --max") != std::string::npos);
    CHECK(admin.seen().empty());
  }
  SUBCASE("disable") {
    CtlRun run = Ctl(admin, {"service", "disable", "3"});
    CHECK("Service 3 (180 Minutes Live Viewers) disabled.\n" == run.out);
    CHECK(R"({"active":false})" == admin.last().body);
  }
  SUBCASE("enable") {
    CtlRun run = Ctl(admin, {"service", "enable", "3"});
    CHECK("Service 3 (180 Minutes Live Viewers) enabled.\n" == run.out);
    CHECK(R"({"active":true})" == admin.last().body);
  }
}

TEST_CASE("service list shows active and inactive services") {
  FakeAdmin admin;
  admin.Answer(
      200,
      R"({"success": true, "data": [)"
      R"({"service_id": 1, "name": "60 Minutes Live Viewers", "quantity_min": 10,)"
      R"( "quantity_max": 5000, "active": true, "created_at": "2025-10-09T10:00:00+08:00"},)"
      R"({"service_id": 2, "name": "120 Minutes Live Viewers", "quantity_min": 10,)"
      R"( "quantity_max": 5000, "active": false, "created_at": "2025-10-09T10:00:00+08:00"}]})");

  CtlRun run = Ctl(admin, {"service", "list"});

  CHECK(
      "SERVICE_ID  NAME                      QUANTITY_MIN  QUANTITY_MAX  ACTIVE  CREATED_AT\n"
      "1           60 Minutes Live Viewers   10            5000          yes     "
      "2025-10-09T10:00:00+08:00\n"
      "2           120 Minutes Live Viewers  10            5000          no      "
      "2025-10-09T10:00:00+08:00\n" == run.out);
}

TEST_CASE("order list passes its filters and tells how to get the next page") {
  FakeAdmin admin;
  admin.Answer(
      200,
      R"({"success": true, "next_cursor": "MP-000001", "data": [{"order_id": "MP-000002",)"
      R"( "customer": "acme", "customer_order_id": "321421321",)"
      R"( "url": "https://facebook.com/username", "page": "https://www.facebook.com/username",)"
      R"( "status": "active", "created_at": "2025-10-09T10:00:00+08:00",)"
      R"( "expires_at": "2025-11-08T10:00:00+08:00", "daily_limit": 10, "days": 30,)"
      R"( "services": [{"service_id": 3, "name": "180 Minutes Live Viewers",)"
      R"( "quantity": 200, "min_viewers": null}, {"service_id": 1,)"
      R"( "name": "60 Minutes Live Viewers", "quantity": 50, "min_viewers": 100}]}]})");

  CtlRun run =
      Ctl(admin, {"order", "list", "--status", "active", "--customer", "acme", "--limit", "1"});

  CHECK(0 == run.code);
  CHECK(
      "ORDER_ID   CUSTOMER  CUSTOMER_ORDER_ID  STATUS  PAGE                               "
      "CREATED_AT                 EXPIRES_AT                 SERVICES\n"
      "MP-000002  acme      321421321          active  https://www.facebook.com/username  "
      "2025-10-09T10:00:00+08:00  2025-11-08T10:00:00+08:00  3×200, 1×50\n"
      "More: add --cursor MP-000001\n" == run.out);
  CHECK("/admin/orders?customer=acme&limit=1&status=active" == admin.last().target);

  SUBCASE("--json prints data only") {
    CtlRun json = Ctl(admin, {"order", "list", "--cursor", "MP-000003", "--json"});
    CHECK(0 == json.code);
    CHECK('[' == json.out.front());
    CHECK(json.out.find("next_cursor") == std::string::npos);
    CHECK("/admin/orders?cursor=MP-000003" == admin.seen().back().target);
  }
}

TEST_CASE("order show fetches one order and lists its services as a table") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"order_id": "MP-000001", "customer": "acme",)"
                    R"( "url": "https://facebook.com/username",)"
                    R"( "page": "https://www.facebook.com/username", "status": "active",)"
                    R"( "daily_limit": 10, "services": [{"service_id": 3,)"
                    R"( "name": "180 Minutes Live Viewers", "quantity": 200,)"
                    R"( "min_viewers": null}]}})");

  CtlRun run = Ctl(admin, {"order", "show", "MP-000001"});

  CHECK(0 == run.code);
  CHECK(
      "order_id:    MP-000001\n"
      "customer:    acme\n"
      "url:         https://facebook.com/username\n"
      "page:        https://www.facebook.com/username\n"
      "status:      active\n"
      "daily_limit: 10\n"
      "services:\n"
      "  SERVICE_ID  NAME                      QUANTITY  MIN_VIEWERS\n"
      "  3           180 Minutes Live Viewers  200       -\n" == run.out);
  CHECK("/admin/orders/MP-000001" == admin.last().target);

  SUBCASE("an id with odd characters cannot change the path") {
    Ctl(admin, {"order", "show", "../customers"});
    CHECK("/admin/orders/..%2Fcustomers" == admin.seen().back().target);
  }
}

TEST_CASE("order show lists the order's dispatches with the dispatch list's columns") {
  FakeAdmin admin;
  admin.Answer(
      200, R"({"success": true, "data": {"order_id": "MP-000001", "customer": "acme",)"
           R"( "status": "active", "detections_today": 1, "last_live_at": null, "dispatches": [)"
           R"({"id": "D-000007", "type": "order.live", "order_id": "MP-000001",)"
           R"( "customer_order_id": null, "url": "https://facebook.com/username",)"
           R"( "page": "https://www.facebook.com/username", "stream_id": "s1", "service_id": 3,)"
           R"( "service_name": "180 Minutes Live Viewers", "quantity": 200, "min_viewers": null,)"
           R"( "viewers": 50, "detected_at": "2025-10-12T20:01:00+08:00", "state": "sent",)"
           R"( "attempts": 1, "result": "delivered", "delivered_quantity": 200,)"
           R"( "failure_reason": null, "sent_at": "2025-10-12T20:01:04+08:00", "customer_id": 1,)"
           R"( "last_error": null, "next_attempt_at": null}]}})");

  CtlRun run = Ctl(admin, {"order", "show", "MP-000001"});

  CHECK(0 == run.code);
  CHECK(
      "order_id:         MP-000001\n"
      "customer:         acme\n"
      "status:           active\n"
      "detections_today: 1\n"
      "last_live_at:     -\n"
      "dispatches:\n"
      "  ID        ORDER_ID   CUSTOMER_ID  SERVICE_ID  QUANTITY  VIEWERS  STATE  RESULT     "
      "ATTEMPTS  DETECTED_AT                NEXT_ATTEMPT_AT  LAST_ERROR\n"
      "  D-000007  MP-000001  1            3           200       50       sent   delivered  "
      "1         2025-10-12T20:01:00+08:00  -                -\n" == run.out);
}

TEST_CASE("status prints the daemon's state as aligned lines") {
  FakeAdmin admin;
  admin.Answer(200, R"({"success": true, "data": {"version": "0.1.0",)"
                    R"( "started_at": "2025-10-09T10:00:00+08:00", "time_zone": "Asia/Manila",)"
                    R"( "listen": "127.0.0.1:8080", "admin_listen": "127.0.0.1:8081",)"
                    R"( "orders": {"active": 2, "expired": 1, "cancelled": 0}, "customers": 1,)"
                    R"( "services": 3, "last_order_id": "MP-000003"}})");

  CtlRun run = Ctl(admin, {"status"});

  CHECK(0 == run.code);
  CHECK(
      "version:       0.1.0\n"
      "started_at:    2025-10-09T10:00:00+08:00\n"
      "time_zone:     Asia/Manila\n"
      "listen:        127.0.0.1:8080\n"
      "admin_listen:  127.0.0.1:8081\n"
      "orders:        active 2, expired 1, cancelled 0\n"
      "customers:     1\n"
      "services:      3\n"
      "last_order_id: MP-000003\n" == run.out);
  CHECK("GET" == admin.last().method);
  CHECK("/admin/status" == admin.last().target);
}

TEST_CASE("global options may also follow the command") {
  FakeAdmin admin;
  CtlRun run = Run({"status", "--data-dir", admin.dir().path()});
  CHECK(0 == run.code);
  CHECK("/admin/status" == admin.last().target);
}

TEST_CASE("the API's error message goes to stderr with exit code 1") {
  FakeAdmin admin;

  SUBCASE("not found") {
    admin.Answer(404, R"({"success": false, "error": "Customer acme not found"})");
    CtlRun run = Ctl(admin, {"customer", "update", "acme", "--rate-limit", "5"});
    CHECK(1 == run.code);
    CHECK("" == run.out);
    CHECK("onairctl: Customer acme not found\n" == run.err);
  }
  SUBCASE("conflict, even with --json") {
    admin.Answer(409, R"({"success": false, "error": "Service 3 already exists"})");
    CtlRun run = Ctl(admin, {"service", "add", "--id", "3", "--name", "x", "--min", "1", "--max",
                             "2", "--json"});
    CHECK(1 == run.code);
    CHECK("" == run.out);
    CHECK("onairctl: Service 3 already exists\n" == run.err);
  }
  SUBCASE("a wrong admin token, without showing the token") {
    admin.Answer(401, R"({"success": false, "error": "Invalid or missing admin token"})");
    CtlRun run = Ctl(admin, {"status"});
    CHECK(1 == run.code);
    CHECK("onairctl: Invalid or missing admin token\n" == run.err);
    CHECK(run.out.find(kToken) == std::string::npos);
  }
  SUBCASE("an answer that is not the API's JSON") {
    admin.Answer(502, "<html>bad gateway</html>");
    CtlRun run = Ctl(admin, {"status"});
    CHECK(1 == run.code);
    CHECK("onairctl: onaird answered HTTP 502 with a body that is not a JSON object\n" == run.err);
  }
}

TEST_CASE("without run.json onairctl says onaird is not running") {
  TempDir dir;
  CtlRun run = Run({"--data-dir", dir.path(), "status"});
  CHECK(1 == run.code);
  CHECK("onairctl: onaird is not running (no run.json in " + dir.path() + ")\n" == run.err);
}

TEST_CASE("an unreadable admin token names the file and the reason") {
  FakeAdmin admin;
  std::string token_path = admin.dir().Sub("admin.token");
  std::filesystem::remove(token_path);

  SUBCASE("missing") {
    CtlRun run = Ctl(admin, {"status"});
    CHECK(1 == run.code);
    CHECK("onairctl: cannot read admin token " + token_path + ": No such file or directory\n" ==
          run.err);
  }
  SUBCASE("not a file") {
    std::filesystem::create_directory(token_path);
    CtlRun run = Ctl(admin, {"status"});
    CHECK(1 == run.code);
    CHECK("onairctl: cannot read admin token " + token_path + ": Is a directory\n" == run.err);
  }
  SUBCASE("not readable by this user") {
    if (geteuid() == 0) return;  // root reads any file; the message is the same strerror text
    WriteFile(token_path, kToken);
    chmod(token_path.c_str(), 0);
    CtlRun run = Ctl(admin, {"status"});
    CHECK("onairctl: cannot read admin token " + token_path + ": Permission denied\n" == run.err);
  }
  CHECK(admin.seen().empty());
}

TEST_CASE("a daemon that does not answer is reported with its address") {
  // A port that was free a moment ago: bind it, read its number, close it.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(0 == bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)));
  socklen_t len = sizeof(addr);
  REQUIRE(0 == getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len));
  int port = ntohs(addr.sin_port);
  close(fd);
  TempDir dir;
  WriteFile(dir.Sub("run.json"), "{\"admin_listen\": \"127.0.0.1:" + std::to_string(port) + "\"}");
  WriteFile(dir.Sub("admin.token"), kToken);

  CtlRun run = Run({"--data-dir", dir.path(), "status"});

  CHECK(1 == run.code);
  CHECK("onairctl: cannot reach onaird's admin API at 127.0.0.1:" + std::to_string(port) +
            ": cannot connect (is onaird running?)\n" ==
        run.err);
}

TEST_CASE("--config names the data directory through the config file") {
  FakeAdmin admin;
  TempDir config_dir;
  std::string config_path = config_dir.Sub("onair.toml");
  WriteFile(config_path, "[storage]\ndata_dir = \"" + admin.dir().path() + "\"\n");

  CtlRun run = Run({"--config", config_path, "status"});
  CHECK(0 == run.code);
  CHECK("/admin/status" == admin.last().target);

  SUBCASE("a broken config file is an error naming it") {
    WriteFile(config_path, "[storage]\ndata_dirr = \"/x\"\n");
    CtlRun broken = Run({"--config", config_path, "status"});
    CHECK(1 == broken.code);
    CHECK(broken.err.find(config_path) != std::string::npos);
  }
}

TEST_CASE("a number that does not fit is a usage error, never sent as another number") {
  FakeAdmin admin;

  SUBCASE("past 64 bits") {
    CtlRun run = Ctl(admin, {"service", "update", "3", "--max", "99999999999999999999"});
    CHECK(2 == run.code);
    CHECK(run.err.find("--max: \"99999999999999999999\" is not a whole number from "
                       "-9223372036854775808 to 9223372036854775807") != std::string::npos);
  }
  SUBCASE("viewers past 64 bits") {
    CtlRun run = Ctl(admin, {"live", "report", "facebook.com/username", "--viewers", "1e30"});
    CHECK(2 == run.code);
    CHECK(run.err.find("--viewers: \"1e30\" is not a whole number") != std::string::npos);
  }
  SUBCASE("a negative key id") {
    CtlRun run = Ctl(admin, {"key", "revoke", "-1"});
    CHECK(2 == run.code);
    CHECK(run.err.find("KEY_ID: \"-1\" is not a whole number from 0 to 18446744073709551615") !=
          std::string::npos);
  }
  CHECK(admin.seen().empty());

  SUBCASE("a negative viewer count is sent, for the daemon to refuse") {
    admin.Answer(400, R"({"success": false, "error": "viewers must be 0 or more"})");
    CtlRun run = Ctl(admin, {"live", "report", "facebook.com/username", "--viewers", "-3"});
    CHECK(1 == run.code);
    CHECK("onairctl: viewers must be 0 or more\n" == run.err);
    CHECK(R"({"url":"facebook.com/username","live":true,"viewers":-3})" == admin.last().body);
  }
}

TEST_CASE("usage errors exit with code 2 and --help with 0") {
  SUBCASE("no command") {
    CtlRun run = Run({});
    CHECK(2 == run.code);
    CHECK(run.err.find("Subcommands:") != std::string::npos);
  }
  SUBCASE("a group without its command") {
    CtlRun run = Run({"service"});
    CHECK(2 == run.code);
    CHECK(run.err.find("Usage: onairctl service") != std::string::npos);
  }
  SUBCASE("unknown command") {
    CtlRun run = Run({"customer", "delete", "acme"});
    CHECK(2 == run.code);
    CHECK(run.err.find("delete") != std::string::npos);
  }
  SUBCASE("a value that is not a number") {
    CtlRun run =
        Run({"service", "add", "--id", "three", "--name", "x", "--min", "1", "--max", "2"});
    CHECK(2 == run.code);
  }
  SUBCASE("--help") {
    CtlRun run = Run({"--help"});
    CHECK(0 == run.code);
    CHECK(run.out.find("customer") != std::string::npos);
  }
  SUBCASE("a command's --help") {
    CtlRun run = Run({"service", "add", "--help"});
    CHECK(0 == run.code);
    CHECK(run.out.find("--max") != std::string::npos);
  }
  SUBCASE("--version") {
    CtlRun run = Run({"--version"});
    CHECK(0 == run.code);
    CHECK(std::string(ONAIR_VERSION) + "\n" == run.out);
  }
}

}  // namespace onair::ctl
