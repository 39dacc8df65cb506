// Writes the cross-opset matrix report. Under `bazel run` it goes to
// tests/opsets/matrix.md in the source tree; otherwise to the path given as
// the first argument, or to standard output. The time taken goes to
// standard error.
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

int main(int argc, char** argv) {
  using namespace onnxforge;  // NOLINT
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
