// Table: rows of text printed as aligned columns for onairctl's readable output. Value type;
// not synchronised.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace onair::ctl {

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  // REQUIRES: as many cells as headers.
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }

  // The header line, then one line per row; columns are separated by two spaces and padded to
  // their widest cell (the last column is not padded, so lines carry no trailing blanks).
  // Every line starts with `indent`.
  void Print(std::ostream& out, const std::string& indent = "") const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Width of `text` on a terminal, counting each UTF-8 code point as one column.
size_t DisplayWidth(const std::string& text);

}  // namespace onair::ctl
