#include "deliver/webhook_url.h"

#include <algorithm>
#include <cctype>

namespace onair::deliver {

namespace {

constexpr size_t kMaxUrlLength = 2048;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Status Invalid(std::string_view what) {
  return Status::InvalidArgument("webhook URL " + std::string(what));
}

bool IsHostNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
}

bool IsIpv6Char(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
}

// "80" → 80; nullopt for anything but 1 to 65535 written in at most five digits.
std::optional<uint16_t> ParsePort(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  uint32_t port = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) return std::nullopt;
  return static_cast<uint16_t>(port);
}

}  // namespace

std::string WebhookEndpoint::Origin() const {
  return scheme + "://" + host + ":" + std::to_string(port);
}

Result<WebhookEndpoint> ParseWebhookUrl(std::string_view url) {
  if (url.size() > kMaxUrlLength) return Invalid("is longer than 2048 characters");
  // A space or control character would end up in the request line or the Host header.
  for (char c : url) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return Invalid("must not contain spaces or control characters");
  }

  WebhookEndpoint endpoint;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return Invalid("must start with http:// or https://");
  endpoint.scheme = Lower(url.substr(0, scheme_end));
  if (endpoint.scheme != "http" && endpoint.scheme != "https") {
    return Invalid("must start with http:// or https://");
  }

  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('#'));
  size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target =
      authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return Invalid("must not contain credentials");

  // Split host and port; an IPv6 literal has colons of its own inside its brackets.
  std::string_view host = authority;
  std::string_view port_text;
  if (authority.starts_with('[')) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Invalid("has an invalid host");
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Invalid("has an invalid port");
      port_text = after.substr(1);
      if (port_text.empty()) return Invalid("has an invalid port");
    }
    std::string_view inside = host.substr(1, host.size() - 2);
    if (inside.empty()) return Invalid("has no host");
    if (!std::all_of(inside.begin(), inside.end(), IsIpv6Char)) {
      return Invalid("has an invalid host");
    }
  } else {
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return Invalid("has an invalid port");
    }
    if (host.empty()) return Invalid("has no host");
    if (!std::all_of(host.begin(), host.end(), IsHostNameChar)) {
      return Invalid("has an invalid host");
    }
  }
  endpoint.host = Lower(host);

  if (port_text.empty()) {
    endpoint.port = endpoint.scheme == "https" ? 443 : 80;
  } else {
    std::optional<uint16_t> port = ParsePort(port_text);
    if (!port) return Invalid("has an invalid port");
    endpoint.port = *port;
  }

  endpoint.target = target.empty() ? "/" : std::string(target);
  if (endpoint.target[0] == '?') endpoint.target.insert(0, "/");
  return endpoint;
}

}  // namespace onair::deliver
