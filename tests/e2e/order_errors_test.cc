// Every error of docs/api.md's catalogue for the customer API, with its exact status and body:
// keys, each row of the validation table, duplicates, routing.
#include <doctest/doctest.h>

#include <string>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"
#include "raw_http.h"

namespace onair::e2e {
namespace {

constexpr const char* kInvalidKey = R"(403 {"detail":"Invalid or missing API key"})";

// POST /api/order of `body` on the shared daemon with the shared customer's key.
HttpAnswer Post(const std::string& body, const std::string& content_type = "application/json") {
  return SharedDaemon().PostOrder(SharedKey(), body, content_type);
}

// A valid order with `services` as its services array.
std::string WithServices(const std::string& services) {
  return R"({"url": "https://facebook.com/username", "services": )" + services + "}";
}

// A valid order with `member` ("\"days\": 0") added.
std::string With(const std::string& member) {
  return "{" + member +
         R"(, "url": "https://facebook.com/username", "services": [{"service_id": 3,)"
         R"( "quantity": 200}]})";
}

TEST_CASE("a request without X-API-Key gets 403 with the guide's body") {
  std::string method = "POST";
  std::string path = "/api/order";
  SUBCASE("POST /api/order") {}
  SUBCASE("GET /api/orders") {
    method = "GET";
    path = "/api/orders";
  }
  SUBCASE("GET /api/order/{id}") {
    method = "GET";
    path = "/api/order/MP-000001";
  }
  SUBCASE("GET /api/services") {
    method = "GET";
    path = "/api/services";
  }
  CAPTURE(path);

  HttpAnswer answer = SharedDaemon().Request(method, path, "", method == "POST" ? OrderBody() : "");

  CHECK(kInvalidKey == Shown(answer));
  CHECK(StartsWith(answer.Header("Content-Type"), "application/json"));
}

TEST_CASE("the X-API-Key header name is matched in any letter case") {
  HttpAnswer answer = SharedDaemon().Request("GET", "/api/services", "", "", "");
  REQUIRE(403 == answer.status);

  std::string head = "GET /api/services HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + SharedKey() +
                     "\r\nConnection: close\r\n\r\n";
  RawExchangeResult result = RawExchange(SharedDaemon().port(), head, "", std::chrono::seconds(60));

  CHECK(200 == result.answer.status);
}

TEST_CASE("an unknown API key gets 403 with the guide's body") {
  std::string key;
  SUBCASE("a key of the right shape") {
    key = "oak_" + std::string(43, 'A');
  }
  SUBCASE("a key of another shape") {
    key = "not-a-key";
  }
  SUBCASE("the customer's key with one character changed") {
    key = SharedKey();
    key.back() = key.back() == 'x' ? 'y' : 'x';
  }
  CAPTURE(key);

  CHECK(kInvalidKey == Shown(SharedDaemon().PostOrder(key, OrderBody())));
  CHECK(kInvalidKey == Shown(SharedDaemon().Get("/api/orders", key)));
}

TEST_CASE("a revoked key gets 403 while the customer's other key still works") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string first_key = daemon.AddCustomer("acme");
  auto [second_key_id, second_key] = daemon.AddKey("acme");
  REQUIRE(200 == daemon.PostOrder(second_key, OrderBody()).status);

  HttpAnswer revoke = daemon.Admin("POST", "/admin/keys/" + second_key_id + "/revoke");
  REQUIRE_MESSAGE(200 == revoke.status, Shown(revoke));

  CHECK(kInvalidKey == Shown(daemon.PostOrder(second_key, OrderBody())));
  CHECK(kInvalidKey == Shown(daemon.Get("/api/order/MP-000001", second_key)));
  CHECK(200 == daemon.PostOrder(first_key, OrderBody()).status);
  CHECK(200 == daemon.Get("/api/order/MP-000001", first_key).status);
}

TEST_CASE("malformed JSON is a 400 that starts with Invalid JSON") {
  std::string body;
  SUBCASE("an unclosed object") {
    body = R"({"url": "https://facebook.com/username")";
  }
  SUBCASE("a missing value") {
    body = R"({"url": , "services": []})";
  }
  SUBCASE("a trailing comma") {
    body = WithServices(R"([{"service_id": 3, "quantity": 200},])");
  }
  SUBCASE("not JSON at all") {
    body = "url=https://facebook.com/username";
  }
  SUBCASE("an empty body") {
    body = "";
  }
  SUBCASE("bytes after the document") {
    body = OrderBody() + " x";
  }
  SUBCASE("a second document after the first") {
    body = OrderBody() + "{}";
  }
  SUBCASE("bytes that are not UTF-8 in a string") {
    body = "{\"order_id\": \"\xff\xfe\", " + OrderBody().substr(1);
  }
  SUBCASE("malformed deep inside an unknown field") {
    body = R"({"extra": {"a": [1, 2,, 3]}, "url": "https://facebook.com/username",)"
           R"( "services": [{"service_id": 3, "quantity": 200}]})";
  }
  CAPTURE(body);

  HttpAnswer answer = Post(body);

  CHECK(400 == answer.status);
  CHECK("success,error" == Keys(answer.body));
  CHECK("false" == Raw(answer.body, "/success"));
  CHECK(StartsWith(Str(answer.body, "/error"), "Invalid JSON: "));
}

TEST_CASE("a key given twice at any depth is a 400 naming the key") {
  SUBCASE("at the top") {
    CHECK(ErrorAnswer(400, R"(Invalid JSON: duplicate key "url")") ==
          Shown(Post(R"({"url": "https://facebook.com/a", "url": "https://facebook.com/b",)"
                     R"( "services": [{"service_id": 3, "quantity": 200}]})")));
  }
  SUBCASE("inside a service") {
    CHECK(ErrorAnswer(400, R"(Invalid JSON: duplicate key "quantity")") ==
          Shown(Post(WithServices(R"([{"service_id": 3, "quantity": 200, "quantity": 300}])"))));
  }
  SUBCASE("spelt with an escape the second time") {
    CHECK(ErrorAnswer(400, R"(Invalid JSON: duplicate key "url")") ==
          Shown(Post(R"({"url": "https://facebook.com/a", "u\u0072l": "https://facebook.com/b",)"
                     R"( "services": [{"service_id": 3, "quantity": 200}]})")));
  }
  SUBCASE("inside an unknown field") {
    CHECK(ErrorAnswer(400, R"(Invalid JSON: duplicate key "a")") ==
          Shown(Post(With(R"("extra": {"a": 1, "a": 2})"))));
  }
}

TEST_CASE("a body that is not a JSON object is a 400") {
  std::string body;
  SUBCASE("an array") {
    body = "[" + OrderBody() + "]";
  }
  SUBCASE("a string") {
    body = "\"order\"";
  }
  SUBCASE("a number") {
    body = "5";
  }
  SUBCASE("null") {
    body = "null";
  }
  CAPTURE(body);

  CHECK(ErrorAnswer(400, "Request body must be a JSON object") == Shown(Post(body)));
}

TEST_CASE("a body whose Content-Type is not JSON is a 400") {
  std::string content_type;
  SUBCASE("form-encoded") {
    content_type = "application/x-www-form-urlencoded";
  }
  SUBCASE("multipart") {
    content_type = "multipart/form-data; boundary=x";
  }
  SUBCASE("plain text") {
    content_type = "text/plain";
  }
  CAPTURE(content_type);

  CHECK(ErrorAnswer(400, "Content-Type must be application/json") ==
        Shown(Post(OrderBody(), content_type)));
}

TEST_CASE("order_id of the wrong type is a 400") {
  std::string value;
  SUBCASE("true") {
    value = "true";
  }
  SUBCASE("an array") {
    value = "[\"321\"]";
  }
  SUBCASE("an object") {
    value = "{}";
  }
  SUBCASE("a fraction") {
    value = "2.5";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "order_id must be a string or an integer") ==
        Shown(Post(With("\"order_id\": " + value))));
}

TEST_CASE("order_id of the wrong length or with control characters is a 400") {
  std::string value;
  SUBCASE("empty") {
    value = "\"\"";
  }
  SUBCASE("65 characters") {
    value = "\"" + std::string(65, '7') + "\"";
  }
  SUBCASE("a tab") {
    value = R"("ab\tc")";
  }
  SUBCASE("a newline") {
    value = R"("ab\nc")";
  }
  SUBCASE("a NUL") {
    value = R"("ab\u0000c")";
  }
  SUBCASE("DEL") {
    value = R"("ab\u007fc")";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "order_id must be 1 to 64 characters without control characters") ==
        Shown(Post(With("\"order_id\": " + value))));
}

TEST_CASE("a missing url is a 400") {
  CHECK(ErrorAnswer(400, "url is required") ==
        Shown(Post(R"({"services": [{"service_id": 3, "quantity": 200}]})")));
}

TEST_CASE("a url that is not a string is a 400") {
  std::string value;
  SUBCASE("a number") {
    value = "5";
  }
  SUBCASE("an object") {
    value = R"({"href": "https://facebook.com/username"})";
  }
  SUBCASE("an array") {
    value = R"(["https://facebook.com/username"])";
  }
  CAPTURE(value);

  CHECK(
      ErrorAnswer(400, "url must be a string") ==
      Shown(Post("{\"url\": " + value + R"(, "services": [{"service_id": 3, "quantity": 200}]})")));
}

TEST_CASE("a url that is not a Facebook page is a 400 saying why") {
  std::string url;
  std::string message;
  SUBCASE("short and share links") {
    message =
        "url is a short or share link, which onair cannot resolve without calling Facebook; "
        "send the page's own URL";
    url = "https://fb.watch/abc";
    SUBCASE("fb.watch") {}
    SUBCASE("/share/") {
      url = "https://www.facebook.com/share/v/1AbC/";
    }
    SUBCASE("share.php") {
      url = "https://www.facebook.com/share.php?u=x";
    }
    SUBCASE("sharer.php") {
      url = "https://www.facebook.com/sharer.php?u=x";
    }
  }
  SUBCASE("video links") {
    message = "url is a video link that does not name its page; send the page's own URL";
    url = "https://www.facebook.com/watch/?v=1";
    SUBCASE("watch") {}
    SUBCASE("video.php") {
      url = "facebook.com/video.php?v=1";
    }
    SUBCASE("watch/live") {
      url = "https://www.facebook.com/watch/live/?v=1";
    }
    SUBCASE("reel") {
      url = "https://www.facebook.com/reel/123";
    }
    SUBCASE("reels") {
      url = "https://www.facebook.com/reels/123";
    }
  }
  SUBCASE("other hosts and schemes") {
    message = "url must be a facebook.com or fb.com URL";
    url = "https://example.com/x";
    SUBCASE("example.com") {}
    SUBCASE("instagram") {
      url = "instagram.com/x";
    }
    SUBCASE("ftp") {
      url = "ftp://facebook.com/x";
    }
    SUBCASE("a port") {
      url = "https://www.facebook.com:8080/x";
    }
    SUBCASE("a user name") {
      url = "https://someone@www.facebook.com/x";
    }
  }
  SUBCASE("no path") {
    message = "url does not name a page";
    url = "facebook.com";
    SUBCASE("bare host") {}
    SUBCASE("slash only") {
      url = "https://www.facebook.com/";
    }
  }
  SUBCASE("a Facebook path that is not a page, quoted as sent") {
    url = "https://www.facebook.com/login";
    message = "url does not name a page: /login is not a page";
    SUBCASE("login") {}
    SUBCASE("Login") {
      url = "https://www.facebook.com/Login";
      message = "url does not name a page: /Login is not a page";
    }
    SUBCASE("home.php") {
      url = "facebook.com/home.php";
      message = "url does not name a page: /home.php is not a page";
    }
    SUBCASE("another .php") {
      url = "facebook.com/anything.php?id=5";
      message = "url does not name a page: /anything.php is not a page";
    }
    SUBCASE("events") {
      url = "facebook.com/events/123";
      message = "url does not name a page: /events is not a page";
    }
    SUBCASE("photo") {
      url = "facebook.com/photo/?fbid=1";
      message = "url does not name a page: /photo is not a page";
    }
  }
  SUBCASE("profile.php without a numeric id") {
    message = "url has a profile.php link without a numeric id";
    url = "https://www.facebook.com/profile.php";
    SUBCASE("no id") {}
    SUBCASE("id not a number") {
      url = "https://www.facebook.com/profile.php?id=abc";
    }
  }
  SUBCASE("a name a page cannot have") {
    url = "https://www.facebook.com/bad name!";
    message = R"(url does not name a page: "bad name!" is not a page name)";
    SUBCASE("space and bang") {}
    SUBCASE("a percent-escape, not decoded") {
      url = "https://www.facebook.com/bad%20name";
      message = R"(url does not name a page: "bad%20name" is not a page name)";
    }
  }
  SUBCASE("longer than 2048 characters") {
    url = "https://www.facebook.com/";
    url += std::string(2049 - url.size(), 'a');
    message = "url must be at most 2048 characters";
  }
  CAPTURE(url);
  const std::string body =
      "{\"url\": " + JsonString(url) + R"(, "services": [{"service_id": 3, "quantity": 200}]})";

  CHECK(ErrorAnswer(400, message) == Shown(Post(body)));
}

TEST_CASE("a missing services is a 400") {
  CHECK(ErrorAnswer(400, "services is required") ==
        Shown(Post(R"({"url": "https://facebook.com/username"})")));
}

TEST_CASE("services that is not an array is a 400") {
  std::string value;
  SUBCASE("an object") {
    value = R"({"service_id": 3, "quantity": 200})";
  }
  SUBCASE("a string") {
    value = "\"3\"";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "services must be an array") == Shown(Post(WithServices(value))));
}

TEST_CASE("services with no entry or more than 50 is a 400") {
  std::string value = "[]";
  SUBCASE("empty") {}
  SUBCASE("51 entries") {
    value = "[";
    for (int i = 0; i < 51; ++i) {
      value += std::string(i == 0 ? "" : ", ") + R"({"service_id": 3, "quantity": 200})";
    }
    value += "]";
  }

  CHECK(ErrorAnswer(400, "services must list 1 to 50 services") ==
        Shown(Post(WithServices(value))));
}

TEST_CASE("a services entry that is not an object is a 400 naming its index") {
  SUBCASE("the first") {
    CHECK(ErrorAnswer(400, "services[0] must be an object") == Shown(Post(WithServices("[3]"))));
  }
  SUBCASE("the second") {
    CHECK(ErrorAnswer(400, "services[1] must be an object") ==
          Shown(Post(WithServices(R"([{"service_id": 3, "quantity": 200}, "1"])"))));
  }
}

TEST_CASE("a missing service_id is a 400") {
  CHECK(ErrorAnswer(400, "services[0].service_id is required") ==
        Shown(Post(WithServices(R"([{"quantity": 200}])"))));
}

TEST_CASE("a service_id that is not an integer is a 400") {
  std::string value;
  SUBCASE("digits and letters") {
    value = "\"2x\"";
  }
  SUBCASE("a fraction") {
    value = "2.5";
  }
  SUBCASE("true") {
    value = "true";
  }
  SUBCASE("an array") {
    value = "[]";
  }
  SUBCASE("an empty string") {
    value = "\"\"";
  }
  SUBCASE("a string with a sign") {
    value = "\"-5\"";
  }
  SUBCASE("beyond 64 bits") {
    value = "1e30";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "services[0].service_id must be an integer") ==
        Shown(Post(WithServices(R"([{"service_id": )" + value + R"(, "quantity": 200}])"))));
}

TEST_CASE("an integer with more digits than 64 bits hold is refused by the parser") {
  const std::string message = "Invalid JSON: Problem while parsing a number";
  SUBCASE("as quantity") {
    CHECK(ErrorAnswer(400, message) ==
          Shown(Post(
              WithServices(R"([{"service_id": 3, "quantity": 123456789012345678901234567890}])"))));
  }
  SUBCASE("as order_id") {
    CHECK(ErrorAnswer(400, message) ==
          Shown(Post(With(R"("order_id": 123456789012345678901234567890)"))));
  }
}

TEST_CASE("a number past the range of a double is refused by the parser") {
  CHECK(ErrorAnswer(400, "Invalid JSON: Problem while parsing a number") ==
        Shown(Post(With(R"("daily_limit": 1e400)"))));
}

TEST_CASE("a number with an exponent past 64 bits is not an integer") {
  CHECK(ErrorAnswer(400, "daily_limit must be an integer") ==
        Shown(Post(With(R"("daily_limit": 1e30)"))));
}

TEST_CASE("an unknown or inactive service is a 400 in the guide's words") {
  SUBCASE("unknown") {
    CHECK(ErrorAnswer(400, "Service 999 not found or inactive") ==
          Shown(Post(WithServices(R"([{"service_id": 999, "quantity": 200}])"))));
  }
  SUBCASE("inactive") {
    CHECK(ErrorAnswer(400, "Service 7 not found or inactive") ==
          Shown(Post(WithServices(R"([{"service_id": 7, "quantity": 200}])"))));
  }
}

TEST_CASE("a service listed twice is a 400") {
  CHECK(ErrorAnswer(400, "Service 3 is listed more than once") ==
        Shown(Post(WithServices(
            R"([{"service_id": 3, "quantity": 200}, {"service_id": 1, "quantity": 20},)"
            R"( {"service_id": 3, "quantity": 300}])"))));
}

TEST_CASE("a missing quantity is a 400 naming the entry") {
  SUBCASE("the first") {
    CHECK(ErrorAnswer(400, "services[0].quantity is required") ==
          Shown(Post(WithServices(R"([{"service_id": 3}])"))));
  }
  SUBCASE("the second") {
    CHECK(ErrorAnswer(400, "services[1].quantity is required") ==
          Shown(Post(WithServices(R"([{"service_id": 1, "quantity": 20}, {"service_id": 3}])"))));
  }
}

TEST_CASE("a quantity that is not an integer is a 400") {
  std::string value;
  SUBCASE("digits and letters") {
    value = "\"2x\"";
  }
  SUBCASE("a fraction") {
    value = "200.5";
  }
  SUBCASE("false") {
    value = "false";
  }
  SUBCASE("a string with a sign") {
    value = "\"-5\"";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "services[0].quantity must be an integer") ==
        Shown(Post(WithServices(R"([{"service_id": 3, "quantity": )" + value + "}]"))));
}

TEST_CASE("a quantity outside the service's bounds is a 400 naming them") {
  std::string value;
  SUBCASE("below") {
    value = "9";
  }
  SUBCASE("above") {
    value = "5001";
  }
  SUBCASE("zero") {
    value = "0";
  }
  SUBCASE("negative") {
    value = "-200";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "services[0].quantity must be between 10 and 5000 for service 3") ==
        Shown(Post(WithServices(R"([{"service_id": 3, "quantity": )" + value + "}]"))));
}

TEST_CASE("a min_viewers that is not an integer is a 400") {
  std::string value;
  SUBCASE("letters") {
    value = "\"many\"";
  }
  SUBCASE("a fraction") {
    value = "1.5";
  }
  SUBCASE("a string with a sign") {
    value = "\"-5\"";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "services[0].min_viewers must be an integer") ==
        Shown(Post(WithServices(R"([{"service_id": 3, "quantity": 200, "min_viewers": )" + value +
                                "}]"))));
}

TEST_CASE("a negative min_viewers is a 400") {
  CHECK(ErrorAnswer(400, "services[0].min_viewers must be 0 or more") ==
        Shown(Post(WithServices(R"([{"service_id": 3, "quantity": 200, "min_viewers": -1}])"))));
}

TEST_CASE("a daily_limit that is not an integer is a 400") {
  std::string value;
  SUBCASE("letters") {
    value = "\"ten\"";
  }
  SUBCASE("a fraction") {
    value = "2.5";
  }
  SUBCASE("true") {
    value = "true";
  }
  SUBCASE("an object") {
    value = "{}";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "daily_limit must be an integer") ==
        Shown(Post(With("\"daily_limit\": " + value))));
}

TEST_CASE("a daily_limit outside 1 to 1000 is a 400") {
  std::string value;
  SUBCASE("0") {
    value = "0";
  }
  SUBCASE("1001") {
    value = "1001";
  }
  SUBCASE("negative") {
    value = "-1";
  }
  SUBCASE("a digit string too large") {
    value = "\"5000\"";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "daily_limit must be between 1 and 1000") ==
        Shown(Post(With("\"daily_limit\": " + value))));
}

TEST_CASE("a days that is not an integer is a 400") {
  std::string value;
  SUBCASE("letters") {
    value = "\"month\"";
  }
  SUBCASE("a fraction") {
    value = "7.5";
  }
  SUBCASE("an array") {
    value = "[30]";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "days must be an integer") == Shown(Post(With("\"days\": " + value))));
}

TEST_CASE("a days outside 1 to 365 is a 400") {
  std::string value;
  SUBCASE("0") {
    value = "0";
  }
  SUBCASE("366") {
    value = "366";
  }
  CAPTURE(value);

  CHECK(ErrorAnswer(400, "days must be between 1 and 365") ==
        Shown(Post(With("\"days\": " + value))));
}

TEST_CASE("validation reports the first problem in the documented order") {
  std::string body;
  std::string message;
  SUBCASE("order_id before url") {
    body = R"({"order_id": "", "services": 5})";
    message = "order_id must be 1 to 64 characters without control characters";
  }
  SUBCASE("url before services") {
    body = R"({"services": 5})";
    message = "url is required";
  }
  SUBCASE("services before daily_limit") {
    body = R"({"url": "facebook.com/a", "daily_limit": 0, "services": [{"service_id": 999,)"
           R"( "quantity": 1}]})";
    message = "Service 999 not found or inactive";
  }
  SUBCASE("service_id before quantity") {
    body = R"({"url": "facebook.com/a", "services": [{"quantity": "x"}]})";
    message = "services[0].service_id is required";
  }
  SUBCASE("quantity before min_viewers") {
    body = R"({"url": "facebook.com/a", "services": [{"service_id": 3, "quantity": 1,)"
           R"( "min_viewers": -1}]})";
    message = "services[0].quantity must be between 10 and 5000 for service 3";
  }
  SUBCASE("the first service before the second") {
    body = R"({"url": "facebook.com/a", "services": [{"service_id": 3, "quantity": 1},)"
           R"( {"service_id": 998, "quantity": 1}]})";
    message = "services[0].quantity must be between 10 and 5000 for service 3";
  }
  SUBCASE("daily_limit before days") {
    body =
        R"({"url": "facebook.com/a", "days": 0, "daily_limit": 0, "services": [{"service_id": 3,)"
        R"( "quantity": 200}]})";
    message = "daily_limit must be between 1 and 1000";
  }
  SUBCASE("the Content-Type before the body") {
    CHECK(ErrorAnswer(400, "Content-Type must be application/json") ==
          Shown(Post("{", "application/x-www-form-urlencoded")));
    return;
  }
  CAPTURE(body);

  CHECK(ErrorAnswer(400, message) == Shown(Post(body)));
}

TEST_CASE("a repeated order_id is a 400 naming the order that has it") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  REQUIRE(200 == daemon.PostOrder(key, kGuideWithoutOrderId).status);
  REQUIRE("MP-000002" == Str(daemon.PostOrder(key, kGuideWithOrderId).body, "/data/order_id"));

  std::string again;
  SUBCASE("the same request again") {
    again = kGuideWithOrderId;
  }
  SUBCASE("the same reference sent as an integer") {
    again = R"({"order_id": 321421321, "url": "https://facebook.com/other",)"
            R"( "services": [{"service_id": 1, "quantity": 20}]})";
  }
  CAPTURE(again);

  CHECK(ErrorAnswer(400, "Customer order 321421321 already exists as MP-000002") ==
        Shown(daemon.PostOrder(key, again)));
}

TEST_CASE("an unknown path is a 404 with or without a key") {
  std::string key;
  SUBCASE("without a key") {}
  SUBCASE("with a valid key") {
    key = SharedKey();
  }
  SUBCASE("with an unknown key") {
    key = "oak_unknown";
  }
  CAPTURE(key);

  CHECK(ErrorAnswer(404, "Not found: GET /api/nothing") ==
        Shown(SharedDaemon().Get("/api/nothing", key)));
  CHECK(ErrorAnswer(404, "Not found: POST /api/orders/new") ==
        Shown(SharedDaemon().Request("POST", "/api/orders/new", key, OrderBody())));
  CHECK(ErrorAnswer(404, "Not found: GET /") == Shown(SharedDaemon().Get("/", key)));
}

TEST_CASE("a known path with another method is a 405 with an Allow header") {
  std::string method;
  std::string path;
  std::string allowed;
  SUBCASE("GET /api/order") {
    method = "GET";
    path = "/api/order";
    allowed = "POST";
  }
  SUBCASE("POST /api/orders") {
    method = "POST";
    path = "/api/orders";
    allowed = "GET";
  }
  SUBCASE("DELETE /api/order/MP-000001") {
    method = "DELETE";
    path = "/api/order/MP-000001";
    allowed = "GET";
  }
  SUBCASE("PUT /api/services") {
    method = "PUT";
    path = "/api/services";
    allowed = "GET";
  }
  CAPTURE(path);

  for (const std::string& key : {std::string(), SharedKey()}) {
    CAPTURE(key);
    HttpAnswer answer =
        SharedDaemon().Request(method, path, key, method == "GET" ? "" : OrderBody());
    CHECK(ErrorAnswer(405, "Method not allowed: " + method + " " + path) == Shown(answer));
    CHECK(answer.Header("Allow").find(allowed) != std::string::npos);
  }
}

TEST_CASE("every answer is compact JSON, errors included") {
  const Daemon& daemon = SharedDaemon();
  HttpAnswer answer;
  SUBCASE("200") {
    answer = daemon.PostOrder(SharedKey(), OrderBody());
  }
  SUBCASE("400") {
    answer = daemon.PostOrder(SharedKey(), "{}");
  }
  SUBCASE("403") {
    answer = daemon.PostOrder("", OrderBody());
  }
  SUBCASE("404 path") {
    answer = daemon.Get("/nothing", "");
  }
  SUBCASE("404 order") {
    answer = daemon.Get("/api/order/MP-999999", SharedKey());
  }
  SUBCASE("405") {
    answer = daemon.Get("/api/order", SharedKey());
  }
  SUBCASE("413") {
    answer = daemon.PostOrder(SharedKey(), std::string(70000, ' '));
    REQUIRE(413 == answer.status);
  }
  CAPTURE(answer.status);

  CHECK(StartsWith(answer.Header("Content-Type"), "application/json"));
  CHECK("<invalid JSON" != Raw(answer.body).substr(0, 13));
  CHECK(Minified(answer.body) == answer.body);
}

}  // namespace
}  // namespace onair::e2e
