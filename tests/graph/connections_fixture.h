// Connections: a PageConnectionStore on a database of its own in a temp directory, for the
// detector and webhook tests. Not thread-safe to set up; the store itself is.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "../support/temp_dir.h"
#include "store/database.h"
#include "store/page_connection_store.h"

namespace onair::testing {

inline constexpr const char* kGraphPage = "https://www.facebook.com/onairpage";
inline constexpr const char* kGraphPageId = "104857600123";
inline constexpr const char* kGraphToken = "EAAGm0PX4ZCpsBAKZAfakepagetokenZDZD";

class Connections {
 public:
  Connections() {
    Result<std::unique_ptr<store::Database>> db = store::Database::Open(dir_.Sub("db"));
    REQUIRE(db.ok());
    db_ = std::move(db).value();
    store_ = std::make_unique<store::PageConnectionStore>(db_.get());
  }

  // Connects `page` with `page_id` and `token`; fails the test on error.
  void Connect(const std::string& page = kGraphPage, const std::string& page_id = kGraphPageId,
               const std::string& token = kGraphToken) {
    Result<store::PageConnection> stored =
        store_->Put(store::PageConnection{page, page_id, token, TimePoint()});
    REQUIRE(stored.ok());
  }

  store::PageConnectionStore* store() { return store_.get(); }

 private:
  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::PageConnectionStore> store_;
};

}  // namespace onair::testing
