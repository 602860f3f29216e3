// The expected signatures were computed outside onair, with the openssl command line:
//   printf '%s' "$id.$timestamp.$body" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$key \
//     -binary | base64
#include "deliver/webhook_signature.h"

#include <doctest/doctest.h>

#include <string>

namespace onair::deliver {
namespace {

std::string Key(std::string_view secret) {
  Result<std::string> key = DecodeWebhookSecret(secret);
  REQUIRE(key.ok());
  return *key;
}

std::string Bytes(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>(first + i));
  return out;
}

TEST_CASE("the Standard Webhooks example signs as the specification says") {
  std::string key = Key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

  CHECK("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" ==
        SignWebhook(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})"));
}

TEST_CASE("a dispatch body is signed over id, timestamp and body") {
  std::string key = Key("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

  CHECK("v1,7kU7ATvNqj6mkBrzawDQM3qmoBDSorE0QMa5848OnIc=" ==
        SignWebhook(key, "D-000042", 1762567200, R"({"id":"D-000042","type":"order.live"})"));
  CHECK("v1,11xPDQvsu8obtU19wnNMhHZnnO6GlFN/762O/9S4qAw=" ==
        SignWebhook(key, "D-000042", 1762567200, ""));
}

TEST_CASE("a secret is decoded to the bytes behind its base64, padding removed") {
  SUBCASE("one padding character: 32 bytes") {
    CHECK(Bytes(0, 32) == Key("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
  }
  SUBCASE("two padding characters: 31 bytes") {
    CHECK(Bytes(100, 31) == Key("whsec_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgg=="));
  }
  SUBCASE("no padding: 24 bytes") {
    CHECK(24 == Key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").size());
  }
}

TEST_CASE("a key with padding signs like its bytes") {
  std::string key = Key("whsec_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgg==");

  CHECK("v1,tPmPEY+cNsHxi5CcOhF68/F0s10ceUo0n+942mb3c8A=" ==
        SignWebhook(key, "D-000007", 1700000000, "hello"));
}

TEST_CASE("secrets that are not whsec_ and padded base64 are refused without being repeated") {
  const char* bad[] = {
      "",
      "whsec_",
      "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",         // no prefix
      "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",   // prefix in capitals
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",    // length not a multiple of four
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa=w",   // padding in the middle
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-_",   // base64url alphabet
      "whsec_ MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",  // whitespace
      "whsec_====",
      "whsec_A===",
  };
  for (const char* secret : bad) {
    CAPTURE(secret);
    Result<std::string> key = DecodeWebhookSecret(secret);
    REQUIRE_FALSE(key.ok());
    CHECK(Code::kInvalidArgument == key.status().code());
    CHECK("webhook secret is not whsec_ and base64" == key.status().message());
  }
}

TEST_CASE("a generated secret is whsec_ and the base64 of 32 fresh random bytes") {
  Result<std::string> first = GenerateWebhookSecret();
  Result<std::string> second = GenerateWebhookSecret();
  REQUIRE(first.ok());
  REQUIRE(second.ok());

  CHECK(50 == first->size());  // "whsec_" and 44 base64 characters
  CHECK(first->starts_with("whsec_"));
  CHECK(32 == Key(*first).size());
  CHECK(*first != *second);
}

}  // namespace
}  // namespace onair::deliver
