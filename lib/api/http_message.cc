#include "api/http_message.h"

#include <strings.h>

#include <algorithm>
#include <cctype>

namespace onair::api {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) <
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string HttpRequest::Header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

bool HttpRequest::HasHeader(std::string_view name) const {
  return headers.count(name) > 0;
}

std::optional<std::string> HttpRequest::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

void HttpRequest::SetBodyReader(BodyReader reader, bool pending) {
  reader_ = std::move(reader);
  outcome_.reset();
  body_pending_ = pending;
  body_.clear();
}

void HttpRequest::SetBody(std::string body) {
  reader_ = nullptr;
  outcome_ = BodyRead::kOk;
  body_pending_ = false;
  body_ = std::move(body);
}

BodyRead HttpRequest::ReadBody() {
  if (outcome_) return *outcome_;
  if (!reader_) {
    outcome_ = BodyRead::kOk;
    return *outcome_;
  }
  outcome_ = reader_(&body_);
  // A body read whole leaves nothing behind; a refused or broken one leaves an unknown rest.
  body_pending_ = *outcome_ != BodyRead::kOk;
  if (*outcome_ != BodyRead::kOk) body_.clear();
  return *outcome_;
}

void HttpReply::SetHeader(std::string name, std::string value) {
  for (auto& [existing, existing_value] : headers) {
    if (strcasecmp(existing.c_str(), name.c_str()) == 0) {
      existing_value = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string HttpReply::Header(std::string_view name) const {
  for (const auto& [existing, value] : headers) {
    if (existing.size() == name.size() &&
        strncasecmp(existing.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return "";
}

HttpReply JsonReply(int status, std::string body) {
  HttpReply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

HttpReply TextReply(int status, std::string text) {
  HttpReply reply;
  reply.status = status;
  reply.body = std::move(text);
  reply.content_type = "text/plain";
  return reply;
}

}  // namespace onair::api
