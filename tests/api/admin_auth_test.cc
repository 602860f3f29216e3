// The admin bearer token check.
#include "api/admin_auth.h"

#include <doctest/doctest.h>

namespace onair::api {
namespace {

constexpr const char* kToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

TEST_CASE("the bearer scheme with the exact token is accepted") {
  CHECK(IsAdminAuthorization(std::string("Bearer ") + kToken, kToken));
  CHECK(IsAdminAuthorization(std::string("bearer ") + kToken, kToken));
}

TEST_CASE("anything but the exact token is refused") {
  const std::string token = kToken;
  CHECK_FALSE(IsAdminAuthorization("", token));
  CHECK_FALSE(IsAdminAuthorization(token, token));
  CHECK_FALSE(IsAdminAuthorization("Basic " + token, token));
  CHECK_FALSE(IsAdminAuthorization("Bearer " + token.substr(1), token));
  CHECK_FALSE(IsAdminAuthorization("Bearer " + token + "0", token));
  CHECK_FALSE(IsAdminAuthorization("Bearer  " + token, token));
}

TEST_CASE("an empty admin token matches nothing") {
  CHECK_FALSE(IsAdminAuthorization("Bearer ", ""));
}

}  // namespace
}  // namespace onair::api
