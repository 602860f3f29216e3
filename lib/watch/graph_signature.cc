#include "watch/graph_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/secrets.h"

namespace onair::watch {
namespace {

constexpr std::string_view kSignaturePrefix = "sha256=";
constexpr size_t kSha256HexChars = 64;

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char LowerHex(char c) {
  return (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_size);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

std::string AppSecretProof(std::string_view app_secret, std::string_view access_token) {
  return HmacSha256Hex(app_secret, access_token);
}

Status CheckHubSignature(std::string_view app_secret, std::string_view raw_body,
                         std::string_view header) {
  if (app_secret.empty()) return Status::FailedPrecondition("graph app_secret is not configured");
  if (!header.starts_with(kSignaturePrefix) ||
      header.size() != kSignaturePrefix.size() + kSha256HexChars) {
    return Status::Unauthenticated("X-Hub-Signature-256 is missing or malformed");
  }
  std::string given(header.substr(kSignaturePrefix.size()));
  for (char& c : given) {
    if (!IsHex(c)) return Status::Unauthenticated("X-Hub-Signature-256 is missing or malformed");
    c = LowerHex(c);
  }
  if (!ConstantTimeEquals(HmacSha256Hex(app_secret, raw_body), given)) {
    return Status::Unauthenticated("X-Hub-Signature-256 does not match the body");
  }
  return Status::Ok();
}

}  // namespace onair::watch
