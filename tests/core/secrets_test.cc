#include "core/secrets.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace onair {
namespace {

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

TEST_CASE("an API key is oak_ and 43 base64url characters") {
  Result<std::string> key = GenerateApiKey();

  REQUIRE(key.ok());
  CHECK(47 == key->size());
  CHECK("oak_" == key->substr(0, 4));
  std::string body = key->substr(4);
  CHECK(std::all_of(body.begin(), body.end(), IsBase64UrlChar));
}

TEST_CASE("two API keys differ") {
  Result<std::string> first = GenerateApiKey();
  Result<std::string> second = GenerateApiKey();

  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*first != *second);
}

TEST_CASE("a key's hint is its prefix and five characters") {
  CHECK("oak_Ab3dE" == KeyHint("oak_Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd"));
  CHECK("oak_A" == KeyHint("oak_A"));
}

TEST_CASE("random bytes come in the size asked for") {
  Result<std::string> bytes = RandomBytes(16);
  REQUIRE(bytes.ok());
  CHECK(16 == bytes->size());

  Result<std::string> none = RandomBytes(0);
  REQUIRE(none.ok());
  CHECK("" == *none);
}

TEST_CASE("sha256 matches the FIPS 180-2 test vectors") {
  CHECK("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" ==
        HexEncode(Sha256("abc")));
  CHECK("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" ==
        HexEncode(Sha256("")));
  CHECK(32 == Sha256("anything").size());
}

TEST_CASE("hex encoding is lower case, two digits a byte") {
  CHECK("00ff10ab" == HexEncode(std::string("\x00\xff\x10\xab", 4)));
  CHECK("" == HexEncode(""));
}

TEST_CASE("base64 matches the RFC 4648 test vectors") {
  CHECK("" == Base64Encode(""));
  CHECK("Zg==" == Base64Encode("f"));
  CHECK("Zm8=" == Base64Encode("fo"));
  CHECK("Zm9v" == Base64Encode("foo"));
  CHECK("Zm9vYg==" == Base64Encode("foob"));
  CHECK("Zm9vYmE=" == Base64Encode("fooba"));
  CHECK("Zm9vYmFy" == Base64Encode("foobar"));
}

TEST_CASE("base64url uses - and _ and drops the padding") {
  CHECK("+/8=" == Base64Encode("\xfb\xff"));
  CHECK("-_8" == Base64UrlEncode("\xfb\xff"));
  CHECK("Zg" == Base64UrlEncode("f"));
}

TEST_CASE("constant-time comparison tells equal from different") {
  CHECK(ConstantTimeEquals("oak_abc", "oak_abc"));
  CHECK_FALSE(ConstantTimeEquals("oak_abc", "oak_abd"));
  CHECK_FALSE(ConstantTimeEquals("oak_abc", "oak_ab"));
  CHECK(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace onair
