// opdev lint over the workspace's own sources (the test's data), with the
// registries they build: every finding is a failure, printed as
// file:line: message.
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "tools/opdev/lint.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {
namespace {

TEST(Lint, WorkspaceHasNoFindings) {
  // Bazel runs the test in its runfiles, laid out like the workspace.
  Workspace ws(std::filesystem::current_path().string());
  absl::StatusOr<LintResult> result = Lint(ws, LintOptions{});
  ASSERT_TRUE(result.ok()) << result.status();
  std::string report;
  for (const Finding& finding : result->findings) report += FormatFinding(finding) + "\n";
  EXPECT_TRUE(result->findings.empty()) << result->findings.size() << " findings:\n" << report;
  // The data reached the test: every kind of source was read.
  EXPECT_GT(result->schema_versions, 0);
  EXPECT_GT(result->examples, 0);
  EXPECT_GT(result->kernels, 0);
  EXPECT_GT(result->adapter_lines, 0);
}

}  // namespace
}  // namespace onnxforge::opdev
