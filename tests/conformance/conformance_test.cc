// ONNX's backend node tests through the reference evaluator: every test
// whose ops are all in the slice must pass. Prints each such test that
// does not pass, with the reason, then counts per op.
#include <iostream>
#include <map>
#include <string>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/conformance/report.h"
#include "tests/conformance/suite.h"

namespace onnxforge::conformance {
namespace {

TEST(Conformance, EveryTestWithSliceOpsPasses) {
  absl::StatusOr<SuiteOptions> options = SharedDataOptions();
  if (!options.ok()) GTEST_SKIP() << options.status();
  absl::StatusOr<std::vector<TestResult>> results = RunSuite(*options);
  ASSERT_TRUE(results.ok()) << results.status();

  int in_slice = 0, passed = 0, failed = 0, unsupported = 0, outside = 0;
  std::map<std::string, std::vector<std::string>> failing_by_op;
  for (const TestResult& r : *results) {
    if (!r.in_slice) {
      ++outside;
      if (r.outcome == Outcome::kFailed) {
        ADD_FAILURE() << r.name << ": " << r.reason;  // e.g. a model that does not load
      }
      continue;
    }
    ++in_slice;
    if (r.outcome == Outcome::kPassed) {
      ++passed;
      continue;
    }
    if (r.outcome == Outcome::kFailed) {
      ++failed;
    } else {
      ++unsupported;
    }
    failing_by_op[r.op].push_back(r.name);
    std::cout << (r.outcome == Outcome::kFailed ? "FAIL " : "NO KERNEL ") << r.name << " ["
              << r.op << "]: " << r.reason << "\n";
  }
  std::cout << "\nTests not passing, by op:\n";
  for (const auto& [op, tests] : failing_by_op) {
    std::cout << "  " << op << ": " << tests.size() << " (" << absl::StrJoin(tests, ", ")
              << ")\n";
  }
  std::cout << "\n"
            << results->size() << " backend tests; " << in_slice
            << " use only ops of the slice: " << passed << " passed, " << failed << " failed, "
            << unsupported << " lack a kernel; " << outside
            << " use ops outside the slice (listed in " << kReportPath << ")\n";
  EXPECT_EQ(failed + unsupported, 0)
      << (failed + unsupported) << " of " << in_slice << " tests of the slice do not pass";
}

}  // namespace
}  // namespace onnxforge::conformance
