// PageConnectionStore over a real database: connections survive a reopen, page ids stay unique,
// bad input is refused without repeating the token, and the record codec refuses corrupt bytes.
#include "store/page_connection_store.h"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "../support/temp_dir.h"
#include "store/database.h"
#include "store/record_codec.h"

namespace onair::store {
namespace {

using std::chrono::milliseconds;

const std::string kPage = "https://www.facebook.com/onairpage";
const std::string kOtherPage = "https://www.facebook.com/otherpage";
const std::string kToken = "EAAGm0PX4ZCpsBAKZAlongpagetokenZDZD";
// 2025-11-08T02:00:00.123Z plus a fraction of a millisecond that the store drops.
const TimePoint kConnectedAt =
    TimePoint(milliseconds(1762567200123)) + std::chrono::microseconds(456);

// A database in its own temp directory with a PageConnectionStore on it.
class ConnectionFixture {
 public:
  explicit ConnectionFixture(DatabaseOptions options = {}) : options_(options) { Open(); }

  // Closes the store and the database and opens them again, as a restart of onaird does.
  void Reopen() {
    store_.reset();
    db_.reset();
    Open();
  }

  PageConnectionStore& store() { return *store_; }

  // "page id token-hint connected_at-ms" of `page`, or the error.
  std::string Describe(const std::string& page) {
    Result<PageConnection> connection = store_->Get(page);
    if (!connection.ok()) return connection.status().ToString();
    return Render(*connection);
  }

  static std::string Render(const PageConnection& c) {
    const auto ms = std::chrono::duration_cast<milliseconds>(c.connected_at.time_since_epoch());
    return c.page + " " + c.page_id + " " + c.page_access_token + " " + std::to_string(ms.count());
  }

  // Every connection as "page=page_id", by page, joined by ", ".
  std::string List() {
    Result<std::vector<PageConnection>> all = store_->List();
    REQUIRE(all.ok());
    std::string out;
    for (const PageConnection& c : *all)
      out += (out.empty() ? "" : ", ") + c.page + "=" + c.page_id;
    return out;
  }

 private:
  void Open() {
    Result<std::unique_ptr<Database>> db = Database::Open(dir_.Sub("db"), options_);
    REQUIRE(db.ok());
    db_ = std::move(db).value();
    store_ = std::make_unique<PageConnectionStore>(db_.get());
  }

  testing::TempDir dir_;
  DatabaseOptions options_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<PageConnectionStore> store_;
};

PageConnection Connection(std::string page, std::string page_id, std::string token = kToken) {
  return PageConnection{std::move(page), std::move(page_id), std::move(token), kConnectedAt};
}

std::string PutError(ConnectionFixture& f, PageConnection connection) {
  Result<PageConnection> stored = f.store().Put(std::move(connection));
  return stored.ok() ? "ok" : stored.status().ToString();
}

TEST_CASE("a connection survives a reopen, its time kept to the millisecond") {
  DatabaseOptions options;
  SUBCASE("with synced writes") {
    options.sync_writes = true;
  }
  SUBCASE("without synced writes") {
    options.sync_writes = false;
  }
  ConnectionFixture f(options);

  Result<PageConnection> stored = f.store().Put(Connection(kPage, "104857600123"));
  REQUIRE(stored.ok());
  CHECK(kPage + " 104857600123 " + kToken + " 1762567200123" == ConnectionFixture::Render(*stored));

  f.Reopen();
  CHECK(kPage + " 104857600123 " + kToken + " 1762567200123" == f.Describe(kPage));
}

TEST_CASE("a page is found by its Graph page id") {
  ConnectionFixture f;
  REQUIRE("ok" == PutError(f, Connection(kPage, "111")));
  REQUIRE("ok" == PutError(f, Connection(kOtherPage, "222")));

  Result<PageConnection> found = f.store().FindByPageId("222");
  REQUIRE(found.ok());
  CHECK(kOtherPage == found->page);

  Result<PageConnection> missing = f.store().FindByPageId("333");
  CHECK("not_found: Page id 333 is not connected" == missing.status().ToString());
}

TEST_CASE("connecting a page again replaces its token and page id") {
  ConnectionFixture f;
  REQUIRE("ok" == PutError(f, Connection(kPage, "111", "EAAGfirsttokenfirsttoken")));
  REQUIRE("ok" == PutError(f, Connection(kPage, "112", "EAAGsecondtokensecondtoken")));

  CHECK(kPage + " 112 EAAGsecondtokensecondtoken 1762567200123" == f.Describe(kPage));
  CHECK("not_found: Page id 111 is not connected" ==
        f.store().FindByPageId("111").status().ToString());
}

TEST_CASE("a page id connected to one page cannot be connected to another") {
  ConnectionFixture f;
  REQUIRE("ok" == PutError(f, Connection(kPage, "111")));

  CHECK("already_exists: Page id 111 is already connected to " + kPage ==
        PutError(f, Connection(kOtherPage, "111")));
  CHECK("not_found: Page " + kOtherPage + " is not connected" == f.Describe(kOtherPage));
}

TEST_CASE("connections are listed by page") {
  ConnectionFixture f;
  CHECK("" == f.List());
  REQUIRE("ok" == PutError(f, Connection(kPage, "111")));
  REQUIRE("ok" == PutError(f, Connection(kOtherPage, "222")));
  REQUIRE("ok" == PutError(f, Connection("https://www.facebook.com/aaa", "333")));

  CHECK("https://www.facebook.com/aaa=333, " + kPage + "=111, " + kOtherPage + "=222" == f.List());
}

TEST_CASE("removing a connection forgets the page and its page id") {
  ConnectionFixture f;
  REQUIRE("ok" == PutError(f, Connection(kPage, "111")));

  CHECK(f.store().Remove(kPage).ok());
  CHECK("not_found: Page " + kPage + " is not connected" == f.Describe(kPage));
  CHECK("not_found: Page id 111 is not connected" ==
        f.store().FindByPageId("111").status().ToString());
  CHECK("not_found: Page " + kPage + " is not connected" == f.store().Remove(kPage).ToString());

  // The page id is free for another page now.
  CHECK("ok" == PutError(f, Connection(kOtherPage, "111")));
}

TEST_CASE("a connection with a bad page, page id or token is refused and nothing is stored") {
  ConnectionFixture f;
  CHECK("invalid_argument: page https://facebook.com/OnAirPage is not canonical" ==
        PutError(f, Connection("https://facebook.com/OnAirPage", "111")));
  CHECK("invalid_argument: page  is not canonical" == PutError(f, Connection("", "111")));
  CHECK("invalid_argument: page_id must be the page's numeric Graph id" ==
        PutError(f, Connection(kPage, "")));
  CHECK("invalid_argument: page_id must be the page's numeric Graph id" ==
        PutError(f, Connection(kPage, "12a4")));
  CHECK("invalid_argument: page_id must be the page's numeric Graph id" ==
        PutError(f, Connection(kPage, std::string(33, '1'))));
  CHECK("invalid_argument: page_access_token must not be empty" ==
        PutError(f, Connection(kPage, "111", "")));
  CHECK("invalid_argument: page_access_token must be at most 4096 bytes" ==
        PutError(f, Connection(kPage, "111", std::string(4097, 'A'))));
  // The message never repeats the token.
  CHECK("invalid_argument: page_access_token must be printable ASCII without spaces" ==
        PutError(f, Connection(kPage, "111", "EAAGsecret\n")));
  CHECK("invalid_argument: page_access_token must be printable ASCII without spaces" ==
        PutError(f, Connection(kPage, "111", "EAAG secret")));

  CHECK("ok" == PutError(f, Connection(kPage, std::string(32, '9'), std::string(4096, 'A'))));
  CHECK(kPage + "=" + std::string(32, '9') == f.List());
}

TEST_CASE("a token hint shows the last four characters of a long token only") {
  CHECK("...ZDZD" == PageTokenHint(kToken));
  CHECK("...QRST" == PageTokenHint("ABCDEFGHIJKLMNOPQRST"));  // 20 characters
  CHECK("..." == PageTokenHint("ABCDEFGHIJKLMNOPQRS"));       // 19: four would be too many
  CHECK("..." == PageTokenHint(""));
}

TEST_CASE("a page connection round-trips through the codec and corrupt bytes are refused") {
  const PageConnection connection = Connection(kPage, "104857600123");
  const std::string bytes = EncodePageConnection(connection);

  Result<PageConnection> decoded = DecodePageConnection(bytes);
  REQUIRE(decoded.ok());
  CHECK(kPage == decoded->page);
  CHECK("104857600123" == decoded->page_id);
  CHECK(kToken == decoded->page_access_token);
  CHECK(TruncateToMillis(kConnectedAt) == decoded->connected_at);

  CHECK("internal: corrupt page connection record: truncated" ==
        DecodePageConnection(bytes.substr(0, bytes.size() - 1)).status().ToString());
  CHECK("internal: corrupt page connection record: 1 trailing bytes" ==
        DecodePageConnection(bytes + "x").status().ToString());
  CHECK("internal: corrupt page connection record: unsupported format version 9" ==
        DecodePageConnection("\x09" + bytes.substr(1)).status().ToString());
}

}  // namespace
}  // namespace onair::store
