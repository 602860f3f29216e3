#include "raw_http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace onair::e2e {
namespace {

using Clock = std::chrono::steady_clock;

int MillisLeft(Clock::time_point end) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
  return static_cast<int>(std::max<long long>(left, 0));
}

// Parses the head of the answer in `received` (up to the blank line) into `answer`; returns the
// offset of the body, or npos while the head is incomplete. Removes 1xx interim answers from
// `received`, noting the last one's status in `interim_status`.
size_t ParseHead(std::string& received, HttpAnswer& answer, int& interim_status) {
  while (true) {
    size_t end = received.find("\r\n\r\n");
    if (end == std::string::npos) return std::string::npos;
    std::string head = received.substr(0, end);
    int status = 0;
    if (std::sscanf(head.c_str(), "HTTP/1.%*d %d", &status) != 1) status = -1;
    if (status >= 100 && status < 200) {
      interim_status = status;
      received.erase(0, end + 4);
      continue;
    }
    answer.status = status;
    answer.headers.clear();
    size_t line_start = head.find("\r\n");
    while (line_start != std::string::npos) {
      line_start += 2;
      size_t line_end = head.find("\r\n", line_start);
      std::string line = head.substr(
          line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        size_t value_start = line.find_first_not_of(' ', colon + 1);
        answer.headers.emplace_back(line.substr(0, colon), value_start == std::string::npos
                                                               ? ""
                                                               : line.substr(value_start));
      }
      line_start = line_end;
    }
    return end + 4;
  }
}

// A connected TCP socket to 127.0.0.1:`port`, or -1 with `error` saying why.
int Connect(uint16_t port, std::string& error) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return -1;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    error = std::string("connect: ") + std::strerror(errno);
    close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

RawExchangeResult RawExchange(uint16_t port, const std::string& head, const std::string& body,
                              std::chrono::milliseconds deadline, bool await_continue,
                              const std::function<void()>& on_interim) {
  RawExchangeResult result;
  const Clock::time_point end = Clock::now() + deadline;

  int fd = Connect(port, result.answer.error);
  if (fd < 0) return result;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);

  // Send head then body, but stop the moment anything arrives: the server has answered.
  const std::string outgoing = head + body;
  size_t sent = 0;
  std::string received;
  bool write_failed = false;
  size_t body_offset = std::string::npos;
  while (true) {
    int timeout = MillisLeft(end);
    if (timeout == 0) {
      result.answer.error = "timed out";
      break;
    }
    pollfd watch{fd, POLLIN, 0};
    bool may_send = sent < outgoing.size() && !write_failed && received.empty();
    if (await_continue && sent >= head.size() && result.interim_status == 0) may_send = false;
    if (may_send) watch.events |= POLLOUT;
    if (poll(&watch, 1, timeout) < 0) {
      if (errno == EINTR) continue;
      result.answer.error = std::string("poll: ") + std::strerror(errno);
      break;
    }
    if (watch.revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[16384];
      ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
      if (n > 0) {
        received.append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        result.server_closed = true;
        if (n < 0) result.answer.error = std::string("recv: ") + std::strerror(errno);
        break;
      }
      if (body_offset == std::string::npos) {
        const bool had_interim = result.interim_status != 0;
        body_offset = ParseHead(received, result.answer, result.interim_status);
        if (!had_interim && result.interim_status != 0 && on_interim) on_interim();
      }
      if (body_offset != std::string::npos) {
        std::string length = result.answer.Header("Content-Length");
        if (length != "<absent>" &&
            received.size() - body_offset >= std::strtoull(length.c_str(), nullptr, 10)) {
          break;
        }
      }
    } else if (watch.revents & POLLOUT) {
      size_t piece = std::min<size_t>(outgoing.size() - sent, 4096);
      if (await_continue && sent < head.size()) piece = std::min(piece, head.size() - sent);
      ssize_t n = send(fd, outgoing.data() + sent, piece, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<size_t>(n);
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        write_failed = true;  // the server closed; its answer may still be readable
      }
    }
  }
  close(fd);

  result.body_bytes_sent = sent > head.size() ? sent - head.size() : 0;
  if (body_offset == std::string::npos) {
    if (result.answer.error.empty()) result.answer.error = "no complete answer head";
    result.answer.status = 0;
    return result;
  }
  result.answer.body = received.substr(body_offset);
  std::string length = result.answer.Header("Content-Length");
  const size_t expected =
      length == "<absent>" ? result.answer.body.size() : std::strtoull(length.c_str(), nullptr, 10);
  if (result.answer.body.size() >= expected) {
    result.answer.body.resize(expected);
    result.answer.error.clear();
  } else {
    // A reset loses what the client had not read yet: say so rather than show a short body.
    result.answer.error = "body cut short at " + std::to_string(result.answer.body.size()) +
                          " of " + std::to_string(expected) + " bytes (" +
                          (result.answer.error.empty() ? "closed" : result.answer.error) + ")";
  }
  return result;
}

RawSession::RawSession(uint16_t port) {
  fd_ = Connect(port, error_);
}

RawSession::~RawSession() {
  if (fd_ >= 0) close(fd_);
}

HttpAnswer RawSession::Exchange(const std::string& request, std::chrono::milliseconds deadline) {
  HttpAnswer answer;
  if (!error_.empty()) {
    answer.error = error_;
    return answer;
  }
  const Clock::time_point end = Clock::now() + deadline;

  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error_ = answer.error = std::string("send: ") + std::strerror(errno);
      return answer;
    }
    sent += static_cast<size_t>(n);
  }

  int interim_status = 0;
  size_t body_offset = ParseHead(pending_, answer, interim_status);
  while (true) {
    if (body_offset != std::string::npos) {
      std::string length = answer.Header("Content-Length");
      size_t expected = length == "<absent>" ? 0 : std::strtoull(length.c_str(), nullptr, 10);
      if (pending_.size() - body_offset >= expected) {
        answer.body = pending_.substr(body_offset, expected);
        pending_.erase(0, body_offset + expected);
        return answer;
      }
    }
    pollfd watch{fd_, POLLIN, 0};
    int timeout = MillisLeft(end);
    if (timeout == 0 || poll(&watch, 1, timeout) == 0) {
      error_ = "timed out";
      break;
    }
    char buffer[16384];
    ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n == 0 ? "the server closed the connection"
                      : std::string("recv: ") + std::strerror(errno);
      break;
    }
    pending_.append(buffer, static_cast<size_t>(n));
    if (body_offset == std::string::npos) body_offset = ParseHead(pending_, answer, interim_status);
  }
  answer.status = 0;
  answer.headers.clear();
  answer.error = error_;
  return answer;
}

std::string ChunkedEncoding(const std::string& body, size_t chunk_size) {
  std::string encoded;
  for (size_t offset = 0; offset < body.size(); offset += chunk_size) {
    size_t size = std::min(chunk_size, body.size() - offset);
    char length[32];
    std::snprintf(length, sizeof(length), "%zx\r\n", size);
    encoded += length;
    encoded.append(body, offset, size);
    encoded += "\r\n";
  }
  encoded += "0\r\n\r\n";
  return encoded;
}

}  // namespace onair::e2e
