#include "store/page_connection_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <utility>

#include "core/page_url.h"
#include "store/record_codec.h"
#include "store/rocksdb_helpers.h"

namespace onair::store {
namespace {

constexpr size_t kMaxPageIdDigits = 32;
constexpr size_t kMaxTokenBytes = 4096;
constexpr size_t kHintedTokenMinSize = 20;
constexpr size_t kHintChars = 4;

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Meta's tokens are base64-like; anything outside printable ASCII is a paste gone wrong (a
// newline, a quote), better refused here than sent to Graph on every poll.
bool IsTokenText(std::string_view s) {
  for (char c : s) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

Status Validate(const PageConnection& connection) {
  Result<std::string> canonical = CanonicalPage(connection.page);
  if (!canonical.ok() || *canonical != connection.page) {
    return Status::InvalidArgument(fmt::format("page {} is not canonical", connection.page));
  }
  if (connection.page_id.empty() || connection.page_id.size() > kMaxPageIdDigits ||
      !IsDigits(connection.page_id)) {
    return Status::InvalidArgument("page_id must be the page's numeric Graph id");
  }
  if (connection.page_access_token.empty()) {
    return Status::InvalidArgument("page_access_token must not be empty");
  }
  if (connection.page_access_token.size() > kMaxTokenBytes) {
    return Status::InvalidArgument(
        fmt::format("page_access_token must be at most {} bytes", kMaxTokenBytes));
  }
  if (!IsTokenText(connection.page_access_token)) {
    return Status::InvalidArgument("page_access_token must be printable ASCII without spaces");
  }
  return Status::Ok();
}

Status NotConnected(std::string_view page) {
  return Status::NotFound(fmt::format("Page {} is not connected", page));
}

}  // namespace

std::string PageTokenHint(std::string_view token) {
  if (token.size() < kHintedTokenMinSize) return "...";
  return "..." + std::string(token.substr(token.size() - kHintChars));
}

Result<PageConnection> PageConnectionStore::Put(PageConnection connection) {
  ONAIR_RETURN_IF_ERROR(Validate(connection));
  connection.connected_at = TruncateToMillis(connection.connected_at);

  std::lock_guard<std::mutex> lock(write_mutex_);
  Result<PageConnection> holder = FindByPageId(connection.page_id);
  if (holder.ok() && holder->page != connection.page) {
    return Status::AlreadyExists(
        fmt::format("Page id {} is already connected to {}", connection.page_id, holder->page));
  }
  if (!holder.ok() && holder.status().code() != Code::kNotFound) return holder.status();

  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kPageConnections), connection.page, EncodePageConnection(connection));
  ONAIR_RETURN_IF_ERROR(db_->Write(&batch));
  return connection;
}

Result<PageConnection> PageConnectionStore::Get(const std::string& page) const {
  std::string value;
  Status s = db_->Get(Cf::kPageConnections, page, &value);
  if (s.code() == Code::kNotFound) return NotConnected(page);
  ONAIR_RETURN_IF_ERROR(s);
  return DecodePageConnection(value);
}

Result<PageConnection> PageConnectionStore::FindByPageId(std::string_view page_id) const {
  // A scan: connected pages are an admin-sized list, and webhook deliveries, the only frequent
  // caller, come a few times per broadcast.
  Result<std::vector<PageConnection>> all = List();
  if (!all.ok()) return all.status();
  for (PageConnection& connection : *all) {
    if (connection.page_id == page_id) return std::move(connection);
  }
  return Status::NotFound(fmt::format("Page id {} is not connected", page_id));
}

Result<std::vector<PageConnection>> PageConnectionStore::List() const {
  std::vector<PageConnection> connections;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db()->NewIterator(rocksdb::ReadOptions(), db_->handle(Cf::kPageConnections)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Result<PageConnection> connection = DecodePageConnection(ToView(it->value()));
    if (!connection.ok()) return connection.status();
    connections.push_back(std::move(connection).value());
  }
  if (!it->status().ok()) {
    return Status::Internal(
        fmt::format("scan {}: {}", CfName(Cf::kPageConnections), it->status().ToString()));
  }
  return connections;
}

Status PageConnectionStore::Remove(const std::string& page) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  std::string ignored;
  Status s = db_->Get(Cf::kPageConnections, page, &ignored);
  if (s.code() == Code::kNotFound) return NotConnected(page);
  ONAIR_RETURN_IF_ERROR(s);

  rocksdb::WriteBatch batch;
  batch.Delete(db_->handle(Cf::kPageConnections), page);
  return db_->Write(&batch);
}

}  // namespace onair::store
