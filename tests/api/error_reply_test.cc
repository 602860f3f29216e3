// The one mapping from domain codes to HTTP statuses and bodies.
#include "api/error_reply.h"

#include <doctest/doctest.h>

namespace onair::api {
namespace {

TEST_CASE("each domain code maps to the status docs/api.md gives it") {
  CHECK(400 == HttpStatusFor(Code::kInvalidArgument));
  CHECK(401 == HttpStatusFor(Code::kUnauthenticated));
  CHECK(403 == HttpStatusFor(Code::kPermissionDenied));
  CHECK(404 == HttpStatusFor(Code::kNotFound));
  CHECK(409 == HttpStatusFor(Code::kAlreadyExists));
  CHECK(409 == HttpStatusFor(Code::kFailedPrecondition));
  CHECK(429 == HttpStatusFor(Code::kResourceExhausted));
  CHECK(500 == HttpStatusFor(Code::kInternal));
  CHECK(503 == HttpStatusFor(Code::kUnavailable));
}

TEST_CASE("a client error answers its message in the error envelope") {
  HttpReply reply = StatusReply(Status::NotFound("Order MP-000009 not found"), "t1");

  CHECK(404 == reply.status);
  CHECK(R"({"success":false,"error":"Order MP-000009 not found"})" == reply.body);
}

TEST_CASE("an internal error hides its detail from the client") {
  HttpReply reply = StatusReply(Status::Internal("rocksdb: Corruption: block checksum"), "t1");

  CHECK(500 == reply.status);
  CHECK(R"({"success":false,"error":"Internal error"})" == reply.body);
}

TEST_CASE("an unavailable error answers the fixed retry text") {
  HttpReply reply = StatusReply(Status::Unavailable("rocksdb: busy"), "t1");

  CHECK(503 == reply.status);
  CHECK(R"({"success":false,"error":"Service unavailable, try again"})" == reply.body);
}

TEST_CASE("messages are escaped by the JSON writer") {
  HttpReply reply = ErrorReply(400, "url does not name a page: \"bad name!\" is not a page name");

  CHECK(
      R"({"success":false,"error":"url does not name a page: \"bad name!\" is not a page name"})" ==
      reply.body);
}

}  // namespace
}  // namespace onair::api
