#include "core/page_url.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace onair {

namespace {

constexpr size_t kMaxUrlChars = 2048;
constexpr std::string_view kCanonicalBase = "https://www.facebook.com/";

constexpr std::string_view kNotFacebook = "url must be a facebook.com or fb.com URL";
constexpr std::string_view kShareLink =
    "url is a short or share link, which onair cannot resolve without calling Facebook; send the "
    "page's own URL";
constexpr std::string_view kVideoLink =
    "url is a video link that does not name its page; send the page's own URL";
constexpr std::string_view kNoPage = "url does not name a page";
constexpr std::string_view kProfileWithoutId = "url has a profile.php link without a numeric id";

constexpr std::array<std::string_view, 7> kFacebookHosts = {
    "facebook.com",     "www.facebook.com", "m.facebook.com", "mbasic.facebook.com",
    "web.facebook.com", "fb.com",           "www.fb.com",
};
constexpr std::array<std::string_view, 2> kShortLinkHosts = {"fb.watch", "www.fb.watch"};

// First path segments that lead to a share dialog or a redirect rather than a page.
constexpr std::array<std::string_view, 4> kSharePaths = {"share", "share.php", "sharer",
                                                         "sharer.php"};
// First path segments of video links whose URL carries no page.
constexpr std::array<std::string_view, 4> kVideoPaths = {"watch", "video.php", "reel", "reels"};
// First path segments that are Facebook's own sections. Page names cannot take them, so they
// must be refused here or they would be watched as if they were pages.
constexpr std::array<std::string_view, 36> kReservedPaths = {
    "login",       "logout",  "recover",   "checkpoint",  "home",     "events",
    "marketplace", "search",  "help",      "settings",    "messages", "notifications",
    "friends",     "hashtag", "gaming",    "games",       "photo",    "photos",
    "stories",     "media",   "bookmarks", "saved",       "memories", "business",
    "ads",         "privacy", "policies",  "terms",       "legal",    "careers",
    "dialog",      "plugins", "me",        "fundraisers", "donate",   "live",
};

template <size_t N>
bool OneOf(std::string_view s, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsPageName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

// UTF-8 code points; a stray continuation byte is not counted, which is harmless for a bound.
size_t CountChars(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string_view TrimSpace(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> PathSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) segments.push_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// The value of the first `name=` parameter of `query`, or nullopt.
std::optional<std::string_view> QueryParameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

Status Invalid(std::string_view message) {
  return Status::InvalidArgument(std::string(message));
}

Status NotAPage(std::string_view segment) {
  return Status::InvalidArgument(
      std::string(kNoPage).append(": /").append(segment).append(" is not a page"));
}

Status NotAPageName(std::string_view name) {
  return Status::InvalidArgument(
      std::string(kNoPage).append(": \"").append(name).append("\" is not a page name"));
}

std::string ProfilePage(std::string_view id) {
  return std::string(kCanonicalBase).append("profile.php?id=").append(id);
}

Result<std::string> NamedPage(std::string_view name) {
  if (!IsPageName(name)) return NotAPageName(name);
  // A bare number is the profile id itself; one spelling keeps one page watched once.
  if (IsDigits(name)) return ProfilePage(name);
  return std::string(kCanonicalBase).append(Lower(name));
}

// "Some-Name-100064123456789" → "100064123456789"; empty when there is no trailing id.
std::string_view TrailingId(std::string_view slug) {
  size_t dash = slug.rfind('-');
  std::string_view id = dash == std::string_view::npos ? slug : slug.substr(dash + 1);
  return IsDigits(id) ? id : std::string_view();
}

// The page a Facebook path names, given its non-empty segments and its query.
Result<std::string> PageOfPath(const std::vector<std::string_view>& segments,
                               std::string_view query) {
  if (segments.empty()) return Invalid(kNoPage);
  const std::string first = Lower(segments[0]);

  if (OneOf(first, kSharePaths)) return Invalid(kShareLink);
  if (OneOf(first, kVideoPaths)) return Invalid(kVideoLink);

  if (first == "profile.php") {
    std::optional<std::string_view> id = QueryParameter(query, "id");
    if (!id || !IsDigits(*id)) return Invalid(kProfileWithoutId);
    return ProfilePage(*id);
  }
  if (first == "pages" || first == "people") {  // /pages/Some-Name/123456789
    if (segments.size() < 3 || !IsDigits(segments[2])) return NotAPage(segments[0]);
    return ProfilePage(segments[2]);
  }
  if (first == "p") {  // /p/Some-Name-100064123456789
    std::string_view id = segments.size() < 2 ? std::string_view() : TrailingId(segments[1]);
    if (id.empty()) return NotAPage(segments[0]);
    return ProfilePage(id);
  }
  if (first == "pg") {  // the older /pg/name/posts form of a page
    if (segments.size() < 2) return NotAPage(segments[0]);
    return NamedPage(segments[1]);
  }
  if (first == "groups") {
    if (segments.size() < 2) return NotAPage(segments[0]);
    if (!IsPageName(segments[1])) return NotAPageName(segments[1]);
    return std::string(kCanonicalBase).append("groups/").append(Lower(segments[1]));
  }

  bool is_script = first.size() > 4 && first.compare(first.size() - 4, 4, ".php") == 0;
  if (is_script || OneOf(first, kReservedPaths)) return NotAPage(segments[0]);

  // Everything after the name (/live, /videos/123, /posts/456, /about) is the same page.
  return NamedPage(segments[0]);
}

}  // namespace

Result<std::string> CanonicalPage(std::string_view url) {
  if (CountChars(url) > kMaxUrlChars) return Invalid("url must be at most 2048 characters");
  std::string_view rest = TrimSpace(url);

  // Scheme: http, https or none ("//host" too); any other scheme is not a Facebook page.
  size_t stop = rest.find_first_of(":/?#");
  if (stop != std::string_view::npos && rest[stop] == ':' && rest.substr(stop + 1, 2) == "//") {
    const std::string scheme = Lower(rest.substr(0, stop));
    if (scheme != "http" && scheme != "https") return Invalid(kNotFacebook);
    rest.remove_prefix(stop + 3);
  } else if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
  }

  // Host: exactly one of the listed ones. A port or user info makes it another host.
  size_t host_end = rest.find_first_of("/?#");
  const std::string host = Lower(rest.substr(0, host_end));
  rest = host_end == std::string_view::npos ? std::string_view() : rest.substr(host_end);
  if (OneOf(host, kShortLinkHosts)) return Invalid(kShareLink);
  if (!OneOf(host, kFacebookHosts)) return Invalid(kNotFacebook);

  // Path and query; the fragment never matters.
  rest = rest.substr(0, rest.find('#'));
  size_t question = rest.find('?');
  std::string_view path = rest.substr(0, question);
  std::string_view query =
      question == std::string_view::npos ? std::string_view() : rest.substr(question + 1);
  return PageOfPath(PathSegments(path), query);
}

}  // namespace onair
