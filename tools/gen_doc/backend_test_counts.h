// How many of ONNX's backend node tests are about each operator, read from
// the conformance report (tests/conformance/report.md, its "Per op" table),
// which counts each test under the operator it is about.
#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace onnxforge::gen_doc {

// Where the report lives, relative to the workspace root.
inline constexpr char kConformanceReport[] = "tests/conformance/report.md";

// Test counts keyed by op as the report names it: "Relu", "ai.onnx.ml.ZipMap".
using BackendTestCounts = std::map<std::string, int>;

// Reads the "Per op" table of a report's text; `file` names it in errors.
absl::StatusOr<BackendTestCounts> ParseBackendTestCounts(const std::string& text,
                                                         const std::string& file);

absl::StatusOr<BackendTestCounts> ReadBackendTestCounts(const std::string& path);

}  // namespace onnxforge::gen_doc
