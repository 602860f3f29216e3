#include "ctl/daemon_address.h"

#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "config/config.h"

namespace onair::ctl {
namespace {

// Reads a whole file. On failure `*error_number` is the errno and the message its text
// ("Permission denied"), which is what an operator needs to fix permissions or --data-dir.
Result<std::string> ReadFile(const std::string& path, int* error_number) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error_number = errno;
    return Status::Unavailable(std::strerror(*error_number));
  }
  std::string text;
  char buffer[4096];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error_number = errno;  // e.g. EISDIR: a directory opens fine but cannot be read
      ::close(fd);
      return Status::Unavailable(std::strerror(*error_number));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  *error_number = 0;
  return text;
}

std::string Trim(std::string text) {
  const char* kSpace = " \t\r\n";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::string Join(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

Result<std::string> ReadAdminListen(const std::string& data_dir) {
  std::string path = Join(data_dir, "run.json");
  int error_number = 0;
  Result<std::string> text = ReadFile(path, &error_number);
  if (!text.ok() && error_number == ENOENT) {
    return Status::Unavailable("onaird is not running (no run.json in " + data_dir + ")");
  }
  if (!text.ok()) {
    return Status::Unavailable("cannot read " + path + ": " + text.status().message());
  }

  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(simdjson::padded_string(*text)).get(root) != simdjson::SUCCESS) {
    return Status::InvalidArgument(path + " is not valid JSON");
  }
  std::string_view admin_listen;
  if (root["admin_listen"].get(admin_listen) != simdjson::SUCCESS) {
    return Status::InvalidArgument(path + " has no \"admin_listen\" string");
  }
  return std::string(admin_listen);
}

}  // namespace

Result<DaemonAddress> FindDaemon(const std::string& data_dir) {
  Result<std::string> admin_listen = ReadAdminListen(data_dir);
  if (!admin_listen.ok()) return admin_listen.status();
  Result<HostPort> host_port = ParseHostPort(*admin_listen);
  if (!host_port.ok()) {
    return Status::InvalidArgument(Join(data_dir, "run.json") + ": admin_listen \"" +
                                   *admin_listen + "\" is not HOST:PORT");
  }

  std::string token_path = Join(data_dir, "admin.token");
  int error_number = 0;
  Result<std::string> token = ReadFile(token_path, &error_number);
  if (!token.ok()) {
    return Status::PermissionDenied("cannot read admin token " + token_path + ": " +
                                    token.status().message());
  }
  std::string trimmed = Trim(std::move(*token));
  if (trimmed.empty()) return Status::InvalidArgument("admin token " + token_path + " is empty");

  return DaemonAddress{host_port->host, host_port->port, std::move(trimmed)};
}

}  // namespace onair::ctl
