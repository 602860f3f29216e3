// Router: routing before anything else, 404 and 405 bodies, captures, the exception guard,
// and closing connections with unread bodies.
#include "api/router.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "api/error_reply.h"

namespace onair::api {
namespace {

HttpRequest Request(std::string method, std::string path) {
  HttpRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.request_id = "t1";
  return request;
}

void AddOrderRoutes(Router& router) {
  router.Add("POST", "/api/order", [](HttpRequest&) { return JsonReply(200, "{\"posted\":1}"); });
  router.Add("GET", "/api/order/([^/]+)", [](HttpRequest& request) {
    return JsonReply(200, "{\"id\":\"" + request.captures.at(0) + "\"}");
  });
  router.Add("GET", "/api/orders", [](HttpRequest&) { return JsonReply(200, "{}"); });
}

TEST_CASE("an unknown path is a 404 naming the method and the path") {
  Router router("test");
  AddOrderRoutes(router);
  HttpRequest request = Request("DELETE", "/nope");

  HttpReply reply = router.Dispatch(request);

  CHECK(404 == reply.status);
  CHECK(R"({"success":false,"error":"Not found: DELETE /nope"})" == reply.body);
}

TEST_CASE("a known path with another method is a 405 with an Allow header") {
  Router router("test");
  AddOrderRoutes(router);
  HttpRequest request = Request("GET", "/api/order");

  HttpReply reply = router.Dispatch(request);

  CHECK(405 == reply.status);
  CHECK(R"({"success":false,"error":"Method not allowed: GET /api/order"})" == reply.body);
  CHECK("POST" == reply.Header("Allow"));
}

TEST_CASE("the Allow header lists each method of the path once, sorted") {
  Router router("test");
  auto ok = [](HttpRequest&) { return JsonReply(200, "{}"); };
  router.Add("POST", "/things", ok);
  router.Add("GET", "/things", ok);
  router.Add("PATCH", "/thing.*", ok);
  HttpRequest request = Request("DELETE", "/things");

  CHECK("GET, PATCH, POST" == router.Dispatch(request).Header("Allow"));
}

TEST_CASE("a pattern must match the whole path") {
  Router router("test");
  AddOrderRoutes(router);
  HttpRequest request = Request("GET", "/api/orders/extra");

  CHECK(404 == router.Dispatch(request).status);
}

TEST_CASE("the pattern's groups reach the handler as captures") {
  Router router("test");
  AddOrderRoutes(router);
  HttpRequest request = Request("GET", "/api/order/MP-000007");

  CHECK(R"({"id":"MP-000007"})" == router.Dispatch(request).body);
}

TEST_CASE("a handler that throws is answered 500 Internal error") {
  Router router("test");
  router.Add("GET", "/boom",
             [](HttpRequest&) -> HttpReply { throw std::runtime_error("disk on fire"); });
  HttpRequest request = Request("GET", "/boom");

  HttpReply reply = router.Dispatch(request);

  CHECK(500 == reply.status);
  CHECK(R"({"success":false,"error":"Internal error"})" == reply.body);
}

TEST_CASE("an answer that leaves body bytes unread closes the connection") {
  Router router("test");
  AddOrderRoutes(router);
  HttpRequest request = Request("POST", "/nope");
  request.SetBodyReader([](std::string*) { return BodyRead::kOk; }, /*pending=*/true);

  HttpReply reply = router.Dispatch(request);

  CHECK(404 == reply.status);
  CHECK(reply.close_connection);
}

TEST_CASE("an answer after the body was read keeps the connection") {
  Router router("test");
  router.Add("POST", "/echo", [](HttpRequest& request) {
    request.ReadBody();
    return JsonReply(200, request.body());
  });
  HttpRequest request = Request("POST", "/echo");
  request.SetBodyReader(
      [](std::string* body) {
        *body = "{\"a\":1}";
        return BodyRead::kOk;
      },
      /*pending=*/true);

  HttpReply reply = router.Dispatch(request);

  CHECK("{\"a\":1}" == reply.body);
  CHECK_FALSE(reply.close_connection);
}

}  // namespace
}  // namespace onair::api
