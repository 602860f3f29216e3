// HttpAnswer: one HTTP response as the tests see it (status, headers, body), whichever client
// fetched it. Plain value type.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace onair::e2e {

struct HttpAnswer {
  int status = 0;     // 0: no answer arrived; `error` says why
  std::string error;  // transport problem; empty when a whole answer arrived
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first value of header `name` (any letter case), "<absent>" when there is none.
  std::string Header(const std::string& name) const;
  bool HasHeader(const std::string& name) const;
};

}  // namespace onair::e2e
