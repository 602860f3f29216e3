// Secrets: API keys, admin tokens and their hashes, from OpenSSL's CSPRNG and SHA-256.
// Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace onair {

// `n` bytes from OpenSSL's RAND_bytes; kInternal if the generator fails.
Result<std::string> RandomBytes(size_t n);

// A new customer API key: "oak_" and 43 base64url characters (256 random bits).
Result<std::string> GenerateApiKey();

// The first characters of a key ("oak_Ab3dE"), safe to show and log: 30 bits of a 256-bit key.
std::string KeyHint(std::string_view key);

// Raw 32-byte SHA-256 digest of `data`.
std::string Sha256(std::string_view data);

std::string HexEncode(std::string_view bytes);
std::string Base64UrlEncode(std::string_view bytes);  // no padding
std::string Base64Encode(std::string_view bytes);     // standard alphabet, padded

// Compares in time independent of where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace onair
