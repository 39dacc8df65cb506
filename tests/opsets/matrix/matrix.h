// The cross-opset matrix: every backend node test whose ops are all in the
// slice, converted to every opset of each domain it imports (ai.onnx 1 to
// its last opset; ai.onnx.ml likewise, the other domains staying), each
// result checked, inferred and run on the test's data.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/conformance/suite.h"
#include "tests/opsets/matrix/cell.h"

namespace onnxforge::opset_matrix {

// One test moved through the opsets of one domain.
struct MatrixRow {
  std::string test;    // "test_abs"
  std::string domain;  // "" for ai.onnx, or "ai.onnx.ml"
  int own_opset = 0;   // the opset the model imports
  // cells[i] is the target opset first_opset + i of MatrixTable.
  std::vector<CellResult> cells;
};

// The rows of one domain; its columns are the opsets first..last.
struct MatrixTable {
  std::string domain;
  int first_opset = 0;
  int last_opset = 0;
  std::vector<MatrixRow> rows;
};

struct Matrix {
  // ai.onnx first, then ai.onnx.ml.
  std::vector<MatrixTable> tables;
  // Tests in the slice that could not be read (each counts as a failure).
  std::vector<std::string> load_errors;
  int tests = 0;  // backend tests in the slice
};

// Runs every cell. `threads` workers share the tests (at least one).
absl::StatusOr<Matrix> ComputeMatrix(const conformance::SuiteOptions& options, int threads = 1);

// Runs one column of the matrix: every test of the slice that imports
// `domain` ("" or "ai.onnx.ml") converted to `opset`. The result has one
// table, from `opset` to `opset`, with the rows ComputeMatrix gives that
// domain and each row's cell at `opset`.
absl::StatusOr<Matrix> ComputeColumn(const conformance::SuiteOptions& options,
                                     const std::string& domain, int opset, int threads = 1);

// "ai.onnx" for "", the domain itself otherwise.
std::string DomainLabel(const std::string& domain);

}  // namespace onnxforge::opset_matrix
