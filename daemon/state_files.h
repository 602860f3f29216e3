// The files onaird keeps in its data directory besides the database: admin.token (the admin
// API's bearer token, made at first start, mode 0640) and run.json (where the running daemon
// listens, for onairctl and tests). Functions touch only the files named; not synchronised.
#pragma once

#include <sys/types.h>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace onair::daemon {

// Writes `contents` to `path` through a temporary file and a rename, synced, with `mode`: a
// reader sees the old file or the new one, never a part.
Status WriteFileAtomically(const std::string& path, const std::string& contents, mode_t mode);

// Reads DIR/admin.token, or creates it with 64 hex characters (256 random bits) when absent.
Result<std::string> LoadOrCreateAdminToken(const std::string& data_dir);

struct RunInfo {
  std::string listen;        // "127.0.0.1:8080"
  std::string admin_listen;  // "127.0.0.1:8081"
  std::string version;
  std::string started_at;  // formatted in the configured zone
};

// Writes DIR/run.json: {"pid", "listen", "admin_listen", "version", "started_at"}.
Status WriteRunJson(const std::string& data_dir, const RunInfo& info);
// Removes DIR/run.json; a missing file is fine.
void RemoveRunJson(const std::string& data_dir);

std::string RunJsonPath(const std::string& data_dir);

}  // namespace onair::daemon
