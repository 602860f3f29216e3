// The admin API as docs/api.md describes it for operators' scripts: the token, the envelope,
// and its not-found and conflict errors.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"

namespace onair::e2e {
namespace {

TEST_CASE("an admin request without the right token is a 401") {
  const Daemon& daemon = SharedDaemon();
  std::string token;
  SUBCASE("no token") {}
  SUBCASE("a wrong token") {
    token = daemon.admin_token() + "x";
  }
  SUBCASE("a customer's API key") {
    token = SharedKey();
  }
  CAPTURE(token);

  CHECK(ErrorAnswer(401, "Invalid or missing admin token") ==
        Shown(daemon.AdminWithToken("GET", "/admin/status", token)));
  CHECK(ErrorAnswer(401, "Invalid or missing admin token") ==
        Shown(daemon.AdminWithToken("POST", "/admin/customers", token, R"({"name": "intruder"})")));
}

TEST_CASE("the admin token file is readable by the daemon's user and group only") {
  struct stat info {};
  REQUIRE(0 == stat((SharedDaemon().data_dir() + "/admin.token").c_str(), &info));

  CHECK(0640 == (info.st_mode & 0777));
}

TEST_CASE("a customer's key is shown only when it is created") {
  Daemon daemon;
  HttpAnswer created = daemon.Admin("POST", "/admin/customers", R"({"name": "acme"})");
  REQUIRE(200 == created.status);
  const std::string key = Str(created.body, "/data/key");

  CHECK("true" == Raw(created.body, "/success"));
  CHECK(daemon.Admin("GET", "/admin/customers").body.find(key) == std::string::npos);
  CHECK(daemon.Admin("GET", "/admin/keys").body.find(key) == std::string::npos);
}

TEST_CASE("keys and the admin token never reach the log, and keys are stored only hashed") {
  Daemon daemon;
  daemon.AddGuideServices();
  const std::string key = daemon.AddCustomer("acme");
  const auto [second_id, second_key] = daemon.AddKey("acme");
  REQUIRE(200 == daemon.PostOrder(key, OrderBody()).status);
  REQUIRE(403 == daemon.PostOrder(key + "x", OrderBody()).status);
  REQUIRE(401 == daemon.AdminWithToken("GET", "/admin/status", daemon.admin_token() + "x").status);
  REQUIRE(0 == daemon.Stop());

  const std::string log = daemon.Log();
  CHECK(log.find(key) == std::string::npos);
  CHECK(log.find(second_key) == std::string::npos);
  CHECK(log.find(daemon.admin_token()) == std::string::npos);
  // RocksDB's log and tables hold records uncompressed enough that a stored key would show.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(daemon.data_dir())) {
    if (!entry.is_regular_file() || entry.path().filename() == "admin.token") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    CAPTURE(entry.path().string());
    CHECK(bytes.str().find(key.substr(4)) == std::string::npos);
    CHECK(bytes.str().find(second_key.substr(4)) == std::string::npos);
  }
}

TEST_CASE("a customer object has the documented fields") {
  Daemon daemon;

  HttpAnswer answer = daemon.Admin("POST", "/admin/customers", R"({"name": "acme"})");

  REQUIRE(200 == answer.status);
  CHECK("acme" == Str(answer.body, "/data/name"));
  CHECK("1000" == Raw(answer.body, "/data/rate_limit"));
  CHECK("10000" == Raw(answer.body, "/data/read_rate_limit"));
  CHECK("<absent>" != Raw(answer.body, "/data/id"));
  CHECK("<absent>" != Raw(answer.body, "/data/roles"));
  CHECK(ParseOffsetTime(Str(answer.body, "/data/created_at")).has_value());
}

TEST_CASE("admin conflicts are a 409") {
  Daemon daemon;
  daemon.AddCustomer("acme");
  daemon.AddService(3, "180 Minutes Live Viewers", 10, 5000);

  CHECK(ErrorAnswer(409, "Customer acme already exists") ==
        Shown(daemon.Admin("POST", "/admin/customers", R"({"name": "acme"})")));
  CHECK(ErrorAnswer(409, "Service 3 already exists") ==
        Shown(daemon.Admin(
            "POST", "/admin/services",
            R"({"service_id": 3, "name": "Again", "quantity_min": 1, "quantity_max": 2})")));
}

TEST_CASE("admin requests for what does not exist are a 404") {
  Daemon daemon;

  CHECK(ErrorAnswer(404, "Customer acme not found") ==
        Shown(daemon.Admin("PATCH", "/admin/customers/acme", R"({"rate_limit": 5})")));
  CHECK(ErrorAnswer(404, "Customer acme not found") ==
        Shown(daemon.Admin("POST", "/admin/keys", R"({"customer": "acme"})")));
  CHECK(ErrorAnswer(404, "Service 3 not found") ==
        Shown(daemon.Admin("PATCH", "/admin/services/3", R"({"active": false})")));
  CHECK(ErrorAnswer(404, "Key 7 not found") == Shown(daemon.Admin("POST", "/admin/keys/7/revoke")));
  CHECK(ErrorAnswer(404, "Order MP-000009 not found") ==
        Shown(daemon.Admin("GET", "/admin/orders/MP-000009")));
}

TEST_CASE("invalid admin bodies are a 400") {
  Daemon daemon;

  CHECK(ErrorAnswer(400, "name is required") ==
        Shown(daemon.Admin("POST", "/admin/customers", R"({"rate_limit": 5})")));
  CHECK(ErrorAnswer(400, "quantity_min must be between 1 and quantity_max") ==
        Shown(daemon.Admin(
            "POST", "/admin/services",
            R"({"service_id": 3, "name": "Backwards", "quantity_min": 50, "quantity_max": 10})")));
}

TEST_CASE("admin bodies follow the customer API's body rules") {
  Daemon daemon;

  SUBCASE("over 64 KiB") {
    const std::string body = R"({"name": "acme")" + std::string(70000, ' ') + "}";
    CHECK(ErrorAnswer(413, "Request body is larger than 65536 bytes") ==
          Shown(daemon.Admin("POST", "/admin/customers", body)));
  }
  SUBCASE("malformed") {
    HttpAnswer answer = daemon.Admin("POST", "/admin/customers", R"({"name": )");
    CHECK(400 == answer.status);
    CHECK(StartsWith(Str(answer.body, "/error"), "Invalid JSON: "));
  }
  SUBCASE("a key given twice") {
    CHECK(ErrorAnswer(400, R"(Invalid JSON: duplicate key "name")") ==
          Shown(daemon.Admin("POST", "/admin/customers", R"({"name": "a", "name": "b"})")));
  }
  SUBCASE("not an object") {
    CHECK(ErrorAnswer(400, "Request body must be a JSON object") ==
          Shown(daemon.Admin("POST", "/admin/customers", R"(["acme"])")));
  }
}

TEST_CASE("an unknown admin path is a 404 in the error envelope") {
  HttpAnswer answer = SharedDaemon().Admin("GET", "/admin/nothing");

  CHECK(404 == answer.status);
  CHECK("false" == Raw(answer.body, "/success"));
  CHECK(StartsWith(Raw(answer.body, "/error"), "\""));
}

}  // namespace
}  // namespace onair::e2e
