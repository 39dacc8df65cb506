#include "tests/opsets/matrix/cell.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/shape_inference.h"
#include "version_converter/driver.h"

namespace onnxforge::opset_matrix {
namespace {

// The converter words every refusal as
//   <where>: cannot convert <Op>-<v> to <Op>-<w> (<domain> opset <a> to <b>): <why>
constexpr char kCannotConvert[] = "cannot convert ";

CellResult Failure(FailureStage stage, std::string reason, std::string message = "") {
  CellResult result;
  result.outcome = CellOutcome::kFailed;
  result.stage = stage;
  result.reason = std::move(reason);
  result.message = std::move(message);
  return result;
}

}  // namespace

bool IsRefusal(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kFailedPrecondition &&
      status.code() != absl::StatusCode::kUnimplemented) {
    return false;
  }
  return std::string(status.message()).find(kCannotConvert) != std::string::npos;
}

std::string RefusalReason(const std::string& message) {
  const size_t at = message.rfind(kCannotConvert);
  std::string rest =
      at == std::string::npos ? message : message.substr(at + sizeof(kCannotConvert) - 1);
  // Drop " (ai.onnx opset 14 to 13)": the same change is met from many
  // source and target opsets.
  const size_t close = rest.find("): ");
  const size_t open = close == std::string::npos ? std::string::npos : rest.rfind(" (", close);
  if (open != std::string::npos) {
    rest = absl::StrCat(rest.substr(0, open), ": ", rest.substr(close + 3));
  }
  // Drop the names of values ("input 0 ('X')"): they differ from model to
  // model while the reason stays the same.
  std::string reason;
  for (size_t i = 0; i < rest.size();) {
    const size_t name = rest.find(" ('", i);
    const size_t end = name == std::string::npos ? std::string::npos : rest.find("')", name + 3);
    if (end == std::string::npos) {
      reason += rest.substr(i);
      break;
    }
    reason += rest.substr(i, name - i);
    i = end + 2;
  }
  return reason;
}

std::string StageName(FailureStage stage) {
  switch (stage) {
    case FailureStage::kNone:
      return "";
    case FailureStage::kConvert:
      return "conversion error";
    case FailureStage::kChecker:
      return "checker";
    case FailureStage::kShapeInference:
      return "shape inference";
    case FailureStage::kOutputs:
      return "evaluation";
  }
  return "?";
}

CellResult RunCell(const BackendTest& test, const std::string& domain, int opset,
                   const testing::Tolerances& tolerances) {
  // The checker runs here rather than inside the converter, so that a
  // converted model the checker rejects is told apart from a refusal.
  version_converter::ConvertOptions options;
  options.check_result = false;
  absl::StatusOr<ModelProto> converted =
      version_converter::ConvertVersion(test.model, {{domain, opset}}, options);
  if (!converted.ok()) {
    const std::string message(converted.status().message());
    if (!IsRefusal(converted.status())) {
      return Failure(FailureStage::kConvert,
                     absl::StrCat(absl::StatusCodeToString(converted.status().code()), ": ",
                                  message),
                     message);
    }
    CellResult refused;
    refused.outcome = CellOutcome::kRefused;
    refused.reason = RefusalReason(message);
    refused.message = message;
    return refused;
  }

  if (absl::Status checked = CheckModel(*converted); !checked.ok()) {
    return Failure(FailureStage::kChecker, std::string(checked.message()));
  }
  ShapeInferenceOptions strict;
  strict.strict = true;
  if (absl::StatusOr<ModelProto> inferred = InferShapes(*converted, strict); !inferred.ok()) {
    return Failure(FailureStage::kShapeInference, std::string(inferred.status().message()));
  }
  std::string problem = RunDataSets(*converted, test, tolerances);
  if (!problem.empty()) return Failure(FailureStage::kOutputs, std::move(problem));
  CellResult passed;
  passed.outcome = CellOutcome::kPassed;
  return passed;
}

}  // namespace onnxforge::opset_matrix
