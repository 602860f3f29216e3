#include "core/page_url.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace onair {
namespace {

// What CanonicalPage makes of `url`, printable: the page, or "error: " and the message.
std::string Page(std::string_view url) {
  Result<std::string> page = CanonicalPage(url);
  if (!page.ok()) return "error: " + page.status().message();
  return *page;
}

using Table = std::vector<std::pair<std::string, std::string>>;  // url, expected

void CheckTable(const Table& table) {
  for (const auto& [url, expected] : table) {
    CAPTURE(url);
    CHECK(expected == Page(url));
  }
}

const std::string kShare =
    "error: url is a short or share link, which onair cannot resolve without calling Facebook; "
    "send the page's own URL";
const std::string kVideo =
    "error: url is a video link that does not name its page; send the page's own URL";
const std::string kNotFacebook = "error: url must be a facebook.com or fb.com URL";
const std::string kNoPage = "error: url does not name a page";
const std::string kProfileWithoutId = "error: url has a profile.php link without a numeric id";

TEST_CASE("a page name on any accepted host becomes the lower-cased www.facebook.com page") {
  const std::string page = "https://www.facebook.com/username";
  CheckTable({
      {"facebook.com/Username", page},
      {"https://www.facebook.com/username/", page},
      {"m.facebook.com/username?ref=share", page},
      {"http://facebook.com/username", page},
      {"https://facebook.com/username", page},
      {"mbasic.facebook.com/username", page},
      {"web.facebook.com/username", page},
      {"fb.com/username", page},
      {"www.fb.com/username", page},
      {"HTTPS://WWW.FACEBOOK.COM/UserName", page},
      {"Https://M.Facebook.Com/USERNAME", page},
      {"https://www.facebook.com/username#live", page},
      {"https://www.facebook.com/username?__tn__=kC-R&eid=ARB#x", page},
      {"https://www.facebook.com//username//", page},
  });
}

TEST_CASE("a page name keeps dots, dashes, underscores and digits") {
  CheckTable({
      {"facebook.com/John.Smith_2-x", "https://www.facebook.com/john.smith_2-x"},
      {"facebook.com/page123", "https://www.facebook.com/page123"},
  });
}

TEST_CASE("a link to a page's live, videos, posts, photos or about is the page itself") {
  const std::string page = "https://www.facebook.com/username";
  CheckTable({
      {"facebook.com/username/live", page},
      {"facebook.com/username/live_videos", page},
      {"facebook.com/username/videos/123", page},
      {"https://www.facebook.com/username/videos/123/?ref=share", page},
      {"facebook.com/username/posts/456", page},
      {"facebook.com/username/photos/a.1/2", page},
      {"facebook.com/username/about", page},
  });
}

TEST_CASE("a profile.php link keeps only its numeric id") {
  const std::string page = "https://www.facebook.com/profile.php?id=100012345678901";
  CheckTable({
      {"facebook.com/profile.php?id=100012345678901", page},
      {"https://m.facebook.com/profile.php?ref=bookmarks&id=100012345678901&__tn__=C", page},
      {"https://www.facebook.com/profile.php?id=100012345678901#photos", page},
      {"https://www.facebook.com/Profile.PHP?id=100012345678901", page},
  });
}

TEST_CASE("a pages or people link becomes the profile of its id") {
  CheckTable({
      {"facebook.com/pages/Some-Name/123456789",
       "https://www.facebook.com/profile.php?id=123456789"},
      {"facebook.com/people/Some-Name/123456789",
       "https://www.facebook.com/profile.php?id=123456789"},
      {"https://www.facebook.com/people/Some-Name/123456789/?ref=x",
       "https://www.facebook.com/profile.php?id=123456789"},
  });
}

TEST_CASE("a /p/ link becomes the profile of the id at the end of its name") {
  CheckTable({
      {"facebook.com/p/Some-Name-100064123456789/",
       "https://www.facebook.com/profile.php?id=100064123456789"},
      {"facebook.com/p/100064123456789", "https://www.facebook.com/profile.php?id=100064123456789"},
  });
}

TEST_CASE("a group link becomes its group by id or lower-cased name") {
  CheckTable({
      {"facebook.com/groups/123456789", "https://www.facebook.com/groups/123456789"},
      {"facebook.com/groups/MyGroup/", "https://www.facebook.com/groups/mygroup"},
      {"facebook.com/groups/mygroup/permalink/789/", "https://www.facebook.com/groups/mygroup"},
  });
}

TEST_CASE("a bare number in the path is that profile's id") {
  CHECK("https://www.facebook.com/profile.php?id=4" == Page("facebook.com/4"));
}

TEST_CASE("the older /pg/ form names the page after it") {
  CHECK("https://www.facebook.com/username" == Page("facebook.com/pg/UserName/posts/"));
}

TEST_CASE("spaces around a pasted url are ignored") {
  CHECK("https://www.facebook.com/username" == Page("  https://facebook.com/username \n"));
}

TEST_CASE("short and share links are refused as unresolvable") {
  CheckTable({
      {"fb.watch/abc", kShare},
      {"https://fb.watch/abc/", kShare},
      {"facebook.com/share/abc123", kShare},
      {"https://www.facebook.com/share/v/1AbCdEf/", kShare},
      {"facebook.com/share.php?u=https://example.com", kShare},
      {"facebook.com/sharer/sharer.php?u=x", kShare},
  });
}

TEST_CASE("video links without their page are refused") {
  CheckTable({
      {"facebook.com/watch/?v=1", kVideo},
      {"facebook.com/video.php?v=1", kVideo},
      {"facebook.com/watch/live/?v=1", kVideo},
      {"https://www.facebook.com/reel/123", kVideo},
  });
}

TEST_CASE("a host that is not Facebook's is refused") {
  CheckTable({
      {"https://example.com/x", kNotFacebook},
      {"instagram.com/x", kNotFacebook},
      {"https://facebook.com.example.com/username", kNotFacebook},
      {"https://example.com/facebook.com/username", kNotFacebook},
      {"https://l.facebook.com/l.php?u=x", kNotFacebook},
      {"https://user@facebook.com/username", kNotFacebook},
      {"https://facebook.com:8080/username", kNotFacebook},
      {"https:facebook.com/username", kNotFacebook},
      {"", kNotFacebook},
      {"username", kNotFacebook},
  });
}

TEST_CASE("a scheme other than http or https is refused") {
  CheckTable({
      {"ftp://facebook.com/x", kNotFacebook},
      {"javascript://facebook.com/x", kNotFacebook},
      {"file://facebook.com/username", kNotFacebook},
  });
}

TEST_CASE("a url without a path names no page") {
  CheckTable({
      {"facebook.com", kNoPage},
      {"facebook.com/", kNoPage},
      {"https://www.facebook.com/?ref=logo", kNoPage},
      {"https://www.facebook.com#x", kNoPage},
  });
}

TEST_CASE("a Facebook path that is not a page is refused by name") {
  CheckTable({
      {"facebook.com/login", "error: url does not name a page: /login is not a page"},
      {"facebook.com/home.php", "error: url does not name a page: /home.php is not a page"},
      {"facebook.com/events/123", "error: url does not name a page: /events is not a page"},
      {"facebook.com/marketplace", "error: url does not name a page: /marketplace is not a page"},
      {"facebook.com/search?q=x", "error: url does not name a page: /search is not a page"},
      {"facebook.com/help", "error: url does not name a page: /help is not a page"},
      {"facebook.com/settings", "error: url does not name a page: /settings is not a page"},
      {"facebook.com/messages", "error: url does not name a page: /messages is not a page"},
      {"facebook.com/notifications",
       "error: url does not name a page: /notifications is not a page"},
      {"facebook.com/friends", "error: url does not name a page: /friends is not a page"},
      {"facebook.com/hashtag/live", "error: url does not name a page: /hashtag is not a page"},
      {"facebook.com/gaming/someone", "error: url does not name a page: /gaming is not a page"},
      {"facebook.com/Login", "error: url does not name a page: /Login is not a page"},
      {"facebook.com/groups", "error: url does not name a page: /groups is not a page"},
      {"facebook.com/pages/Some-Name", "error: url does not name a page: /pages is not a page"},
      {"facebook.com/p/Some-Name", "error: url does not name a page: /p is not a page"},
  });
}

TEST_CASE("a profile.php link without a numeric id is refused") {
  CheckTable({
      {"facebook.com/profile.php", kProfileWithoutId},
      {"facebook.com/profile.php?id=", kProfileWithoutId},
      {"facebook.com/profile.php?id=abc", kProfileWithoutId},
      {"facebook.com/profile.php?id=-5", kProfileWithoutId},
      {"facebook.com/profile.php?ID=123", kProfileWithoutId},
      {"facebook.com/profile.php#id=123", kProfileWithoutId},
  });
}

TEST_CASE("a name with characters a page name cannot have is refused and quoted") {
  CheckTable({
      {"facebook.com/bad name!",
       "error: url does not name a page: \"bad name!\" is not a page name"},
      {"facebook.com/caf%C3%A9",
       "error: url does not name a page: \"caf%C3%A9\" is not a page name"},
      {"facebook.com/caf\xC3\xA9",
       "error: url does not name a page: \"caf\xC3\xA9\" is not a page name"},
      {"facebook.com/groups/my group",
       "error: url does not name a page: \"my group\" is not a page name"},
  });
}

TEST_CASE("a url of 2048 characters is accepted and one of 2049 is refused") {
  const std::string prefix = "https://www.facebook.com/";
  const std::string at_limit = prefix + std::string(2048 - prefix.size(), 'a');
  CHECK("https://www.facebook.com/" + std::string(2048 - prefix.size(), 'a') == Page(at_limit));
  CHECK("error: url must be at most 2048 characters" == Page(at_limit + "a"));
}

TEST_CASE("the url bound counts characters, not bytes") {
  const std::string prefix = "https://www.facebook.com/username?q=";
  const std::string two_byte = "\xC3\xA9";  // é
  std::string url = prefix;
  while (url.size() - prefix.size() < 2 * (2048 - prefix.size())) url += two_byte;
  CHECK("https://www.facebook.com/username" == Page(url));
}

TEST_CASE("odd input gets an answer, never a crash") {
  CheckTable({
      {"%", kNotFacebook},
      {"%%%", kNotFacebook},
      {"://", kNotFacebook},
      {"https://", kNotFacebook},
      {"?", kNotFacebook},
      {"#", kNotFacebook},
      {"/", kNotFacebook},
      {"//facebook.com/username", "https://www.facebook.com/username"},
      {std::string("facebook.com/a\0b", 16),
       std::string("error: url does not name a page: \"a\0b\" is not a page name", 57)},
      {"\xFF\xFE", kNotFacebook},
      {"facebook.com/%", "error: url does not name a page: \"%\" is not a page name"},
      {"facebook.com/%00", "error: url does not name a page: \"%00\" is not a page name"},
      {"facebook.com/profile.php?&&&=&id", kProfileWithoutId},
      {"facebook.com/profile.php?=", kProfileWithoutId},
      {"facebook.com/?&", kNoPage},
  });
}

}  // namespace
}  // namespace onair
