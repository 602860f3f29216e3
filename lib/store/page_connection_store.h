// PageConnectionStore: the Facebook pages whose owners connected them to the operator's Graph
// app, by canonical page: the page's Graph id and the page access token the graph detector polls
// with. Thread-safe; writes are serialised (admin operations, rare), reads are not.
// NOTE: the token is a secret. Nothing here logs it; views for people show PageTokenHint only.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace onair::store {

struct PageConnection {
  std::string page;               // canonical (core/page_url.h)
  std::string page_id;            // the page's Graph id: decimal digits
  std::string page_access_token;  // secret
  TimePoint connected_at;
};

// "...Qz9x": the last four characters of a token, enough to tell two tokens apart in a list and
// too few to use; "..." alone for a token under 20 characters, where four would be too many.
std::string PageTokenHint(std::string_view token);

class PageConnectionStore {
 public:
  explicit PageConnectionStore(Database* db) : db_(db) {}  // `db` must outlive the store

  // Connects `connection.page`, or replaces its connection (a new token once the old one
  // expired); returns what was stored (connected_at to the millisecond). kInvalidArgument when
  // the page is not canonical, the page id not 1 to 32 digits, or the token empty, longer than
  // 4096 bytes or holding anything but printable ASCII without spaces (the message never repeats
  // it); kAlreadyExists "Page id 123 is already connected to https://www.facebook.com/x" when
  // another page holds the page id, as webhook deliveries name pages by id alone.
  Result<PageConnection> Put(PageConnection connection);
  // kNotFound "Page https://www.facebook.com/x is not connected".
  Result<PageConnection> Get(const std::string& page) const;
  // kNotFound "Page id 123 is not connected".
  Result<PageConnection> FindByPageId(std::string_view page_id) const;
  Result<std::vector<PageConnection>> List() const;  // by page
  // Forgets the connection of `page`; kNotFound as Get when there is none.
  Status Remove(const std::string& page);

 private:
  Database* const db_;
  std::mutex write_mutex_;  // keeps page ids unique between the check and the write
};

}  // namespace onair::store
