// Small conversions and checks shared by the stores' RocksDB code: slices and views over the
// same bytes, an iterator's error as a Status, and the next sequence number of a column family
// keyed by big-endian u64. Internal to lib/store. Pure functions; thread-safe as RocksDB is.
#pragma once

#include <rocksdb/iterator.h>
#include <rocksdb/slice.h>

#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "store/column_families.h"
#include "store/database.h"

namespace onair::store {

// The bytes of `s` as a RocksDB slice; it borrows them, so `s` must outlive it.
inline rocksdb::Slice ToSlice(std::string_view s) {
  return rocksdb::Slice(s.data(), s.size());
}
// The bytes of `s` as a view; it borrows them, so `s`'s storage must outlive it.
inline std::string_view ToView(const rocksdb::Slice& s) {
  return std::string_view(s.data(), s.size());
}

// Ok when the iterator ended cleanly; otherwise an internal error naming the scanned family.
[[nodiscard]] Status IteratorStatus(const rocksdb::Iterator& it, Cf cf);

// One past the largest seq key in `cf` (1 when it is empty), for a store opening over it.
// `store` names that store in errors, e.g. "order store".
[[nodiscard]] Result<uint64_t> NextSeqAfterLastKey(const Database& db, Cf cf,
                                                   std::string_view store);

}  // namespace onair::store
