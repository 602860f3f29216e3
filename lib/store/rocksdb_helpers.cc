#include "store/rocksdb_helpers.h"

#include <fmt/format.h>
#include <rocksdb/db.h>

#include <memory>
#include <optional>

#include "store/keys.h"

namespace onair::store {

Status IteratorStatus(const rocksdb::Iterator& it, Cf cf) {
  if (it.status().ok()) return Status::Ok();
  return Status::Internal(fmt::format("scan {}: {}", CfName(cf), it.status().ToString()));
}

Result<uint64_t> NextSeqAfterLastKey(const Database& db, Cf cf, std::string_view store) {
  std::unique_ptr<rocksdb::Iterator> it(
      db.db()->NewIterator(rocksdb::ReadOptions(), db.handle(cf)));
  it->SeekToLast();
  uint64_t next_seq = 1;
  if (it->Valid()) {
    std::optional<uint64_t> last = DecodeU64(ToView(it->key()));
    if (!last) {
      return Status::Internal(fmt::format("open {}: bad key in {}", store, CfName(cf)));
    }
    next_seq = *last + 1;
  }
  ONAIR_RETURN_IF_ERROR(IteratorStatus(*it, cf).WithContext(fmt::format("open {}", store)));
  return next_seq;
}

}  // namespace onair::store
