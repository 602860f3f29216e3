#include "state_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/secrets.h"
#include "wire/json_out.h"

namespace onair::daemon {
namespace {

constexpr size_t kAdminTokenBytes = 32;

std::string Join(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

Status SystemError(const std::string& what, const std::string& path) {
  return Status::Internal(what + " " + path + ": " + std::strerror(errno));
}

std::string Trim(const std::string& text) {
  const char* kSpace = " \t\r\n";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// Syncs the directory holding `path`, so a rename into it survives a crash.
Status SyncParent(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  int fd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return SystemError("cannot open directory", dir);
  const int synced = fsync(fd);
  close(fd);
  if (synced != 0) return SystemError("cannot sync directory", dir);
  return Status::Ok();
}

}  // namespace

Status WriteFileAtomically(const std::string& path, const std::string& contents, mode_t mode) {
  const std::string temp = path + ".tmp";
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return SystemError("cannot create", temp);
  // The umask may have taken bits away; the mode is part of the contract (admin.token: 0640).
  bool ok = fchmod(fd, mode) == 0;
  for (size_t written = 0; ok && written < contents.size();) {
    ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ok = ok && fsync(fd) == 0;
  Status status = ok ? Status::Ok() : SystemError("cannot write", temp);
  close(fd);
  if (!status.ok()) {
    unlink(temp.c_str());
    return status;
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    Status failed = SystemError("cannot rename to", path);
    unlink(temp.c_str());
    return failed;
  }
  return SyncParent(path);
}

Result<std::string> LoadOrCreateAdminToken(const std::string& data_dir) {
  const std::string path = Join(data_dir, "admin.token");
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return SystemError("cannot read", path);
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = Trim(text.str());
    if (token.empty()) {
      return Status::FailedPrecondition(path + " is empty; remove it to have a new one made");
    }
    return token;
  }

  Result<std::string> random = RandomBytes(kAdminTokenBytes);
  if (!random.ok()) return random.status();
  std::string token = HexEncode(*random);
  ONAIR_RETURN_IF_ERROR(WriteFileAtomically(path, token + "\n", 0640));
  return token;
}

std::string RunJsonPath(const std::string& data_dir) {
  return Join(data_dir, "run.json");
}

Status WriteRunJson(const std::string& data_dir, const RunInfo& info) {
  wire::JsonWriter w;
  w.BeginObject();
  w.Key("pid").Int(static_cast<int64_t>(getpid()));
  w.Key("listen").String(info.listen);
  w.Key("admin_listen").String(info.admin_listen);
  w.Key("version").String(info.version);
  w.Key("started_at").String(info.started_at);
  w.EndObject();
  return WriteFileAtomically(RunJsonPath(data_dir), w.Take() + "\n", 0644);
}

void RemoveRunJson(const std::string& data_dir) {
  std::error_code ignored;
  std::filesystem::remove(RunJsonPath(data_dir), ignored);
}

}  // namespace onair::daemon
