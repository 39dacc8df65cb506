// Runs ONNX's backend node tests with the reference evaluator.
//
// Each test folder holds model.onnx and test_data_set_N/ folders of
// input_K.pb and output_K.pb (TensorProto, SequenceProto, MapProto or
// OptionalProto after the graph input's or output's type). A test is
//   - not yet supported when it runs an op outside the slice, or an op
//     with neither a kernel nor a function body (the ops are named);
//   - failed when the model does not pass the checker or strict shape
//     inference, does not evaluate, or an output differs from the expected
//     one beyond the tolerance;
//   - passed otherwise.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/examples/op_usage.h"
#include "tests/examples/value_compare.h"

namespace onnxforge::conformance {

enum class Outcome { kPassed, kFailed, kUnsupported };

struct TestResult {
  std::string name;  // the folder's name: "test_abs"
  // The op the test is about ("Abs", "ai.onnx.ml.ZipMap"): see op_under_test.h.
  std::string op;
  // Every op the model runs is in the slice.
  bool in_slice = false;
  Outcome outcome = Outcome::kFailed;
  // Why it failed (may span lines), or what keeps it from running.
  std::string reason;
  // For a test not yet supported: the ops outside the slice, or the op
  // versions without a kernel ("Relu-14").
  std::vector<std::string> missing;
};

struct SuiteOptions {
  std::string root;  // the folder of test folders
  std::set<testing::OpKey> slice;
  testing::Tolerances tolerances = testing::Tolerances::ForConformance();
};

// The backend tests and the slice of the shared test data (data_paths.h);
// ONNXFORGE_BACKEND_NODE_DIR, when set, names another folder of tests. An
// error when the slice file cannot be read.
absl::StatusOr<SuiteOptions> SharedDataOptions();

// Runs one test folder.
TestResult RunTest(const std::string& dir, const SuiteOptions& options);

// Runs every test folder under options.root, in name order. An error only
// when the folder cannot be listed.
absl::StatusOr<std::vector<TestResult>> RunSuite(const SuiteOptions& options);

std::string OutcomeName(Outcome outcome);

}  // namespace onnxforge::conformance
