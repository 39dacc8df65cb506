#include "tools/gen_doc/backend_test_counts.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace onnxforge::gen_doc {
namespace {

constexpr char kTableHeading[] = "## Per op";
// The table's columns: op | in the slice | tests | ...
constexpr int kOpColumn = 0;
constexpr int kTestsColumn = 2;

std::vector<std::string> Cells(absl::string_view row) {
  row = absl::StripAsciiWhitespace(row);
  absl::ConsumePrefix(&row, "|");
  absl::ConsumeSuffix(&row, "|");
  std::vector<std::string> cells;
  for (absl::string_view cell : absl::StrSplit(row, '|')) {
    cells.emplace_back(absl::StripAsciiWhitespace(cell));
  }
  return cells;
}

}  // namespace

absl::StatusOr<BackendTestCounts> ParseBackendTestCounts(const std::string& text,
                                                         const std::string& file) {
  BackendTestCounts counts;
  bool in_section = false;
  bool seen_table = false;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (absl::StartsWith(line, "## ")) {
      if (in_section) break;
      in_section = absl::StripAsciiWhitespace(line) == kTableHeading;
      continue;
    }
    if (!in_section || !absl::StartsWith(line, "|")) continue;
    const std::vector<std::string> cells = Cells(line);
    // The header row and the separator row.
    if (!seen_table) {
      seen_table = true;
      continue;
    }
    if (absl::StartsWith(cells[0], "---") || absl::StartsWith(cells[0], ":")) continue;
    int tests = 0;
    if (cells.size() <= kTestsColumn || !absl::SimpleAtoi(cells[kTestsColumn], &tests)) {
      return absl::InvalidArgumentError(absl::StrCat(
          file, ":", line_number, ": expected a row 'op | in the slice | tests | ...' of the '",
          kTableHeading, "' table"));
    }
    counts[cells[kOpColumn]] = tests;
  }
  if (!seen_table) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ": no '", kTableHeading,
                     "' table; regenerate the report with "
                     "`bazel run //tests/conformance:conformance_report`"));
  }
  return counts;
}

absl::StatusOr<BackendTestCounts> ReadBackendTestCounts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the conformance report"));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseBackendTestCounts(text.str(), path);
}

}  // namespace onnxforge::gen_doc
