// One cell of the cross-opset matrix: a backend test's model converted to
// one opset of one domain, then checked, inferred and run on the test's
// data.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "tests/examples/value_compare.h"
#include "tests/opsets/matrix/backend_test.h"

namespace onnxforge::opset_matrix {

enum class CellOutcome {
  kPassed,   // converted, checked, inferred, and every output matches
  kRefused,  // the converter declined, naming the op and the versions
  kFailed,   // anything else
};

// Where a failing cell went wrong.
enum class FailureStage { kNone, kConvert, kChecker, kShapeInference, kOutputs };

struct CellResult {
  CellOutcome outcome = CellOutcome::kFailed;
  FailureStage stage = FailureStage::kNone;
  // For a refusal, the converter's reason without the node's label, the
  // opset pair and the names of values ("Relu-14 to Relu-13: input 0 has
  // type ..."), so that the same reason met at several targets and in
  // several models reads the same. For a failure, what went
  // wrong (may span lines). Empty for a pass.
  std::string reason;
  // For a refusal or a conversion error: the converter's whole message.
  std::string message;
};

// Converts test.model so that `domain` ("" or "ai.onnx.ml") imports
// `opset`, and runs the result as the conformance suite runs a model.
CellResult RunCell(const BackendTest& test, const std::string& domain, int opset,
                   const testing::Tolerances& tolerances);

// Whether an error from ConvertVersion is a refusal: a reason that names
// the op and the versions it could not cross.
bool IsRefusal(const absl::Status& status);

// The reason of a refusal message, as CellResult::reason keeps it.
std::string RefusalReason(const std::string& message);

std::string StageName(FailureStage stage);

}  // namespace onnxforge::opset_matrix
