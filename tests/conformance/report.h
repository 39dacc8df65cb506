// The conformance report, tests/conformance/report.md: how outputs are
// compared, the counts overall and per op, every failure with its reason,
// and every test not yet supported with what it misses.
#pragma once

#include <string>
#include <vector>

#include "tests/conformance/suite.h"

namespace onnxforge::conformance {

// Where the report lives in the source tree, and the command that writes it.
inline constexpr char kReportPath[] = "tests/conformance/report.md";
inline constexpr char kReportCommand[] = "bazel run //tests/conformance:conformance_report";

std::string FormatReport(const std::vector<TestResult>& results, const SuiteOptions& options);

}  // namespace onnxforge::conformance
