// The matrix report, tests/opsets/matrix.md: counts per target opset, one
// row of cells per test, the converter's distinct refusal reasons, and
// every failing cell with what went wrong.
#pragma once

#include <string>

#include "tests/conformance/suite.h"
#include "tests/opsets/matrix/matrix.h"

namespace onnxforge::opset_matrix {

// Where the report lives in the source tree, and the command that writes it.
inline constexpr char kMatrixPath[] = "tests/opsets/matrix.md";
inline constexpr char kMatrixCommand[] = "bazel run //tests/opsets/matrix:matrix_report";

std::string FormatMatrix(const Matrix& matrix, const conformance::SuiteOptions& options);

// "✓", "R" or "✗".
std::string CellMark(const CellResult& cell);

// `text` as a table cell of the report shows it: its first line, cut to
// 300 characters, with '|' escaped and '`' made "'".
std::string ReportCellText(const std::string& text);

}  // namespace onnxforge::opset_matrix
