#include "tests/conformance/suite.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
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
#include "tests/conformance/op_under_test.h"

namespace onnxforge::conformance {
namespace {

namespace fs = std::filesystem;
using reference::Value;
using testing::OpKey;

bool ReadFile(const fs::path& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream out;
  out << in.rdbuf();
  *bytes = out.str();
  return true;
}

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

// The op version an evaluation error says has no kernel ("... no kernel for
// Relu-14 (ai.onnx) and it has no function body"), or "".
std::string MissingKernelIn(const absl::Status& status) {
  const std::string message(status.message());
  const size_t at = message.find("no kernel for ");
  if (status.code() != absl::StatusCode::kUnimplemented || at == std::string::npos) return "";
  const size_t from = at + 14;
  const size_t end = message.find(' ', from);
  return message.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

// The value in `path`, read as the proto `type` calls for.
absl::StatusOr<Value> ReadValue(const fs::path& path, const TypeProto& type) {
  std::string bytes;
  if (!ReadFile(path, &bytes)) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path.filename().string()));
  }
  TypeProto as = type;
  if (as.value_case() == TypeProto::VALUE_NOT_SET) as.mutable_tensor_type();
  absl::StatusOr<Value> value = Value::Parse(bytes, as);
  if (!value.ok()) {
    return absl::Status(value.status().code(), absl::StrCat(path.filename().string(), ": ",
                                                            value.status().message()));
  }
  return value;
}

// Runs one test_data_set folder; "" when every output matches.
std::string RunDataSet(const reference::Evaluator& evaluator, const fs::path& data_dir,
                       const SuiteOptions& options, std::string* missing_kernel) {
  const GraphProto& graph = evaluator.model().graph();
  std::map<std::string, Value> feeds;
  for (int k = 0;; ++k) {
    const fs::path file = data_dir / absl::StrCat("input_", k, ".pb");
    if (!fs::exists(file)) break;
    if (k >= graph.input_size()) {
      return absl::StrCat(file.filename().string(), " has no graph input to feed");
    }
    absl::StatusOr<Value> value = ReadValue(file, graph.input(k).type());
    if (!value.ok()) return std::string(value.status().message());
    feeds[graph.input(k).name()] = *std::move(value);
  }
  std::vector<std::string> names;
  std::vector<Value> expected;
  for (int k = 0;; ++k) {
    const fs::path file = data_dir / absl::StrCat("output_", k, ".pb");
    if (!fs::exists(file)) break;
    if (k >= graph.output_size()) {
      return absl::StrCat(file.filename().string(), " has no graph output to compare with");
    }
    absl::StatusOr<Value> value = ReadValue(file, graph.output(k).type());
    if (!value.ok()) return std::string(value.status().message());
    names.push_back(graph.output(k).name());
    expected.push_back(*std::move(value));
  }
  if (names.empty()) return "no output_0.pb to compare with";
  absl::StatusOr<std::vector<Value>> got = evaluator.Run(names, feeds);
  if (!got.ok()) {
    *missing_kernel = MissingKernelIn(got.status());
    return absl::StrCat("evaluation: ", got.status().message());
  }
  std::vector<std::string> diffs;
  for (size_t k = 0; k < expected.size(); ++k) {
    std::string diff = testing::CompareValues(expected[k], (*got)[k], options.tolerances);
    if (!diff.empty()) diffs.push_back(absl::StrCat("output '", names[k], "': ", diff));
  }
  return absl::StrJoin(diffs, "\n");
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

  std::vector<fs::path> data_dirs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(path, error)) {
    if (entry.is_directory() &&
        absl::StartsWith(entry.path().filename().string(), "test_data_set_")) {
      data_dirs.push_back(entry.path());
    }
  }
  std::sort(data_dirs.begin(), data_dirs.end());
  if (data_dirs.empty()) return Failed(result, "no test_data_set_* folder");

  const reference::Evaluator evaluator(*std::move(model));
  for (const fs::path& data_dir : data_dirs) {
    std::string missing_kernel;
    std::string problem = RunDataSet(evaluator, data_dir, options, &missing_kernel);
    if (!missing_kernel.empty()) {
      return Unsupported(result, absl::StrCat("no kernel for ", missing_kernel), {missing_kernel});
    }
    if (!problem.empty()) {
      return Failed(result, absl::StrCat(data_dir.filename().string(), ": ", problem));
    }
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
