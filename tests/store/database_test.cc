#include "store/database.h"

#include <doctest/doctest.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <fstream>

#include "store_fixture.h"

namespace onair::store {
namespace {

using onair::testing::TempDir;

TEST_CASE("opening a new directory creates every column family") {
  TempDir dir;
  Result<std::unique_ptr<Database>> db = Database::Open(dir.Sub("db"));
  REQUIRE(db.ok());

  for (size_t i = 0; i < kCfNames.size(); ++i) {
    CHECK(std::string(kCfNames[i]) == (*db)->handle(static_cast<Cf>(i))->GetName());
  }
}

TEST_CASE("a written record survives closing and reopening the database") {
  TempDir dir;
  {
    Result<std::unique_ptr<Database>> db = Database::Open(dir.Sub("db"));
    REQUIRE(db.ok());
    rocksdb::WriteBatch batch;
    batch.Put((*db)->handle(Cf::kServices), "k", "v");
    REQUIRE((*db)->Write(&batch).ok());
  }

  Result<std::unique_ptr<Database>> db = Database::Open(dir.Sub("db"));
  REQUIRE(db.ok());
  std::string value;
  REQUIRE((*db)->Get(Cf::kServices, "k", &value).ok());
  CHECK("v" == value);
}

TEST_CASE("reading a missing key is not_found") {
  TempDir dir;
  Result<std::unique_ptr<Database>> db = Database::Open(dir.Sub("db"));
  REQUIRE(db.ok());
  std::string value;

  CHECK("not_found: no such key in orders" == (*db)->Get(Cf::kOrders, "x", &value).ToString());
}

TEST_CASE("opening a path that is a file fails naming the directory and the cause") {
  TempDir dir;
  std::ofstream(dir.Sub("file")) << "not a database";

  Result<std::unique_ptr<Database>> db = Database::Open(dir.Sub("file"));

  REQUIRE_FALSE(db.ok());
  CHECK(Code::kInternal == db.status().code());
  const std::string prefix = "open database in " + dir.Sub("file") + ": IO error: ";
  CHECK(prefix == db.status().message().substr(0, prefix.size()));
}

TEST_CASE("a directory open in this process cannot be opened a second time") {
  TempDir dir;
  Result<std::unique_ptr<Database>> first = Database::Open(dir.Sub("db"));
  REQUIRE(first.ok());

  Result<std::unique_ptr<Database>> second = Database::Open(dir.Sub("db"));

  REQUIRE_FALSE(second.ok());
  const std::string prefix = "open database in " + dir.Sub("db") + ": IO error: lock ";
  CHECK(prefix == second.status().message().substr(0, prefix.size()));
}

}  // namespace
}  // namespace onair::store
