#include "store/database.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/table_properties_collectors.h>
#include <rocksdb/write_batch.h>

#include <vector>

namespace onair::store {

Result<std::unique_ptr<Database>> Database::Open(const std::string& dir,
                                                 const DatabaseOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  // RocksDB's own LOG files would otherwise pile up in the data directory forever.
  db_options.keep_log_file_num = 10;

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (std::string_view name : kCfNames) {
    descriptors.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
  }
  // The outbox is a queue: every entry is deleted soon after it is written, and Due/NextDue
  // read from the front, where the tombstones gather. Files dense with deletes are compacted
  // early so those reads do not step over an ever longer run of them.
  descriptors[static_cast<size_t>(Cf::kOutbox)].options.table_properties_collector_factories = {
      rocksdb::NewCompactOnDeletionCollectorFactory(/*sliding_window_size=*/128,
                                                    /*deletion_trigger=*/64)};

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, dir, descriptors, &handles, &raw_db);
  if (!s.ok()) {
    return Status::Internal(fmt::format("open database in {}: {}", dir, s.ToString()));
  }

  std::unique_ptr<Database> db(new Database());
  db->db_ = raw_db;
  db->sync_writes_ = options.sync_writes;
  db->handles_ = std::make_unique<rocksdb::ColumnFamilyHandle*[]>(handles.size());
  for (size_t i = 0; i < handles.size(); ++i) db->handles_[i] = handles[i];
  return db;
}

Database::~Database() {
  if (db_ == nullptr) return;
  // Writes without sync (tests) reach the disk here; synced writes are already there. Errors
  // cannot be reported from a destructor, and RocksDB recovers from the WAL on the next open.
  (void)db_->FlushWAL(/*sync=*/true);
  for (size_t i = 0; i < kCfNames.size(); ++i) {
    (void)db_->DestroyColumnFamilyHandle(handles_[i]);
  }
  (void)db_->Close();
  delete db_;
}

rocksdb::ColumnFamilyHandle* Database::handle(Cf cf) const {
  return handles_[static_cast<size_t>(cf)];
}

Status Database::Write(rocksdb::WriteBatch* batch) {
  rocksdb::WriteOptions write_options;
  write_options.sync = sync_writes_;
  rocksdb::Status s = db_->Write(write_options, batch);
  if (!s.ok()) return Status::Internal(fmt::format("write batch: {}", s.ToString()));
  return Status::Ok();
}

Status Database::Get(Cf cf, std::string_view key, std::string* value) const {
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), handle(cf), rocksdb::Slice(key.data(), key.size()), value);
  if (s.IsNotFound()) return Status::NotFound(fmt::format("no such key in {}", CfName(cf)));
  if (!s.ok()) return Status::Internal(fmt::format("read {}: {}", CfName(cf), s.ToString()));
  return Status::Ok();
}

}  // namespace onair::store
