// Database: the one RocksDB instance of onaird and its column families. Owns the DB; the
// handles live as long as it does. Thread-safe (RocksDB is).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/column_families.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class WriteBatch;
}  // namespace rocksdb

namespace onair::store {

struct DatabaseOptions {
  // false only in tests that rerun the stores without fsync; onaird always syncs.
  bool sync_writes = true;
};

class Database {
 public:
  // Opens (creating if needed) the database in `dir` with every column family of
  // column_families.h. A failure is returned, never asserted.
  static Result<std::unique_ptr<Database>> Open(const std::string& dir,
                                                const DatabaseOptions& options = {});
  ~Database();  // flushes and closes

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  rocksdb::DB* db() const { return db_; }
  rocksdb::ColumnFamilyHandle* handle(Cf cf) const;

  // Writes `batch` synced to the WAL (unless options.sync_writes is off): when this returns ok the
  // batch survives power loss. Concurrent callers share fsyncs through RocksDB's group commit.
  Status Write(rocksdb::WriteBatch* batch);

  // Reads `key` of `cf` into `*value`; kNotFound when absent.
  Status Get(Cf cf, std::string_view key, std::string* value) const;

 private:
  Database() = default;

  // Immutable after Open.
  rocksdb::DB* db_ = nullptr;
  std::unique_ptr<rocksdb::ColumnFamilyHandle*[]> handles_;
  bool sync_writes_ = true;
};

}  // namespace onair::store
