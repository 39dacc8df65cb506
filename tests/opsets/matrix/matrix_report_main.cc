// Writes the cross-opset matrix report. Under `bazel run` it goes to
// tests/opsets/matrix.md in the source tree; otherwise to the path given as
// the first argument, or to standard output. The time taken goes to
// standard error.
//
//   matrix_report --explain=test_softmax_default_axis
// prints every cell of that test with the converter's or the failing
// stage's whole message instead.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "tests/conformance/suite.h"
#include "tests/opsets/matrix/matrix.h"
#include "tests/opsets/matrix/matrix_report.h"

namespace {

using namespace onnxforge;  // NOLINT

void Explain(const opset_matrix::Matrix& matrix, const std::string& test) {
  for (const opset_matrix::MatrixTable& table : matrix.tables) {
    for (const opset_matrix::MatrixRow& row : table.rows) {
      if (row.test != test) continue;
      for (size_t i = 0; i < row.cells.size(); ++i) {
        const opset_matrix::CellResult& cell = row.cells[i];
        std::cout << opset_matrix::DomainLabel(table.domain) << " " << row.own_opset << " to "
                  << table.first_opset + i << ": " << opset_matrix::CellMark(cell);
        if (cell.outcome == opset_matrix::CellOutcome::kFailed) {
          std::cout << " " << opset_matrix::StageName(cell.stage);
        }
        const std::string& text = cell.message.empty() ? cell.reason : cell.message;
        if (!text.empty()) std::cout << ": " << text;
        std::cout << "\n";
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string explain_flag = "--explain=";
  std::string explain;
  if (argc > 1 && std::string(argv[1]).rfind(explain_flag, 0) == 0) {
    explain = std::string(argv[1]).substr(explain_flag.size());
  }
  absl::StatusOr<conformance::SuiteOptions> options = conformance::SharedDataOptions();
  if (!options.ok()) {
    std::cerr << options.status().message() << "\n";
    return 1;
  }
  const int threads = std::max(1u, std::thread::hardware_concurrency());
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<opset_matrix::Matrix> matrix = opset_matrix::ComputeMatrix(*options, threads);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  if (!matrix.ok()) {
    std::cerr << matrix.status().message() << "\n";
    return 1;
  }
  int cells = 0;
  for (const opset_matrix::MatrixTable& table : matrix->tables) {
    for (const opset_matrix::MatrixRow& row : table.rows) cells += row.cells.size();
  }
  std::cerr << matrix->tests << " tests, " << cells << " cells in " << took.count() << " s on "
            << threads << " threads\n";
  if (!explain.empty()) {
    Explain(*matrix, explain);
    return 0;
  }
  const std::string report = opset_matrix::FormatMatrix(*matrix, *options);

  std::string path;
  if (argc > 1) {
    path = argv[1];
  } else if (const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY")) {
    path = std::string(workspace) + "/" + opset_matrix::kMatrixPath;
  }
  if (path.empty()) {
    std::cout << report;
    return 0;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << report;
  out.close();
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    return 1;
  }
  std::cerr << "wrote " << path << "\n";
  return 0;
}
