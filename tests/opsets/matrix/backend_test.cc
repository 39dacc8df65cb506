#include "tests/opsets/matrix/backend_test.h"

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "reference/executor.h"

namespace onnxforge::opset_matrix {

absl::StatusOr<BackendTest> LoadBackendTest(const std::string& dir, ModelProto model) {
  absl::StatusOr<std::vector<conformance::DataSet>> data_sets =
      conformance::LoadDataSets(dir, model.graph());
  if (!data_sets.ok()) return data_sets.status();
  BackendTest test;
  test.name = std::filesystem::path(dir).filename().string();
  test.model = std::move(model);
  test.data_sets = *std::move(data_sets);
  return test;
}

std::string RunDataSets(const ModelProto& model, const BackendTest& test,
                        const testing::Tolerances& tolerances) {
  const reference::Evaluator evaluator(model);
  for (const conformance::DataSet& set : test.data_sets) {
    std::string problem = conformance::RunDataSet(evaluator, set, tolerances);
    if (!problem.empty()) return absl::StrCat(set.name, ": ", problem);
  }
  return "";
}

}  // namespace onnxforge::opset_matrix
