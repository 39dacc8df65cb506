#include "tests/opsets/matrix/matrix_report.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace onnxforge::opset_matrix {
namespace {

// Longest text shown in a table cell.
constexpr size_t kMaxCell = 300;

struct Counts {
  int passed = 0;
  int refused = 0;
  int failed = 0;
  void Add(const CellResult& cell) {
    switch (cell.outcome) {
      case CellOutcome::kPassed:
        ++passed;
        break;
      case CellOutcome::kRefused:
        ++refused;
        break;
      case CellOutcome::kFailed:
        ++failed;
        break;
    }
  }
  int total() const { return passed + refused + failed; }
  std::string Row() const {
    return absl::StrCat(" | ", total(), " | ", passed, " | ", refused, " | ", failed, " |");
  }
};

std::string OpsetHeader(const MatrixTable& table, const std::string& first_columns) {
  std::vector<std::string> columns;
  for (int opset = table.first_opset; opset <= table.last_opset; ++opset) {
    columns.push_back(absl::StrCat(opset));
  }
  return absl::StrCat("| ", first_columns, " | ", absl::StrJoin(columns, " | "), " |");
}

std::string OpsetRule(const MatrixTable& table, int first_columns) {
  std::string rule = "|";
  for (int i = 0; i < first_columns; ++i) rule += "---|";
  for (int opset = table.first_opset; opset <= table.last_opset; ++opset) rule += ":-:|";
  return rule;
}

void AddSummary(const Matrix& matrix, std::vector<std::string>& lines) {
  Counts all;
  for (const MatrixTable& table : matrix.tables) {
    for (const MatrixRow& row : table.rows) {
      for (const CellResult& cell : row.cells) all.Add(cell);
    }
  }
  lines.push_back("## Summary");
  lines.push_back("");
  lines.push_back(absl::StrCat(matrix.tests, " backend tests use only ops of the slice; ",
                               matrix.load_errors.size(), " of them could not be read."));
  lines.push_back("");
  lines.push_back("| cells | count | passed | refused | failed |");
  lines.push_back("|---|---:|---:|---:|---:|");
  lines.push_back(absl::StrCat("| all", all.Row()));
  for (const MatrixTable& table : matrix.tables) {
    Counts counts;
    for (const MatrixRow& row : table.rows) {
      for (const CellResult& cell : row.cells) counts.Add(cell);
    }
    lines.push_back(absl::StrCat("| ", DomainLabel(table.domain), " (", table.rows.size(),
                                 " tests x ", table.last_opset - table.first_opset + 1,
                                 " opsets)", counts.Row()));
  }
  lines.push_back("");
  for (const MatrixTable& table : matrix.tables) {
    lines.push_back(absl::StrCat("| target ", DomainLabel(table.domain),
                                 " opset | cells | passed | refused | failed |"));
    lines.push_back("|---:|---:|---:|---:|---:|");
    for (int opset = table.first_opset; opset <= table.last_opset; ++opset) {
      Counts counts;
      for (const MatrixRow& row : table.rows) counts.Add(row.cells[opset - table.first_opset]);
      lines.push_back(absl::StrCat("| ", opset, counts.Row()));
    }
    lines.push_back("");
  }
}

void AddRows(const MatrixTable& table, std::vector<std::string>& lines) {
  lines.push_back(absl::StrCat("## ", DomainLabel(table.domain), ": each test at each opset"));
  lines.push_back("");
  if (table.rows.empty()) {
    lines.push_back("No test imports this domain.");
    lines.push_back("");
    return;
  }
  lines.push_back(OpsetHeader(table, "test | own opset"));
  lines.push_back(OpsetRule(table, 2));
  for (const MatrixRow& row : table.rows) {
    std::vector<std::string> marks;
    for (const CellResult& cell : row.cells) marks.push_back(CellMark(cell));
    lines.push_back(absl::StrCat("| ", row.test, " | ", row.own_opset, " | ",
                                 absl::StrJoin(marks, " | "), " |"));
  }
  lines.push_back("");
}

void AddRefusals(const Matrix& matrix, std::vector<std::string>& lines) {
  std::map<std::string, int> reasons;
  for (const MatrixTable& table : matrix.tables) {
    for (const MatrixRow& row : table.rows) {
      for (const CellResult& cell : row.cells) {
        if (cell.outcome == CellOutcome::kRefused) ++reasons[cell.reason];
      }
    }
  }
  std::vector<std::pair<std::string, int>> sorted(reasons.begin(), reasons.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  lines.push_back("## Refusal reasons");
  lines.push_back("");
  lines.push_back(absl::StrCat(
      sorted.size(), " distinct reasons, each with the number of cells it refused. A reason "
      "names the first version change of an op that the converter declined on the way to the "
      "target."));
  lines.push_back("");
  if (sorted.empty()) return;
  lines.push_back("| cells | reason |");
  lines.push_back("|---:|---|");
  for (const auto& [reason, count] : sorted) {
    lines.push_back(absl::StrCat("| ", count, " | ", ReportCellText(reason), " |"));
  }
  lines.push_back("");
}

void AddFailures(const Matrix& matrix, std::vector<std::string>& lines) {
  lines.push_back("## Failures");
  lines.push_back("");
  std::vector<std::string> rows;
  for (const std::string& error : matrix.load_errors) {
    rows.push_back(
        absl::StrCat("| (whole test) | | reading the test | ", ReportCellText(error), " |"));
  }
  for (const MatrixTable& table : matrix.tables) {
    for (const MatrixRow& row : table.rows) {
      for (size_t i = 0; i < row.cells.size(); ++i) {
        const CellResult& cell = row.cells[i];
        if (cell.outcome != CellOutcome::kFailed) continue;
        rows.push_back(absl::StrCat("| ", row.test, " | ", DomainLabel(table.domain), " ",
                                    row.own_opset, " to ", table.first_opset + i, " | ",
                                    StageName(cell.stage), " | ", ReportCellText(cell.reason),
                                    " |"));
      }
    }
  }
  if (rows.empty()) {
    lines.push_back("None.");
    lines.push_back("");
    return;
  }
  lines.push_back("| test | conversion | failed in | detail |");
  lines.push_back("|---|---|---|---|");
  lines.insert(lines.end(), rows.begin(), rows.end());
  lines.push_back("");
}

}  // namespace

std::string ReportCellText(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > kMaxCell) line = line.substr(0, kMaxCell) + "...";
  return absl::StrReplaceAll(line, {{"|", "\\|"}, {"`", "'"}});
}

std::string CellMark(const CellResult& cell) {
  switch (cell.outcome) {
    case CellOutcome::kPassed:
      return "✓";
    case CellOutcome::kRefused:
      return "R";
    case CellOutcome::kFailed:
      return "✗";
  }
  return "?";
}

std::string FormatMatrix(const Matrix& matrix, const conformance::SuiteOptions& options) {
  std::vector<std::string> lines = {
      "# Cross-opset matrix",
      "",
      absl::StrCat("Generated by `", kMatrixCommand, "`; `//tests/opsets/matrix:matrix_test` "
                   "fails when this file is stale or when any cell fails."),
      "",
      "Every ONNX backend node test whose operators are all in the slice (`slice.txt`) is "
      "converted with `version_converter::ConvertVersion` to every opset of each domain its "
      "model imports: ai.onnx from its first to its last opset, and ai.onnx.ml likewise "
      "(the other domains keep their opset). Each converted model must pass the checker and "
      "strict shape inference, and the reference evaluator must reproduce the expected "
      "outputs of every data set of the test.",
      "",
      "- ✓ passed: converted, checked, inferred, and every output matches.",
      "- R refused: the converter declined with a reason naming the op and the versions "
      "(an op absent from the target opset included).",
      "- ✗ failed: anything else: a conversion error that is not such a refusal, or a "
      "converted model that fails the checker, shape inference or evaluation, or whose "
      "outputs differ.",
      "",
      "Outputs are compared as the conformance suite compares them: exactly for integers, "
      "bool and strings, within a tolerance for floating types "
      "(|got - expected| <= atol + rtol * |expected|):",
      "",
  };
  for (const std::string& line : options.tolerances.Describe()) {
    lines.push_back(absl::StrCat("- ", line));
  }
  lines.push_back("");
  AddSummary(matrix, lines);
  for (const MatrixTable& table : matrix.tables) AddRows(table, lines);
  AddRefusals(matrix, lines);
  AddFailures(matrix, lines);
  return absl::StrJoin(lines, "\n");
}

}  // namespace onnxforge::opset_matrix
