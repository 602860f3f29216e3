// POST /api/order answers as docs/api.md and the provider's guide show: the guide's example
// requests byte for byte, the body shape, ids, times and the accepted input forms.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"
#include "raw_http.h"

namespace onair::e2e {
namespace {

constexpr const char* kOrderKeys =
    "order_id,url,page,status,created_at,expires_at,daily_limit,days,services";
constexpr const char* kOrderKeysWithReference =
    "order_id,customer_order_id,url,page,status,created_at,expires_at,daily_limit,days,services";
constexpr const char* kService3Line =
    R"([{"service_id":3,"name":"180 Minutes Live Viewers","quantity":200,"min_viewers":null}])";

// A fresh daemon with the guide's services and one customer, for tests that count ids.
struct Fresh {
  Daemon daemon;
  std::string key;

  Fresh() {
    daemon.AddGuideServices();
    key = daemon.AddCustomer("acme");
  }
};

TEST_CASE("the guide's example without order_id creates MP-000001 with the guide's body") {
  Fresh fresh;

  HttpAnswer answer = fresh.daemon.PostOrder(fresh.key, kGuideWithoutOrderId);

  REQUIRE(200 == answer.status);
  CHECK(StartsWith(answer.Header("Content-Type"), "application/json"));
  CHECK("success,message,data" == Keys(answer.body));
  CHECK("true" == Raw(answer.body, "/success"));
  CHECK("Order created with 1 service" == Str(answer.body, "/message"));
  CHECK(kOrderKeys == Keys(answer.body, "/data"));
  CHECK("MP-000001" == Str(answer.body, "/data/order_id"));
  CHECK("https://facebook.com/username" == Str(answer.body, "/data/url"));
  CHECK("https://www.facebook.com/username" == Str(answer.body, "/data/page"));
  CHECK("active" == Str(answer.body, "/data/status"));
  CHECK("10" == Raw(answer.body, "/data/daily_limit"));
  CHECK("30" == Raw(answer.body, "/data/days"));
  CHECK(kService3Line == Raw(answer.body, "/data/services"));
}

TEST_CASE("the guide's example with order_id stores it as customer_order_id") {
  Fresh fresh;

  HttpAnswer answer = fresh.daemon.PostOrder(fresh.key, kGuideWithOrderId);

  REQUIRE(200 == answer.status);
  CHECK("Order created with 1 service" == Str(answer.body, "/message"));
  CHECK(kOrderKeysWithReference == Keys(answer.body, "/data"));
  CHECK("MP-000001" == Str(answer.body, "/data/order_id"));
  CHECK("\"321421321\"" == Raw(answer.body, "/data/customer_order_id"));
  CHECK("https://facebook.com/username" == Str(answer.body, "/data/url"));
  CHECK("10" == Raw(answer.body, "/data/daily_limit"));
  CHECK("30" == Raw(answer.body, "/data/days"));
  CHECK(kService3Line == Raw(answer.body, "/data/services"));
}

TEST_CASE("the guide's example with optional parameters keeps daily_limit, days and min_viewers") {
  Fresh fresh;

  HttpAnswer answer = fresh.daemon.PostOrder(fresh.key, kGuideWithOptions);

  REQUIRE(200 == answer.status);
  CHECK("Order created with 1 service" == Str(answer.body, "/message"));
  CHECK(kOrderKeys == Keys(answer.body, "/data"));
  CHECK("MP-000001" == Str(answer.body, "/data/order_id"));
  CHECK("5" == Raw(answer.body, "/data/daily_limit"));
  CHECK("15" == Raw(answer.body, "/data/days"));
  CHECK(
      R"([{"service_id":3,"name":"180 Minutes Live Viewers","quantity":200,"min_viewers":100}])" ==
      Raw(answer.body, "/data/services"));
}

TEST_CASE("the guide's curl line, sent as curl sends it, creates an order") {
  Fresh fresh;
  const std::string body = kGuideCurlBody;
  const std::string head =
      "POST /api/order HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(fresh.daemon.port()) +
      "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n"
      "Content-Type: application/json\r\nX-API-Key: " +
      fresh.key + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";

  RawExchangeResult result = RawExchange(fresh.daemon.port(), head, body, std::chrono::seconds(60));

  REQUIRE(200 == result.answer.status);
  CHECK("Order created with 1 service" == Str(result.answer.body, "/message"));
  CHECK("MP-000001" == Str(result.answer.body, "/data/order_id"));
  CHECK(kOrderKeys == Keys(result.answer.body, "/data"));
}

TEST_CASE("order ids count up from MP-000001 in the order the requests were answered") {
  Fresh fresh;

  HttpAnswer first = fresh.daemon.PostOrder(fresh.key, kGuideWithoutOrderId);
  HttpAnswer second = fresh.daemon.PostOrder(fresh.key, kGuideWithOrderId);
  HttpAnswer third = fresh.daemon.PostOrder(fresh.key, kGuideWithOptions);

  CHECK("MP-000001" == Str(first.body, "/data/order_id"));
  CHECK("MP-000002" == Str(second.body, "/data/order_id"));
  CHECK("MP-000003" == Str(third.body, "/data/order_id"));
}

TEST_CASE("ids are shared by all customers and never start over for a new one") {
  Fresh fresh;
  std::string other_key = fresh.daemon.AddCustomer("other");

  HttpAnswer first = fresh.daemon.PostOrder(fresh.key, kGuideWithoutOrderId);
  HttpAnswer second = fresh.daemon.PostOrder(other_key, kGuideWithoutOrderId);

  CHECK("MP-000001" == Str(first.body, "/data/order_id"));
  CHECK("MP-000002" == Str(second.body, "/data/order_id"));
}

TEST_CASE("created_at is the time of the request in the configured zone, to the second") {
  const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), kGuideWithoutOrderId);
  const auto after = std::chrono::system_clock::now();

  REQUIRE(200 == answer.status);
  std::string created_at = Str(answer.body, "/data/created_at");
  CHECK("+08:00" == created_at.substr(created_at.size() >= 6 ? created_at.size() - 6 : 0));
  auto created = ParseOffsetTime(created_at);
  REQUIRE_MESSAGE(created.has_value(),
                  "created_at is not YYYY-MM-DDTHH:MM:SS+HH:MM: " << created_at);
  CHECK(before <= *created);
  CHECK(*created <= after);
}

TEST_CASE("expires_at is created_at plus days calendar days at the same clock time") {
  std::string body = kGuideWithoutOrderId;
  int days = 30;
  SUBCASE("the default of 30 days") {}
  SUBCASE("15 days as in the guide") {
    body = kGuideWithOptions;
    days = 15;
  }
  SUBCASE("the shortest, 1 day") {
    body = R"({"url": "facebook.com/username", "days": 1, "services": [{"service_id": 3,)"
           R"( "quantity": 200}]})";
    days = 1;
  }
  SUBCASE("the longest, 365 days") {
    body = R"({"url": "facebook.com/username", "days": 365, "services": [{"service_id": 3,)"
           R"( "quantity": 200}]})";
    days = 365;
  }
  CAPTURE(body);

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), body);

  REQUIRE(200 == answer.status);
  CHECK(std::to_string(days) == Raw(answer.body, "/data/days"));
  CHECK(PlusCalendarDays(Str(answer.body, "/data/created_at"), days) ==
        Str(answer.body, "/data/expires_at"));
}

TEST_CASE("two services give the message Order created with 2 services") {
  const std::string body =
      R"({"url": "https://facebook.com/username", "services": [{"service_id": 1, "quantity": 50},)"
      R"( {"service_id": 3, "quantity": 200, "min_viewers": 0}]})";

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), body);

  REQUIRE(200 == answer.status);
  CHECK("Order created with 2 services" == Str(answer.body, "/message"));
  CHECK(R"([{"service_id":1,"name":"60 Minutes Live Viewers","quantity":50,"min_viewers":null},)"
        R"({"service_id":3,"name":"180 Minutes Live Viewers","quantity":200,"min_viewers":0}])" ==
        Raw(answer.body, "/data/services"));
}

TEST_CASE("integers may be JSON numbers without a fraction or strings of decimal digits") {
  std::string quantity;
  SUBCASE("a plain number") {
    quantity = "200";
  }
  SUBCASE("a number with a zero fraction") {
    quantity = "200.0";
  }
  SUBCASE("a number with an exponent") {
    quantity = "2e2";
  }
  SUBCASE("a string of digits") {
    quantity = "\"200\"";
  }
  CAPTURE(quantity);
  const std::string body = R"({"url": "https://facebook.com/username", "daily_limit": )" +
                           quantity + R"(, "days": )" + quantity +
                           R"(, "services": [{"service_id": "3", "quantity": )" + quantity +
                           R"(, "min_viewers": )" + quantity + "}]}";

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), body);

  REQUIRE(200 == answer.status);
  CHECK("200" == Raw(answer.body, "/data/daily_limit"));
  CHECK("200" == Raw(answer.body, "/data/days"));
  CHECK(
      R"([{"service_id":3,"name":"180 Minutes Live Viewers","quantity":200,"min_viewers":200}])" ==
      Raw(answer.body, "/data/services"));
}

TEST_CASE("an integer order_id is kept digit for digit as a string") {
  std::string number;
  SUBCASE("the guide's reference as a number") {
    number = "321421321";
  }
  SUBCASE("the largest signed 64-bit number") {
    number = "9223372036854775807";
  }
  SUBCASE("a negative number") {
    number = "-5";
  }
  CAPTURE(number);
  const std::string body =
      R"({"order_id": )" + number +
      R"(, "url": "https://facebook.com/username", "services": [{"service_id": 3,)"
      R"( "quantity": 200}]})";

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), body);

  REQUIRE_MESSAGE(200 == answer.status, Shown(answer));
  CHECK(number == Str(answer.body, "/data/customer_order_id"));
}

TEST_CASE("optional fields sent as null take their defaults") {
  const std::string body =
      R"({"order_id": null, "url": "https://facebook.com/username", "daily_limit": null,)"
      R"( "days": null, "services": [{"service_id": 3, "quantity": 200, "min_viewers": null}]})";

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), body);

  REQUIRE(200 == answer.status);
  CHECK(kOrderKeys == Keys(answer.body, "/data"));
  CHECK("10" == Raw(answer.body, "/data/daily_limit"));
  CHECK("30" == Raw(answer.body, "/data/days"));
  CHECK(kService3Line == Raw(answer.body, "/data/services"));
}

TEST_CASE("unknown fields are ignored") {
  const std::string body =
      R"({"url": "https://facebook.com/username", "priority": "high", "notes": {"a": [1, 2]},)"
      R"( "services": [{"service_id": 3, "quantity": 200, "speed": 9}]})";

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), body);

  REQUIRE(200 == answer.status);
  CHECK(kOrderKeys == Keys(answer.body, "/data"));
  CHECK(kService3Line == Raw(answer.body, "/data/services"));
}

TEST_CASE("the bounds of every field are inclusive") {
  std::string body;
  SUBCASE("quantity at the service's minimum") {
    body = R"({"url": "facebook.com/a", "services": [{"service_id": 3, "quantity": 10}]})";
  }
  SUBCASE("quantity at the service's maximum") {
    body = R"({"url": "facebook.com/a", "services": [{"service_id": 3, "quantity": 5000}]})";
  }
  SUBCASE("min_viewers 0") {
    body = R"({"url": "facebook.com/a", "services": [{"service_id": 3, "quantity": 10,)"
           R"( "min_viewers": 0}]})";
  }
  SUBCASE("daily_limit 1 and days 1") {
    body =
        R"({"url": "facebook.com/a", "daily_limit": 1, "days": 1, "services": [{"service_id": 3,)"
        R"( "quantity": 10}]})";
  }
  SUBCASE("daily_limit 1000 and days 365") {
    body = R"({"url": "facebook.com/a", "daily_limit": 1000, "days": 365,)"
           R"( "services": [{"service_id": 3, "quantity": 10}]})";
  }
  SUBCASE("an order_id of 1 character") {
    body = R"({"order_id": "x", "url": "facebook.com/a", "services": [{"service_id": 3,)"
           R"( "quantity": 10}]})";
  }
  SUBCASE("an order_id of 64 characters") {
    body = R"({"order_id": ")" + std::string(64, 'q') +
           R"(", "url": "facebook.com/a", "services": [{"service_id": 3, "quantity": 10}]})";
  }
  SUBCASE("an order_id of 64 characters of two bytes each") {
    std::string value;
    for (int i = 0; i < 64; ++i) value += "\u00e9";
    body = R"({"order_id": ")" + value +
           R"(", "url": "facebook.com/a", "services": [{"service_id": 3, "quantity": 10}]})";
  }
  SUBCASE("a url of 2048 characters") {
    std::string url = "https://www.facebook.com/";
    url += std::string(2048 - url.size(), 'a');
    body = R"({"url": ")" + url + R"(", "services": [{"service_id": 3, "quantity": 10}]})";
  }
  CAPTURE(body);

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), body);

  CHECK_MESSAGE(200 == answer.status, Shown(answer));
}

TEST_CASE("an order may list 50 services") {
  Daemon daemon;
  std::string services;
  for (int id = 1; id <= 50; ++id) {
    daemon.AddService(id, "Service " + std::to_string(id), 1, 100);
    if (!services.empty()) services += ", ";
    services += R"({"service_id": )" + std::to_string(id) + R"(, "quantity": 5})";
  }
  std::string key = daemon.AddCustomer("acme");

  HttpAnswer answer =
      daemon.PostOrder(key, R"({"url": "facebook.com/a", "services": [)" + services + "]}");

  REQUIRE(200 == answer.status);
  CHECK("Order created with 50 services" == Str(answer.body, "/message"));
  CHECK(50 == ArrayLength(answer.body, "/data/services"));
}

TEST_CASE("url is echoed as sent and page is its canonical form") {
  std::string url;
  std::string page;
  SUBCASE("a name without scheme, in capitals") {
    url = "facebook.com/Username";
    page = "https://www.facebook.com/username";
  }
  SUBCASE("www with a trailing slash") {
    url = "https://www.facebook.com/username/";
    page = "https://www.facebook.com/username";
  }
  SUBCASE("the mobile host with a tracking query and a fragment") {
    url = "http://m.facebook.com/username?ref=share#top";
    page = "https://www.facebook.com/username";
  }
  SUBCASE("mbasic, web and fb.com hosts") {
    url = "https://mbasic.facebook.com/username";
    page = "https://www.facebook.com/username";
    SUBCASE("mbasic") {}
    SUBCASE("web") {
      url = "web.facebook.com/username";
    }
    SUBCASE("fb.com") {
      url = "https://fb.com/username";
    }
    SUBCASE("www.fb.com") {
      url = "www.fb.com/username";
    }
    SUBCASE("host in capitals") {
      url = "HTTPS://WWW.FACEBOOK.COM/username";
    }
  }
  SUBCASE("a live, video or post link of the page") {
    url = "facebook.com/username/live";
    page = "https://www.facebook.com/username";
    SUBCASE("live") {}
    SUBCASE("live_videos") {
      url = "facebook.com/username/live_videos";
    }
    SUBCASE("videos") {
      url = "https://www.facebook.com/username/videos/123";
    }
    SUBCASE("posts") {
      url = "https://www.facebook.com/username/posts/456";
    }
    SUBCASE("about") {
      url = "https://www.facebook.com/username/about";
    }
  }
  SUBCASE("a profile.php link keeps only its id") {
    url = "https://www.facebook.com/profile.php?id=100012345678901&sk=about";
    page = "https://www.facebook.com/profile.php?id=100012345678901";
  }
  SUBCASE("a pages link") {
    url = "facebook.com/pages/Some-Name/123456789";
    page = "https://www.facebook.com/profile.php?id=123456789";
  }
  SUBCASE("a people link") {
    url = "facebook.com/people/Some-Name/123456789";
    page = "https://www.facebook.com/profile.php?id=123456789";
  }
  SUBCASE("a p link with the id at the end of its name") {
    url = "facebook.com/p/Some-Name-100064123456789/";
    page = "https://www.facebook.com/profile.php?id=100064123456789";
  }
  SUBCASE("a group by number") {
    url = "facebook.com/groups/123456789";
    page = "https://www.facebook.com/groups/123456789";
  }
  SUBCASE("a group by name, or a permalink in it") {
    url = "facebook.com/groups/MyGroup/";
    page = "https://www.facebook.com/groups/mygroup";
    SUBCASE("by name") {}
    SUBCASE("permalink") {
      url = "https://www.facebook.com/groups/mygroup/permalink/789/";
    }
  }
  SUBCASE("white space around the URL is trimmed") {
    url = "  https://www.facebook.com/username \t";
    page = "https://www.facebook.com/username";
  }
  SUBCASE("a scheme-relative URL") {
    url = "//facebook.com/username";
    page = "https://www.facebook.com/username";
  }
  SUBCASE("a numeric name is the numeric id") {
    url = "facebook.com/4";
    page = "https://www.facebook.com/profile.php?id=4";
  }
  SUBCASE("a pg link is the page's name") {
    url = "https://www.facebook.com/pg/SomePage/posts/";
    page = "https://www.facebook.com/somepage";
  }
  CAPTURE(url);
  const std::string body =
      "{\"url\": " + JsonString(url) + R"(, "services": [{"service_id": 3, "quantity": 200}]})";

  HttpAnswer answer = SharedDaemon().PostOrder(SharedKey(), body);

  REQUIRE_MESSAGE(200 == answer.status, Shown(answer));
  CHECK(url == Str(answer.body, "/data/url"));
  CHECK(page == Str(answer.body, "/data/page"));
}

TEST_CASE("two customers may use the same order_id") {
  Fresh fresh;
  std::string other_key = fresh.daemon.AddCustomer("other");

  HttpAnswer first = fresh.daemon.PostOrder(fresh.key, kGuideWithOrderId);
  HttpAnswer second = fresh.daemon.PostOrder(other_key, kGuideWithOrderId);

  CHECK("200 MP-000001" == std::to_string(first.status) + " " + Str(first.body, "/data/order_id"));
  CHECK("200 MP-000002" ==
        std::to_string(second.status) + " " + Str(second.body, "/data/order_id"));
  CHECK("321421321" == Str(second.body, "/data/customer_order_id"));
}

TEST_CASE("the configured prefix and defaults shape new orders") {
  Daemon daemon(DaemonConfig()
                    .Set("orders", "order_id_prefix", "\"OA-\"")
                    .Set("orders", "default_daily_limit", "7")
                    .Set("orders", "default_days", "3"));
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");

  HttpAnswer answer = daemon.PostOrder(key, kGuideWithoutOrderId);

  REQUIRE(200 == answer.status);
  CHECK("OA-000001" == Str(answer.body, "/data/order_id"));
  CHECK("7" == Raw(answer.body, "/data/daily_limit"));
  CHECK("3" == Raw(answer.body, "/data/days"));
  CHECK(PlusCalendarDays(Str(answer.body, "/data/created_at"), 3) ==
        Str(answer.body, "/data/expires_at"));
  CHECK(200 == daemon.Get("/api/order/OA-000001", key).status);
}

TEST_CASE("without a configured zone, times follow TZ with a numeric offset") {
  std::string tz;
  std::string offset;
  SUBCASE("Asia/Tokyo") {
    tz = "Asia/Tokyo";
    offset = "+09:00";
  }
  SUBCASE("America/Sao_Paulo, west of Greenwich") {
    tz = "America/Sao_Paulo";
    offset = "-03:00";
  }
  SUBCASE("UTC, written +00:00 and never Z") {
    tz = "UTC";
    offset = "+00:00";
  }
  CAPTURE(tz);
  Daemon daemon(DaemonConfig().Remove("orders", "time_zone").Environment("TZ", tz));
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");

  HttpAnswer answer = daemon.PostOrder(key, kGuideWithoutOrderId);

  REQUIRE(200 == answer.status);
  std::string created_at = Str(answer.body, "/data/created_at");
  CHECK(ParseOffsetTime(created_at).has_value());
  CHECK(offset == created_at.substr(created_at.size() >= 6 ? created_at.size() - 6 : 0));
  CHECK(PlusCalendarDays(created_at, 30) == Str(answer.body, "/data/expires_at"));
}

TEST_CASE("the configured zone wins over TZ") {
  Daemon daemon(DaemonConfig().Environment("TZ", "Asia/Tokyo"));
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");

  HttpAnswer answer = daemon.PostOrder(key, kGuideWithoutOrderId);

  std::string created_at = Str(answer.body, "/data/created_at");
  CHECK("+08:00" == created_at.substr(created_at.size() >= 6 ? created_at.size() - 6 : 0));
}

}  // namespace
}  // namespace onair::e2e
