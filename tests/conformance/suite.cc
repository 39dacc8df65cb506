#include "tests/conformance/suite.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "data_paths.h"
#include "ir/model_io.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/function_body.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/shape_inference.h"
#include "reference/executor.h"
#include "reference/kernel.h"
#include "tests/conformance/data_set.h"
#include "tests/conformance/op_under_test.h"

namespace onnxforge::conformance {
namespace {

namespace fs = std::filesystem;
using testing::OpKey;

TestResult Failed(TestResult result, std::string reason) {
  result.outcome = Outcome::kFailed;
  result.reason = std::move(reason);
  return result;
}

TestResult Unsupported(TestResult result, std::string reason, std::vector<std::string> missing) {
  result.outcome = Outcome::kUnsupported;
  result.reason = std::move(reason);
  result.missing = std::move(missing);
  return result;
}

// "Relu-14", "ai.onnx.ml.ZipMap-1".
std::string VersionLabel(const OpKey& op, int version) {
  return absl::StrCat(testing::OpKeyName(op), "-", version);
}

// The op versions that have neither a kernel nor a function body. Ops the
// registry does not know at the imported opset are left to the checker.
std::vector<std::string> OpsWithoutKernel(const ModelProto& model) {
  std::set<std::string> missing;
  for (const testing::OpUse& use : testing::ModelOpUses(model)) {
    const OpSchema* schema =
        SchemaRegistry::Instance().Lookup(use.op.second, use.opset, use.op.first);
    if (schema == nullptr) continue;
    const bool kernel = reference::KernelRegistry::Instance().Find(
                            use.op.first, use.op.second, schema->since_version()) != nullptr;
    if (!kernel && !HasFunctionBodyAt(*schema, use.opset)) {
      missing.insert(VersionLabel(use.op, schema->since_version()));
    }
  }
  return {missing.begin(), missing.end()};
}

}  // namespace

std::string OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPassed:
      return "passed";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kUnsupported:
      return "not yet supported";
  }
  return "?";
}

absl::StatusOr<SuiteOptions> SharedDataOptions() {
  SuiteOptions options;
  const char* dir = std::getenv("ONNXFORGE_BACKEND_NODE_DIR");
  options.root = dir != nullptr ? dir : data::kBackendNodeDir;
  if (std::string(data::kSliceTxt).empty()) {
    return absl::NotFoundError(
        "the shared test data (../shared/slice.txt) is not in this checkout");
  }
  absl::StatusOr<std::set<OpKey>> slice = testing::ReadSliceOps(data::kSliceTxt);
  if (!slice.ok()) return slice.status();
  options.slice = *std::move(slice);
  return options;
}

TestResult RunTest(const std::string& dir, const SuiteOptions& options) {
  TestResult result;
  const fs::path path(dir);
  result.name = path.filename().string();
  result.op = "(no model)";
  absl::StatusOr<ModelProto> model = LoadModel((path / "model.onnx").string());
  if (!model.ok()) return Failed(result, absl::StrCat("model.onnx: ", model.status().message()));
  result.op = testing::OpKeyName(OpUnderTest(result.name, *model));

  std::vector<std::string> outside;
  for (const OpKey& op : testing::ModelOps(*model)) {
    if (options.slice.count(op) == 0) outside.push_back(testing::OpKeyName(op));
  }
  if (!outside.empty()) {
    return Unsupported(result, absl::StrCat("outside the slice: ", absl::StrJoin(outside, ", ")),
                       outside);
  }
  result.in_slice = true;
  std::vector<std::string> no_kernel = OpsWithoutKernel(*model);
  if (!no_kernel.empty()) {
    return Unsupported(result, absl::StrCat("no kernel for ", absl::StrJoin(no_kernel, ", ")),
                       no_kernel);
  }

  absl::Status checked = CheckModel(*model);
  if (!checked.ok()) return Failed(result, absl::StrCat("checker: ", checked.message()));
  ShapeInferenceOptions strict;
  strict.strict = true;
  absl::StatusOr<ModelProto> inferred = InferShapes(*model, strict);
  if (!inferred.ok()) {
    return Failed(result, absl::StrCat("shape inference: ", inferred.status().message()));
  }

  absl::StatusOr<std::vector<DataSet>> data_sets = LoadDataSets(dir, model->graph());
  if (!data_sets.ok()) return Failed(result, std::string(data_sets.status().message()));

  const reference::Evaluator evaluator(*std::move(model));
  for (const DataSet& data_set : *data_sets) {
    std::string missing_kernel;
    std::string problem = RunDataSet(evaluator, data_set, options.tolerances, &missing_kernel);
    if (!missing_kernel.empty()) {
      return Unsupported(result, absl::StrCat("no kernel for ", missing_kernel), {missing_kernel});
    }
    if (!problem.empty()) return Failed(result, absl::StrCat(data_set.name, ": ", problem));
  }
  result.outcome = Outcome::kPassed;
  return result;
}

absl::StatusOr<std::vector<TestResult>> RunSuite(const SuiteOptions& options) {
  std::vector<std::string> dirs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(options.root, error)) {
    if (entry.is_directory()) dirs.push_back(entry.path().string());
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("cannot list the backend tests in '", options.root, "': ", error.message()));
  }
  std::sort(dirs.begin(), dirs.end());
  std::vector<TestResult> results;
  results.reserve(dirs.size());
  for (const std::string& dir : dirs) results.push_back(RunTest(dir, options));

  // An expanded test counts for the op of the test it expands.
  std::map<std::string, std::string> op_of;
  for (const TestResult& r : results) op_of[r.name] = r.op;
  for (TestResult& r : results) {
    auto twin = op_of.find(UnexpandedName(r.name));
    if (twin != op_of.end() && !twin->second.empty()) r.op = twin->second;
  }
  return results;
}

}  // namespace onnxforge::conformance
