// The cross-opset matrix as tests/opsets/matrix.md records it, read back:
// each test's mark at each target opset and the refusal reasons, so that
// one freshly computed column (a per-opset test's share of the matrix) can
// be held to what the report says without recomputing the rest.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/opsets/matrix/matrix.h"

namespace onnxforge::opset_matrix {

struct RecordedRow {
  int own_opset = 0;
  // marks[i] is the mark ("✓", "R", "✗") at target opset first_opset + i.
  std::vector<std::string> marks;
};

struct RecordedTable {
  std::string domain;  // "" for ai.onnx, as MatrixTable::domain
  int first_opset = 0;
  int last_opset = 0;
  std::map<std::string, RecordedRow> rows;  // by test name
};

struct RecordedMatrix {
  std::vector<RecordedTable> tables;
  // Each reason as the report's table shows it (see ReportCellText).
  std::set<std::string> refusal_reasons;

  const RecordedTable* FindTable(const std::string& domain) const;
};

// Reads the report's "each test at each opset" tables and its refusal
// reasons from `text`; an error naming the line that does not fit.
absl::StatusOr<RecordedMatrix> ParseRecordedMatrix(const std::string& text);

// Reads and parses the report at `path`.
absl::StatusOr<RecordedMatrix> ReadRecordedMatrix(const std::string& path);

// How a computed column compares with the recorded one.
struct ColumnCheck {
  int passed = 0;   // cells that pass, as recorded
  int refused = 0;  // cells refused, as recorded, for a recorded reason
  // One line per disagreement, naming the test, the cell and the reason.
  std::vector<std::string> problems;
};

// Holds each cell of `column` (ComputeColumn's result) to the recorded
// mark of its test at that opset, and each refusal to the recorded
// reasons; a recorded test missing from the column is a problem too.
ColumnCheck CheckColumn(const Matrix& column, const RecordedMatrix& recorded);

}  // namespace onnxforge::opset_matrix
