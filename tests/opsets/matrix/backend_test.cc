#include "tests/opsets/matrix/backend_test.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "reference/executor.h"

namespace onnxforge::opset_matrix {
namespace {

namespace fs = std::filesystem;
using reference::Value;

absl::StatusOr<Value> ReadValue(const fs::path& path, const TypeProto& type) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  TypeProto as = type;
  if (as.value_case() == TypeProto::VALUE_NOT_SET) as.mutable_tensor_type();
  absl::StatusOr<Value> value = Value::Parse(bytes.str(), as);
  if (!value.ok()) {
    return absl::Status(value.status().code(),
                        absl::StrCat(path.string(), ": ", value.status().message()));
  }
  return value;
}

absl::StatusOr<DataSet> LoadDataSet(const fs::path& dir, const GraphProto& graph) {
  DataSet set;
  set.name = dir.filename().string();
  for (int k = 0;; ++k) {
    const fs::path file = dir / absl::StrCat("input_", k, ".pb");
    if (!fs::exists(file)) break;
    if (k >= graph.input_size()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file.string(), " has no graph input to feed"));
    }
    absl::StatusOr<Value> value = ReadValue(file, graph.input(k).type());
    if (!value.ok()) return value.status();
    set.feeds[graph.input(k).name()] = *std::move(value);
  }
  for (int k = 0;; ++k) {
    const fs::path file = dir / absl::StrCat("output_", k, ".pb");
    if (!fs::exists(file)) break;
    if (k >= graph.output_size()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file.string(), " has no graph output to compare with"));
    }
    absl::StatusOr<Value> value = ReadValue(file, graph.output(k).type());
    if (!value.ok()) return value.status();
    set.output_names.push_back(graph.output(k).name());
    set.expected.push_back(*std::move(value));
  }
  if (set.expected.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(dir.string(), " has no output_0.pb"));
  }
  return set;
}

}  // namespace

absl::StatusOr<BackendTest> LoadBackendTest(const std::string& dir, ModelProto model) {
  const fs::path path(dir);
  BackendTest test;
  test.name = path.filename().string();
  test.model = std::move(model);

  std::vector<fs::path> data_dirs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(path, error)) {
    if (entry.is_directory() &&
        absl::StartsWith(entry.path().filename().string(), "test_data_set_")) {
      data_dirs.push_back(entry.path());
    }
  }
  if (error) {
    return absl::NotFoundError(absl::StrCat("cannot list ", dir, ": ", error.message()));
  }
  std::sort(data_dirs.begin(), data_dirs.end());
  if (data_dirs.empty()) {
    return absl::NotFoundError(absl::StrCat(test.name, " has no test_data_set_* folder"));
  }
  for (const fs::path& data_dir : data_dirs) {
    absl::StatusOr<DataSet> set = LoadDataSet(data_dir, test.model.graph());
    if (!set.ok()) return set.status();
    test.data_sets.push_back(*std::move(set));
  }
  return test;
}

std::string RunDataSets(const ModelProto& model, const BackendTest& test,
                        const testing::Tolerances& tolerances) {
  const reference::Evaluator evaluator(model);
  for (const DataSet& set : test.data_sets) {
    absl::StatusOr<std::vector<Value>> got = evaluator.Run(set.output_names, set.feeds);
    if (!got.ok()) return absl::StrCat(set.name, ": evaluation: ", got.status().message());
    std::vector<std::string> diffs;
    for (size_t k = 0; k < set.expected.size(); ++k) {
      std::string diff = testing::CompareValues(set.expected[k], (*got)[k], tolerances);
      if (!diff.empty()) {
        diffs.push_back(absl::StrCat("output '", set.output_names[k], "': ", diff));
      }
    }
    if (!diffs.empty()) return absl::StrCat(set.name, ": ", absl::StrJoin(diffs, "; "));
  }
  return "";
}

}  // namespace onnxforge::opset_matrix
