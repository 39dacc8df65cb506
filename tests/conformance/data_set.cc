#include "tests/conformance/data_set.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace onnxforge::conformance {
namespace {

namespace fs = std::filesystem;
using reference::Value;

// The value in `path`, read as the proto `type` calls for; errors name the
// file.
absl::StatusOr<Value> ReadValue(const fs::path& path, const TypeProto& type) {
  const std::string file = path.filename().string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", file));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  TypeProto as = type;
  if (as.value_case() == TypeProto::VALUE_NOT_SET) as.mutable_tensor_type();
  absl::StatusOr<Value> value = Value::Parse(bytes.str(), as);
  if (!value.ok()) {
    return absl::Status(value.status().code(),
                        absl::StrCat(file, ": ", value.status().message()));
  }
  return value;
}

// The values in <kind>_0.pb, <kind>_1.pb, ... up to the first missing
// file, each read as the K-th of `declared` says. A file past the end of
// `declared` is an error that ends in `no_place`.
absl::StatusOr<std::vector<Value>> ReadNumbered(
    const fs::path& dir, const std::string& kind,
    const google::protobuf::RepeatedPtrField<ValueInfoProto>& declared,
    const std::string& no_place) {
  std::vector<Value> values;
  for (int k = 0;; ++k) {
    const fs::path file = dir / absl::StrCat(kind, "_", k, ".pb");
    if (!fs::exists(file)) break;
    if (k >= declared.size()) {
      return absl::InvalidArgumentError(absl::StrCat(file.filename().string(), no_place));
    }
    absl::StatusOr<Value> value = ReadValue(file, declared[k].type());
    if (!value.ok()) return value.status();
    values.push_back(*std::move(value));
  }
  return values;
}

// One test_data_set folder; errors leave out the folder's name.
absl::StatusOr<DataSet> LoadDataSet(const fs::path& dir, const GraphProto& graph) {
  absl::StatusOr<std::vector<Value>> inputs =
      ReadNumbered(dir, "input", graph.input(), " has no graph input to feed");
  if (!inputs.ok()) return inputs.status();
  absl::StatusOr<std::vector<Value>> outputs =
      ReadNumbered(dir, "output", graph.output(), " has no graph output to compare with");
  if (!outputs.ok()) return outputs.status();
  if (outputs->empty()) return absl::InvalidArgumentError("no output_0.pb to compare with");

  DataSet set;
  set.name = dir.filename().string();
  for (size_t k = 0; k < inputs->size(); ++k) {
    set.feeds[graph.input(static_cast<int>(k)).name()] = std::move((*inputs)[k]);
  }
  for (size_t k = 0; k < outputs->size(); ++k) {
    set.output_names.push_back(graph.output(static_cast<int>(k)).name());
  }
  set.expected = *std::move(outputs);
  return set;
}

// The op version an evaluation error says has no kernel ("... no kernel for
// Relu-14 (ai.onnx) and it has no function body"), or "".
std::string MissingKernelIn(const absl::Status& status) {
  const std::string message(status.message());
  constexpr char kNoKernel[] = "no kernel for ";
  const size_t at = message.find(kNoKernel);
  if (status.code() != absl::StatusCode::kUnimplemented || at == std::string::npos) return "";
  const size_t from = at + sizeof(kNoKernel) - 1;
  const size_t end = message.find(' ', from);
  return message.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

}  // namespace

absl::StatusOr<std::vector<DataSet>> LoadDataSets(const std::string& test_dir,
                                                  const GraphProto& graph) {
  std::vector<fs::path> dirs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(test_dir, error)) {
    if (entry.is_directory() &&
        absl::StartsWith(entry.path().filename().string(), "test_data_set_")) {
      dirs.push_back(entry.path());
    }
  }
  if (error) {
    return absl::NotFoundError(absl::StrCat("cannot list ", test_dir, ": ", error.message()));
  }
  if (dirs.empty()) return absl::NotFoundError("no test_data_set_* folder");
  std::sort(dirs.begin(), dirs.end());
  std::vector<DataSet> sets;
  for (const fs::path& dir : dirs) {
    absl::StatusOr<DataSet> set = LoadDataSet(dir, graph);
    if (!set.ok()) {
      return absl::Status(set.status().code(), absl::StrCat(dir.filename().string(), ": ",
                                                            set.status().message()));
    }
    sets.push_back(*std::move(set));
  }
  return sets;
}

std::string RunDataSet(const reference::Evaluator& evaluator, const DataSet& set,
                       const testing::Tolerances& tolerances, std::string* missing_kernel) {
  absl::StatusOr<std::vector<Value>> got = evaluator.Run(set.output_names, set.feeds);
  if (!got.ok()) {
    if (missing_kernel != nullptr) *missing_kernel = MissingKernelIn(got.status());
    return absl::StrCat("evaluation: ", got.status().message());
  }
  std::vector<std::string> diffs;
  for (size_t k = 0; k < set.expected.size(); ++k) {
    std::string diff = testing::CompareValues(set.expected[k], (*got)[k], tolerances);
    if (!diff.empty()) diffs.push_back(absl::StrCat("output '", set.output_names[k], "': ", diff));
  }
  return absl::StrJoin(diffs, "\n");
}

}  // namespace onnxforge::conformance
