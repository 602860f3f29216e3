#include "http_answer.h"

#include <strings.h>

namespace onair::e2e {

std::string HttpAnswer::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "<absent>";
}

bool HttpAnswer::HasHeader(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return true;
  }
  return false;
}

}  // namespace onair::e2e
