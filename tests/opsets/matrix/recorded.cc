#include "tests/opsets/matrix/recorded.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/opsets/matrix/matrix_report.h"

namespace onnxforge::opset_matrix {
namespace {

constexpr char kRowsHeading[] = ": each test at each opset";
constexpr char kReasonsHeading[] = "## Refusal reasons";

absl::Status LineError(size_t index, const std::string& what) {
  return absl::InvalidArgumentError(absl::StrCat("line ", index + 1, ": ", what));
}

// The cells of a table row "| a | b | c |", or nothing when `line` is not
// one.
bool SplitRow(const std::string& line, std::vector<std::string>& cells) {
  absl::string_view inner(line);
  if (!absl::ConsumePrefix(&inner, "| ") || !absl::ConsumeSuffix(&inner, " |")) return false;
  cells = absl::StrSplit(inner, " | ");
  return true;
}

// Reads a "| test | own opset | 1 | 2 | ... |" table starting at lines[at]
// into `table`; returns the index of the line after it.
absl::StatusOr<size_t> ParseRows(const std::vector<std::string>& lines, size_t at,
                                 RecordedTable& table) {
  while (at < lines.size() && lines[at].empty()) ++at;
  if (at < lines.size() && lines[at] == "No test imports this domain.") return at + 1;
  std::vector<std::string> header;
  if (at >= lines.size() || !SplitRow(lines[at], header) || header.size() < 3 ||
      header[0] != "test" || header[1] != "own opset") {
    return LineError(at, "expected the header '| test | own opset | <opsets> |'");
  }
  for (size_t i = 2; i < header.size(); ++i) {
    int opset = 0;
    if (!absl::SimpleAtoi(header[i], &opset) || (i > 2 && opset != table.last_opset + 1)) {
      return LineError(at, absl::StrCat("column '", header[i], "' is not the next opset"));
    }
    if (i == 2) table.first_opset = opset;
    table.last_opset = opset;
  }
  at += 2;  // the header and the rule under it
  for (; at < lines.size() && !lines[at].empty(); ++at) {
    std::vector<std::string> cells;
    RecordedRow row;
    if (!SplitRow(lines[at], cells) || cells.size() != header.size() ||
        !absl::SimpleAtoi(cells[1], &row.own_opset)) {
      return LineError(at, absl::StrCat("expected a test's row of ", header.size(), " cells"));
    }
    row.marks.assign(cells.begin() + 2, cells.end());
    table.rows[cells[0]] = std::move(row);
  }
  return at;
}

// Reads the "| cells | reason |" rows after lines[at] into `reasons`.
size_t ParseReasons(const std::vector<std::string>& lines, size_t at,
                    std::set<std::string>& reasons) {
  while (at < lines.size() && lines[at] != "|---:|---|") {
    if (absl::StartsWith(lines[at], "## ")) return at;  // no reason at all
    ++at;
  }
  for (++at; at < lines.size() && absl::StartsWith(lines[at], "| "); ++at) {
    // "| 396 | <reason> |": the reason may hold "\|", never " | " before it.
    absl::string_view line(lines[at]);
    const size_t after_count = line.find(" | ");
    absl::string_view reason = line.substr(after_count == line.npos ? 0 : after_count + 3);
    absl::ConsumeSuffix(&reason, " |");
    reasons.insert(std::string(reason));
  }
  return at;
}

std::string Where(const std::string& test, const std::string& domain, int own, int opset) {
  return absl::StrCat(test, ", ", DomainLabel(domain), " ", own, " to ", opset);
}

// What a cell gave, for a message: "passed", "refused: <reason>", ...
std::string Outcome(const CellResult& cell) {
  switch (cell.outcome) {
    case CellOutcome::kPassed:
      return "passed";
    case CellOutcome::kRefused:
      return absl::StrCat("refused: ", cell.reason);
    case CellOutcome::kFailed:
      return absl::StrCat("failed in ", StageName(cell.stage), ": ", cell.reason);
  }
  return "?";
}

}  // namespace

const RecordedTable* RecordedMatrix::FindTable(const std::string& domain) const {
  for (const RecordedTable& table : tables) {
    if (table.domain == domain) return &table;
  }
  return nullptr;
}

absl::StatusOr<RecordedMatrix> ParseRecordedMatrix(const std::string& text) {
  const std::vector<std::string> lines = absl::StrSplit(text, '\n');
  RecordedMatrix recorded;
  bool saw_reasons = false;
  for (size_t at = 0; at < lines.size();) {
    absl::string_view line(lines[at]);
    if (line == kReasonsHeading) {
      saw_reasons = true;
      at = ParseReasons(lines, at + 1, recorded.refusal_reasons);
      continue;
    }
    if (absl::ConsumePrefix(&line, "## ") && absl::ConsumeSuffix(&line, kRowsHeading)) {
      RecordedTable table;
      table.domain = line == "ai.onnx" ? "" : std::string(line);
      absl::StatusOr<size_t> next = ParseRows(lines, at + 1, table);
      if (!next.ok()) return next.status();
      recorded.tables.push_back(std::move(table));
      at = *next;
      continue;
    }
    ++at;
  }
  if (recorded.tables.empty() || !saw_reasons) {
    return absl::InvalidArgumentError(absl::StrCat(
        "no '## <domain>", kRowsHeading, "' table or no '", kReasonsHeading, "' section"));
  }
  return recorded;
}

absl::StatusOr<RecordedMatrix> ReadRecordedMatrix(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read ", path, "; write it with:\n  ", kMatrixCommand));
  }
  std::ostringstream text;
  text << in.rdbuf();
  absl::StatusOr<RecordedMatrix> recorded = ParseRecordedMatrix(text.str());
  if (!recorded.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, " ", recorded.status().message(),
                                                   "; rewrite it with:\n  ", kMatrixCommand));
  }
  return recorded;
}

ColumnCheck CheckColumn(const Matrix& column, const RecordedMatrix& recorded) {
  ColumnCheck check;
  for (const std::string& error : column.load_errors) {
    check.problems.push_back(absl::StrCat(error, " (could not be read)"));
  }
  for (const MatrixTable& table : column.tables) {
    const std::string label = DomainLabel(table.domain);
    const RecordedTable* recorded_table = recorded.FindTable(table.domain);
    if (recorded_table == nullptr) {
      check.problems.push_back(absl::StrCat(kMatrixPath, " has no table for ", label));
      continue;
    }
    std::set<std::string> seen;
    for (const MatrixRow& row : table.rows) {
      seen.insert(row.test);
      auto found = recorded_table->rows.find(row.test);
      for (size_t i = 0; i < row.cells.size(); ++i) {
        const CellResult& cell = row.cells[i];
        const int opset = table.first_opset + static_cast<int>(i);
        const std::string where = Where(row.test, table.domain, row.own_opset, opset);
        if (found == recorded_table->rows.end()) {
          check.problems.push_back(
              absl::StrCat(where, ": not in ", kMatrixPath, "; the cell ", Outcome(cell)));
          continue;
        }
        const RecordedRow& want = found->second;
        const int index = opset - recorded_table->first_opset;
        if (want.own_opset != row.own_opset || index < 0 ||
            index >= static_cast<int>(want.marks.size())) {
          check.problems.push_back(absl::StrCat(
              where, ": ", kMatrixPath, " records ", row.test, " at own opset ", want.own_opset,
              " over opsets ", recorded_table->first_opset, "..", recorded_table->last_opset));
          continue;
        }
        if (cell.outcome == CellOutcome::kFailed || CellMark(cell) != want.marks[index]) {
          check.problems.push_back(absl::StrCat(where, ": ", kMatrixPath, " records ",
                                                want.marks[index], ", but the cell ",
                                                Outcome(cell)));
        } else if (cell.outcome == CellOutcome::kRefused &&
                   recorded.refusal_reasons.count(ReportCellText(cell.reason)) == 0) {
          check.problems.push_back(absl::StrCat(where, ": refused for a reason ", kMatrixPath,
                                                " does not record: ", cell.reason));
        } else if (cell.outcome == CellOutcome::kRefused) {
          ++check.refused;
        } else {
          ++check.passed;
        }
      }
    }
    for (const auto& [test, row] : recorded_table->rows) {
      if (seen.count(test) > 0) continue;
      check.problems.push_back(absl::StrCat(test, ": ", kMatrixPath, " records it for ", label,
                                            ", but no backend test of the slice by that name "
                                            "imports ",
                                            label, " now"));
    }
  }
  return check;
}

}  // namespace onnxforge::opset_matrix
