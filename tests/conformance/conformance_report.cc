// Writes the conformance report. Under `bazel run` it goes to
// tests/conformance/report.md in the source tree; otherwise to the path
// given as the first argument, or to standard output.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/conformance/report.h"
#include "tests/conformance/suite.h"

int main(int argc, char** argv) {
  using namespace onnxforge::conformance;  // NOLINT
  absl::StatusOr<SuiteOptions> options = SharedDataOptions();
  if (!options.ok()) {
    std::cerr << options.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<std::vector<TestResult>> results = RunSuite(*options);
  if (!results.ok()) {
    std::cerr << results.status().message() << "\n";
    return 1;
  }
  const std::string report = FormatReport(*results, *options);

  std::string path;
  if (argc > 1) {
    path = argv[1];
  } else if (const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY")) {
    path = std::string(workspace) + "/" + kReportPath;
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
