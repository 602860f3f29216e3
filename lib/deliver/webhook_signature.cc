#include "deliver/webhook_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/secrets.h"

namespace onair::deliver {

namespace {

constexpr std::string_view kSecretPrefix = "whsec_";
constexpr size_t kSecretBytes = 32;

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Padded standard base64 only. EVP_DecodeBlock alone would also take surrounding whitespace and
// '=' in the middle, and it counts padding as zero bytes of output.
bool IsPaddedBase64(std::string_view text, size_t* padding) {
  if (text.empty() || text.size() % 4 != 0) return false;
  *padding = 0;
  while (*padding < 2 && text[text.size() - 1 - *padding] == '=') ++*padding;
  for (size_t i = 0; i < text.size() - *padding; ++i) {
    if (!IsBase64Char(text[i])) return false;
  }
  return true;
}

}  // namespace

Result<std::string> GenerateWebhookSecret() {
  Result<std::string> key = RandomBytes(kSecretBytes);
  if (!key.ok()) return key.status();
  return std::string(kSecretPrefix) + Base64Encode(*key);
}

Result<std::string> DecodeWebhookSecret(std::string_view secret) {
  const Status invalid = Status::InvalidArgument("webhook secret is not whsec_ and base64");
  if (!secret.starts_with(kSecretPrefix)) return invalid;
  std::string_view encoded = secret.substr(kSecretPrefix.size());
  size_t padding = 0;
  if (!IsPaddedBase64(encoded, &padding)) return invalid;

  std::string key(encoded.size() / 4 * 3, '\0');
  int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(key.data()),
                                reinterpret_cast<const unsigned char*>(encoded.data()),
                                static_cast<int>(encoded.size()));
  if (written < 0 || static_cast<size_t>(written) != key.size()) return invalid;
  key.resize(key.size() - padding);
  if (key.empty()) return invalid;
  return key;
}

std::string SignWebhook(std::string_view key, std::string_view id, int64_t timestamp,
                        std::string_view body) {
  std::string signed_content;
  signed_content.reserve(id.size() + body.size() + 24);
  signed_content.append(id).append(".").append(std::to_string(timestamp)).append(".");
  signed_content.append(body);

  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_content.data()), signed_content.size(), mac,
       &mac_size);
  return "v1," + Base64Encode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

}  // namespace onair::deliver
