// Fails when tests/conformance/report.md differs from what the suite gives
// now, and says how to regenerate it.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/conformance/report.h"
#include "tests/conformance/suite.h"

namespace onnxforge::conformance {
namespace {

TEST(Report, IsUpToDate) {
  // The committed report is of ONNX 1.22's suite; other test data gives
  // other counts.
  absl::StatusOr<SuiteOptions> options = SharedDataOptions();
  if (!options.ok()) GTEST_SKIP() << options.status();
  if (!absl::StrContains(options->root, "onnx-backend-v1.22")) {
    GTEST_SKIP() << "the backend tests here are not ONNX 1.22's: " << options->root;
  }
  absl::StatusOr<std::vector<TestResult>> results = RunSuite(*options);
  ASSERT_TRUE(results.ok()) << results.status();
  const std::string fresh = FormatReport(*results, *options);

  std::ifstream in(kReportPath, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << kReportPath << "; write it with: " << kReportCommand;
  std::ostringstream committed;
  committed << in.rdbuf();
  if (committed.str() == fresh) return;

  const std::vector<std::string> old_lines = absl::StrSplit(committed.str(), '\n');
  const std::vector<std::string> new_lines = absl::StrSplit(fresh, '\n');
  size_t line = 0;
  while (line < old_lines.size() && line < new_lines.size() &&
         old_lines[line] == new_lines[line]) {
    ++line;
  }
  ADD_FAILURE() << kReportPath << " is out of date; regenerate it with:\n  " << kReportCommand
                << "\nFirst difference at line " << (line + 1) << ":\n  committed: "
                << (line < old_lines.size() ? old_lines[line] : "(end of file)")
                << "\n  now:       "
                << (line < new_lines.size() ? new_lines[line] : "(end of file)");
}

}  // namespace
}  // namespace onnxforge::conformance
