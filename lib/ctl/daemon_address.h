// DaemonAddress: where a running onaird's admin API listens and the token it expects, read from
// the files onaird keeps in its data directory (run.json, admin.token). Plain value type; the
// functions only read files and are thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace onair::ctl {

struct DaemonAddress {
  std::string host;  // as run.json names it, e.g. "127.0.0.1" or "::1"
  uint16_t port = 0;
  std::string token;  // NOTE: a secret; never print or log it
};

// Reads DIR/run.json ("admin_listen": "HOST:PORT") and DIR/admin.token (surrounding whitespace
// dropped). Errors (kUnavailable / kInvalidArgument / kPermissionDenied) carry the message an
// operator sees, e.g. "onaird is not running (no run.json in /var/lib/onair)" or
// "cannot read admin token /var/lib/onair/admin.token: Permission denied".
Result<DaemonAddress> FindDaemon(const std::string& data_dir);

}  // namespace onair::ctl
